import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  artifactFromUntrusted,
  MAX_ARTIFACT_BYTES,
  readCommentArtifact,
  writeCommentArtifact,
  type CommentArtifact,
} from '../../src/report/artifact.js';
import { compareReports, evaluateGates } from '../../src/report/compare.js';
import { COMMENT_MAX_LENGTH, renderReport } from '../../src/report/render.js';
import { reportFromUntrusted } from '../../src/report/untrusted.js';
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
    expect({ ...read.report, git: { ...read.report.git, pullRequest: 42 } }).toEqual(
      JSON.parse(JSON.stringify(pullRequestReport())),
    );
    expect(read.base).toEqual(JSON.parse(JSON.stringify(baseReport())));
    expect(read.trend?.points).toEqual(mainHistory());
    expect(read.gates).toEqual({ sizeBudget: undefined, maxSizeIncrease: { percent: 5 } });
    expect(read.gateOverride).toBe('size-increase-ok');
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
      marker: '<!-- m -->',
    });
    expect(body.length).toBeLessThan(65_536);
  });

  it('keeps only http(s) Dockerfile links', () => {
    const value = JSON.parse(JSON.stringify(pullRequestReport()));
    value.dockerfile.url = 'javascript:alert(1)';
    expect(reportFromUntrusted(value).dockerfile).toEqual({ path: 'Dockerfile' });
  });
});
