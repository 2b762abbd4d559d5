// The report end to end: real builds, a base report kept in the cache backend, and the sticky
// comment posted to a local stand-in for GitHub's REST API that records every call.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { removeImages, wipeBuilder } from '../../scripts/harness/engine.js';
import { pullRequestEvent, pushEvent, type Trigger } from '../../scripts/harness/runner/events.js';
import { startGitHubApi, type ApiFault, type GitHubApi } from '../../scripts/harness/services/github-api.js';
import { commentMarker } from '../../src/github/comment-sections.js';
import { errorsOf, warningsOf, localCacheInputs } from './support/runs.js';
import { useStack } from './support/use-stack.js';
import { dependencyCacheNet } from '../../src/report/cost.js';

const MARKER = '<!-- docker-fast-build:comment';

describe('report: base comparison, sticky comment, gates', () => {
  const suite = useStack({
    image: 'e2e-report',
    workspace: { project: 'pip-small' },
    cacheDir: true,
    wheels: { payloadMB: 4 },
    // 150 unrelated comments: finding ours needs the second page.
    githubApi: {
      existingComments: Array.from({ length: 150 }, (_, i) => ({ id: i + 1, body: `chatter ${i}` })),
    },
  });
  const { image, workspace, cacheDir, githubApi: api } = suite;
  const inputs = localCacheInputs(image, cacheDir);

  const run = (extra: Record<string, string>, event: Trigger) =>
    suite.run({ inputs: { ...inputs, ...extra }, ...event, githubToken: 'ghs_test-token' });
  /** A run of pull request `number` that comments through another stand-in for GitHub's API, with `githubToken`. */
  const runAgainst = (other: GitHubApi, number: number, githubToken: string) =>
    suite.run({
      inputs,
      ...pullRequestEvent(number, 'feature/grow'),
      githubToken,
      env: { GITHUB_API_URL: other.url },
    });
  const ourComments = () => api.comments(5).filter((c) => c.body.includes(MARKER));

  it('a push to main measures the image, writes the JSON report and keeps it as the base', async () => {
    wipeBuilder();
    const result = await run({}, pushEvent('main'));
    expect(result.exitCode).toBe(0);
    expect(Number(result.outputs.size)).toBeGreaterThan(100_000_000);
    expect(result.report?.size?.compressedBytes).toBeGreaterThan(0);
    expect(result.report?.size?.compressedBytes).toBeLessThan(Number(result.outputs.size));
    expect(result.outputs['size-delta']).toBe('');
    const report = JSON.parse(readFileSync(result.outputs.report!, 'utf8'));
    expect(report.schema).toBe('docker-fast-build/report@1');
    expect(report.size.bytes).toBe(Number(result.outputs.size));
    expect(report.git.branch).toBe('main');
    expect(api.calls).toEqual([]);
    expect(result.summary).toContain('This run is the base for pull requests into <code>main</code>');
    // Layers named as people know them: the FROM image, the Dockerfile's lines, no `# buildkit`.
    expect(result.summary).toContain('<code>FROM 127.0.0.1:5000/python:3.11-slim</code> (base image)');
    expect(result.summary).toMatch(
      /<a href="[^"]+\/Dockerfile&#35;L4">Dockerfile:4<\/a> <code>RUN --mount=type=cache/,
    );
    expect(result.summary).not.toContain('# buildkit');
  });

  it('a second push keeps both runs, and the summary shows them as a trend', async () => {
    const result = await run({}, pushEvent('main'));
    expect(result.exitCode).toBe(0);
    expect(result.summary).toMatch(
      /\| Trend on <code>main<\/code> \| last 2 \| [\d-]+ \| [\d-]+ \|\n\| --- \| --- \| --- \| --- \|\n\| Image size \| <code>[▁-█]{2}<\/code> \| [\d.]+ MB \| [\d.]+ MB \|/,
    );
    // The layer cache served the install step: the dependency cache is credited with nothing.
    expect(result.summary).toContain('saved 0 s (the install steps came from the layer cache)');
    const net = dependencyCacheNet(result.report!);
    expect(net?.spentSeconds).toBeGreaterThanOrEqual(0);
    expect(net?.savedSeconds).toBeCloseTo(0, 2);
  });

  it('a pull request that grows the image gets one comment with the change against main', async () => {
    appendFileSync(path.join(workspace, 'Dockerfile'), 'RUN head -c 5000000 /dev/urandom > /blob.bin\n');
    const result = await run({}, pullRequestEvent(5, 'feature/grow'));
    expect(result.exitCode).toBe(0);
    const delta = Number(result.outputs['size-delta']);
    expect(delta).toBeGreaterThanOrEqual(5_000_000);
    expect(delta).toBeLessThan(5_200_000);
    expect(api.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/comments'))).toHaveLength(1);
    const [comment] = ourComments();
    expect(comment?.body).toContain('<code>main</code> (base)');
    expect(comment?.body).toMatch(
      /\| Image size \| [\d.]+ MB \| [\d.]+ MB \| \+5\.\d MB \(\+[\d.]+%\) ⚠️ \|/,
    );
    expect(comment?.body).toContain('<details><summary>Layers: 1 changed');
    // The new layer is named by its Dockerfile line, linked at the pull request's head commit.
    const appendedLine = readFileSync(path.join(workspace, 'Dockerfile'), 'utf8')
      .trimEnd()
      .split('\n').length;
    expect(comment?.body).toContain(
      `| 5.0 MB | new | <a href="https://github.com/example/app/blob/${'0'.repeat(40)}/Dockerfile&#35;L${appendedLine}">Dockerfile:${appendedLine}</a> <code>RUN head -c 5000000 /dev/urandom &gt; /blob.bin</code> |`,
    );
    expect(comment?.body).toContain('layers unchanged (within 1.0 MB or 1%)');
    expect(comment?.body).toMatch(
      /\| Trend on <code>main<\/code> \| last 2 \| [\d-]+ \| [\d-]+ \| this PR \|/,
    );
    expect(comment?.body).toContain('<details><summary>Cost: action overhead ');
    expect(comment?.body).not.toContain('# buildkit');
    expect(result.summary).toContain('| Image size |');
    expect(result.summary).not.toContain(MARKER);
  });

  it('the next run of the same pull request updates that comment instead of adding one', async () => {
    const before = ourComments();
    api.calls.length = 0;
    const result = await run({}, pullRequestEvent(5, 'feature/grow'));
    expect(result.exitCode).toBe(0);
    // No comment created; the GraphQL lookup of whose comments are ours is a POST too.
    expect(api.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/comments'))).toEqual([]);
    expect(api.calls.filter((c) => c.method === 'PATCH').map((c) => c.path)).toEqual([
      `/repos/example/app/issues/comments/${before[0]!.id}`,
    ]);
    expect(ourComments()).toHaveLength(1);
    expect(api.comments(5)).toHaveLength(151);
  });

  it('a token that may not write (403) costs only the comment: warning, summary, green job', async () => {
    api.setFault('forbidden');
    const result = await run({}, pullRequestEvent(5, 'feature/grow'));
    api.setFault('none');
    expect(result.exitCode).toBe(0);
    const warnings = warningsOf(result);
    expect(warnings.some((w) => w.startsWith('Could not post the report comment'))).toBe(true);
    expect(result.summary).toContain('| Image size |');
  });

  it.each<[ApiFault, number]>([
    ['not-found', 404],
    ['server-error', 500],
  ])('a GitHub API answering %s costs only the comment', async (fault) => {
    api.setFault(fault);
    const result = await run({}, pullRequestEvent(5, 'feature/grow'));
    api.setFault('none');
    expect(result.exitCode).toBe(0);
    const warnings = warningsOf(result);
    expect(warnings.filter((w) => w.startsWith('Could not post the report comment'))).toHaveLength(1);
    expect(result.summary).toContain('| Image size |');
  });

  it('a secondary rate limit is waited out and the comment still lands', async () => {
    api.setFault('secondary-rate-limit');
    api.calls.length = 0;
    const result = await run({}, pullRequestEvent(5, 'feature/grow'));
    api.setFault('none');
    expect(result.exitCode).toBe(0);
    expect(api.calls.filter((c) => c.method === 'PATCH')).toHaveLength(1);
    expect(result.annotations.filter((a) => a.level === 'warning')).toEqual([]);
  });

  it('a size budget fails the job after the comment and the summary are written', async () => {
    api.calls.length = 0;
    const result = await run({ 'size-budget': '1MB' }, pullRequestEvent(5, 'feature/grow'));
    expect(result.exitCode).toBe(1);
    const errors = errorsOf(result);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^The image is [\d.]+ MB, over the size budget of 1\.0 MB\.$/);
    expect(api.calls.filter((c) => c.method === 'PATCH')).toHaveLength(1);
    expect(ourComments()[0]?.body).toContain('[!CAUTION]');
    expect(result.summary).toContain('over the size budget');
    expect(existsSync(result.outputs.report!)).toBe(true);
  });

  it('a growth limit: the comment, summary and JSON report are written first, then the job fails with one message', async () => {
    api.calls.length = 0;
    const result = await run({ 'max-size-increase': '1MB' }, pullRequestEvent(5, 'feature/grow'));
    expect(result.exitCode).toBe(1);
    const errors = errorsOf(result);
    expect(errors).toEqual([expect.stringMatching(/^The image grew by 5\.\d MB .*1\.0 MB/)]);
    expect(api.calls.filter((c) => c.method === 'PATCH')).toHaveLength(1);
    expect(ourComments()[0]?.body).toContain('[!CAUTION]');
    expect(result.summary).toContain('[!CAUTION]');
    const report = JSON.parse(readFileSync(result.outputs.report!, 'utf8')) as { size: { bytes: number } };
    expect(report.size.bytes).toBe(Number(result.outputs.size));
    // The outputs are set before the failure, too.
    expect(Number(result.outputs['size-delta'])).toBeGreaterThanOrEqual(5_000_000);
  });

  it('a comment someone else posted with our marker is never taken over', async () => {
    const marker = commentMarker('ci');
    const impostor = {
      id: 1,
      body: `${marker}\nAll good, merge it!`,
      user: { login: 'mallory', type: 'User' },
    };
    const other = await startGitHubApi({ existingComments: [impostor] });
    try {
      const runWith = () => runAgainst(other, 7, 'ghs_test-token');
      expect((await runWith()).exitCode).toBe(0);
      const created = other.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/issues/7/comments'));
      expect(created).toHaveLength(1);
      expect(other.calls.filter((c) => c.method === 'PATCH')).toEqual([]);
      const ours = other.comments(7).filter((c) => c.user?.login === 'github-actions[bot]');
      expect(ours).toHaveLength(1);
      // The next run finds its own comment again, and still leaves the impostor's alone.
      expect((await runWith()).exitCode).toBe(0);
      expect(other.calls.filter((c) => c.method === 'PATCH').map((c) => c.path)).toEqual([
        `/repos/example/app/issues/comments/${ours[0]!.id}`,
      ]);
      expect(other.comments(7).find((c) => c.id === 1)?.body).toBe(impostor.body);
    } finally {
      await other.close();
    }
  });

  it('when GitHub will not say who the token is, the Actions bot’s comment is updated, not a new one added each run', async () => {
    const marker = commentMarker('ci');
    const existing = [
      // The bot's own report from an earlier run.
      {
        id: 1,
        body: `${marker}\n### docker-fast-build: old`,
        user: { login: 'github-actions[bot]', type: 'Bot' },
      },
      // A bot comment that only quotes the marker further down is not the report.
      { id: 2, body: `Quoting:\n${marker}`, user: { login: 'github-actions[bot]', type: 'Bot' } },
    ];
    const refusing = await startGitHubApi({ existingComments: existing, viewerRefused: true });
    try {
      const runWith = () => runAgainst(refusing, 8, 'ghs_installation-token');
      for (let attempt = 0; attempt < 2; attempt++) expect((await runWith()).exitCode).toBe(0);
      expect(
        refusing.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/issues/8/comments')),
      ).toEqual([]);
      expect(refusing.calls.filter((c) => c.method === 'PATCH').map((c) => c.path)).toEqual([
        '/repos/example/app/issues/comments/1',
        '/repos/example/app/issues/comments/1',
      ]);
      expect(refusing.comments(8).find((c) => c.id === 2)?.body).toBe(existing[1]!.body);
    } finally {
      await refusing.close();
    }
  });

  it('a report too long for a comment is trimmed to fit, so it is posted (GitHub refuses over 65 536 characters)', async () => {
    const unknown = Array.from({ length: 300 }, (_, i) => `/no/such/mount/${i}/${'x'.repeat(240)}`).join(
      '\n',
    );
    const result = await run({ 'dependency-cache': unknown }, pullRequestEvent(8, 'feature/grow'));
    expect(result.exitCode).toBe(0);
    expect(
      result.annotations.filter((a) => a.message.startsWith('Could not post the report comment')),
    ).toEqual([]);
    const body = api.comments(8).find((c) => c.body.includes(MARKER))?.body ?? '';
    expect(body.length).toBeGreaterThan(1000);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('| Image size |');
    expect(body).toContain('the job summary has them all');
    expect(result.summary.length).toBeGreaterThan(65_536);
  });

  it('the override label turns a failing gate into a warning, and the comment says so', async () => {
    const result = await run(
      { 'size-budget': '1MB' },
      pullRequestEvent(5, 'feature/grow', 'main', ['size-increase-ok']),
    );
    expect(result.exitCode).toBe(0);
    const warnings = warningsOf(result);
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /^Size gate overridden by the label 'size-increase-ok': The image is [\d.]+ MB, over/,
      ),
    );
    expect(ourComments()[0]?.body).toContain(
      '**Size gate overridden** by the label <code>size-increase-ok</code>',
    );
    expect(ourComments()[0]?.body).not.toContain('[!CAUTION]');
  });

  it('branch names cannot break the Markdown or mention anyone', async () => {
    const evil = 'evil/<!--x--></details>@admin`$(id)`#1';
    const result = await run({}, pullRequestEvent(6, evil));
    expect(result.exitCode).toBe(0);
    const body = api.comments(6).find((c) => c.body.includes(MARKER))?.body ?? '';
    expect(body).not.toContain('@admin');
    expect(body).not.toContain('<!--x-->');
    expect(body.split('<details>').length).toBe(body.split('</details>').length);
  });
});

describe('report: one comment per pull request for every image, and comment: on-change', () => {
  const suite = useStack({
    image: 'e2e-report-sections',
    workspace: { project: 'pip-small' },
    cacheDir: true,
    wheels: { payloadMB: 4 },
    githubApi: {},
  });
  const { image, cacheDir, githubApi: api } = suite;
  const otherImage = `${image}-worker`;
  const inputs = localCacheInputs(image, cacheDir);
  afterAll(() => removeImages(otherImage));

  const run = (extra: Record<string, string>, event: Trigger, runner = 'runner-1') =>
    suite.run({ inputs: { ...inputs, ...extra }, ...event, runner, githubToken: 'ghs_test-token' });
  const ourComments = (issue: number) => api.comments(issue).filter((c) => c.body.includes(MARKER));
  const posts = (issue: number) =>
    api.calls.filter((c) => c.method === 'POST' && c.path.endsWith(`/issues/${issue}/comments`));

  it('two images built at once by two jobs for one pull request end in one comment holding both', async () => {
    wipeBuilder();
    expect((await run({}, pushEvent('main'))).exitCode).toBe(0);
    const [first, second] = await Promise.all([
      run({}, pullRequestEvent(30, 'feature/matrix'), 'runner-a'),
      run({ image: otherImage }, pullRequestEvent(30, 'feature/matrix'), 'runner-b'),
    ]);
    expect(first.exitCode).toBe(0);
    expect(second.exitCode).toBe(0);
    const comments = ourComments(30);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body.match(/^<!-- docker-fast-build:image=/gm)).toHaveLength(2);
    expect(body).toContain(`<!-- docker-fast-build:image=${image} key=`);
    expect(body).toContain(`<!-- docker-fast-build:image=${otherImage} key=`);
    expect(body).not.toContain('Stale');
    // Gates, outputs and the job summary stay each job's own.
    expect(first.summary).not.toContain(otherImage);
    expect(second.summary).toContain(otherImage);
    // A comment one of them created and then found doubled was deleted, not left behind.
    const deleted = api.calls.filter((c) => c.method === 'DELETE').length;
    expect(posts(30).length - deleted).toBe(1);
  });

  it('comment: on-change posts nothing for a pull request that changes neither size nor gates', async () => {
    api.calls.length = 0;
    const result = await run({ comment: 'on-change' }, pullRequestEvent(31, 'feature/docs-only'));
    expect(result.exitCode).toBe(0);
    expect(posts(31)).toEqual([]);
    expect(ourComments(31)).toEqual([]);
    expect(result.summary).toContain('(no change)');
  });

  it('comment: on-change still updates the comment a pull request has, so it never goes stale', async () => {
    expect((await run({}, pullRequestEvent(32, 'feature/docs-only'))).exitCode).toBe(0);
    const [existing] = ourComments(32);
    expect(existing).toBeDefined();
    api.calls.length = 0;
    const result = await run({ comment: 'on-change' }, pullRequestEvent(32, 'feature/docs-only'));
    expect(result.exitCode).toBe(0);
    expect(posts(32)).toEqual([]);
    expect(api.calls.filter((c) => c.method === 'PATCH').map((c) => c.path)).toEqual([
      `/repos/example/app/issues/comments/${existing!.id}`,
    ]);
    expect(ourComments(32)).toHaveLength(1);
    const verdict = result.summary.split('\n').find((line) => line.startsWith('**'));
    expect(verdict).toContain('(no change)');
    expect(ourComments(32)[0]!.body).toContain(verdict);
  });
});
