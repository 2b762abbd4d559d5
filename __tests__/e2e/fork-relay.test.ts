// Fork pull requests through the workflow_run pattern, for real: a fork's pull_request run (a
// read-only token: it comments nothing) leaves its report as an artifact; a workflow_run run of the
// comment-from-artifact sub-action posts the sticky comment to the local GitHub API stand-in, taking
// the pull request from the event and reading the artifact as untrusted.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { forkPullRequestEvent, workflowRunEvent, type Trigger } from '../../scripts/harness/runner/events.js';
import { errorsOf, localCacheInputs } from './support/runs.js';
import { useStack } from './support/use-stack.js';
import { ACTION_DIR } from '../../scripts/harness/runner/run-action.js';

const MARKER = '<!-- docker-fast-build:comment';
const FORK = { full_name: 'mallory/app' };
const HEAD_SHA = 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0';
const RELAY_DIR = path.join(ACTION_DIR, 'comment-from-artifact');

/** What GitHub sends the relay workflow: pull_requests is empty for a fork's run. */
function relayEvent(pullRequests: { number: number; head: { sha: string } }[] = []): Trigger {
  return workflowRunEvent({
    id: 4242,
    name: 'ci',
    event: 'pull_request',
    conclusion: 'success',
    head_sha: HEAD_SHA,
    head_branch: 'patch-1',
    head_repository: FORK,
    pull_requests: pullRequests,
  });
}

describe('fork pull requests: the report artifact and the workflow_run relay', () => {
  const suite = useStack({
    image: 'e2e-relay',
    workspace: { project: 'pip-small' },
    cacheDir: true,
    wheels: { payloadMB: 4 },
    githubApi: {
      pullRequests: [{ number: 12, head: { ref: 'patch-1', sha: HEAD_SHA, user: { login: 'mallory' } } }],
    },
  });
  const { image, workspace, cacheDir, githubApi: api } = suite;
  const inputs = localCacheInputs(image, cacheDir);
  let downloaded: string;
  beforeAll(() => {
    downloaded = suite.tempDir('dfb-e2e-relay-artifact-');
  });

  const relay = (event: Trigger, reportFile = downloaded) =>
    suite.run({
      actionDir: RELAY_DIR,
      inputs: { 'artifact-path': reportFile },
      workspace: suite.tempDir('dfb-e2e-relay-ws-'),
      ...event,
      githubToken: 'ghs_relay-token',
      env: { GITHUB_WORKFLOW: 'report comment' },
    });
  const ourComments = (issue: number) => api.comments(issue).filter((c) => c.body.includes(MARKER));

  it('the fork pull request run comments nothing and leaves the report as an artifact', async () => {
    suite.freshRunner();
    expect((await suite.run({ inputs })).exitCode).toBe(0);
    writeFileSync(
      path.join(workspace, 'Dockerfile'),
      `${readFileSync(path.join(workspace, 'Dockerfile'), 'utf8')}RUN head -c 3000000 /dev/urandom > /blob.bin\n`,
    );
    const result = await suite.run({
      inputs,
      ...forkPullRequestEvent(12, 'patch-1', { fork: FORK.full_name, sha: HEAD_SHA }),
      githubToken: 'ghs_read-only',
    });
    expect(result.exitCode).toBe(0);
    expect(api.calls).toEqual([]);
    const dir = result.outputs['comment-artifact']!;
    const artifact = JSON.parse(readFileSync(path.join(dir, 'pr-report.json'), 'utf8'));
    expect(artifact.schema).toBe('docker-fast-build/pr-report@1');
    expect(artifact.report.size.bytes).toBe(Number(result.outputs.size));
    expect(artifact.base.git.branch).toBe('main');
    expect(readFileSync(path.join(dir, 'comment.md'), 'utf8')).toContain('| Image size |');
    // What actions/upload-artifact and actions/download-artifact carry across.
    cpSync(dir, downloaded, { recursive: true });
  });

  it('the workflow_run relay finds the pull request from the event and posts the sticky comment', async () => {
    const result = await relay(relayEvent());
    expect(result.exitCode).toBe(0);
    expect(result.outputs['pull-request']).toBe('12');
    const lookup = api.calls.find((c) => c.method === 'GET' && c.path === '/repos/example/app/pulls');
    expect(lookup).toBeDefined();
    const [comment] = ourComments(12);
    expect(comment?.body).toContain('workflow=ci');
    expect(comment?.body).toMatch(/\| Image size \| [\d.]+ MB \| [\d.]+ MB \| \+3\.0 MB \(\+[\d.]+%\) ⚠️ \|/);
    expect(comment?.body).toContain('<code>main</code> (base)');
    console.log(`Comment posted by the relay on #12:\n${comment?.body}`);
  });

  it('a second relay run updates that comment; GitHub’s own pull_requests list is used when it has one', async () => {
    const before = ourComments(12);
    api.calls.length = 0;
    const result = await relay(relayEvent([{ number: 12, head: { sha: HEAD_SHA } }]));
    expect(result.exitCode).toBe(0);
    expect(api.calls.some((c) => c.path.endsWith('/pulls'))).toBe(false);
    expect(api.calls.filter((c) => c.method === 'PATCH').map((c) => c.path)).toEqual([
      `/repos/example/app/issues/comments/${before[0]!.id}`,
    ]);
    expect(ourComments(12)).toHaveLength(1);
  });

  it('the artifacts of a matrix (one per image, downloaded by pattern) become one section each in the one comment', async () => {
    const before = ourComments(12);
    const patterned = suite.tempDir('dfb-e2e-relay-pattern-');
    try {
      // What download-artifact leaves for `pattern: docker-fast-build-report*`: a directory per artifact.
      cpSync(downloaded, path.join(patterned, 'docker-fast-build-report-app'), { recursive: true });
      const worker = path.join(patterned, 'docker-fast-build-report-worker');
      cpSync(downloaded, worker, { recursive: true });
      const artifact = JSON.parse(readFileSync(path.join(worker, 'pr-report.json'), 'utf8'));
      artifact.report.image.name = `${image}-worker`;
      writeFileSync(path.join(worker, 'pr-report.json'), JSON.stringify(artifact));
      const result = await relay(relayEvent(), patterned);
      expect(result.exitCode).toBe(0);
      expect(result.outputs['pull-request']).toBe('12');
      const after = ourComments(12);
      expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id));
      expect(after[0]!.body).toContain(`<!-- docker-fast-build:image=${image} key=`);
      expect(after[0]!.body).toContain(`<!-- docker-fast-build:image=${image}-worker key=`);
      expect(after[0]!.body.match(/> Relayed from /g)).toHaveLength(2);
    } finally {
      rmSync(patterned, { recursive: true, force: true });
    }
  });

  it('a tampered artifact: its pull request number is ignored and its text cannot mention or break out', async () => {
    const file = path.join(downloaded, 'pr-report.json');
    const artifact = JSON.parse(readFileSync(file, 'utf8'));
    artifact.report.git.pullRequest = 99;
    artifact.report.git.branch = 'x</details><!-- @admin #1';
    artifact.report.warnings = ['@admin please merge </details><img src=x onerror=alert(1)>'];
    artifact.report.dockerfile = { path: 'Dockerfile', url: 'javascript:alert(1)' };
    const tampered = path.join(suite.tempDir('dfb-e2e-relay-t-'), 'pr-report.json');
    writeFileSync(tampered, JSON.stringify(artifact));
    const result = await relay(relayEvent(), tampered);
    expect(result.exitCode).toBe(0);
    expect(api.comments(99)).toEqual([]);
    const body = ourComments(12)[0]?.body ?? '';
    expect(body).toContain('please merge');
    expect(body).not.toContain('@admin');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('javascript:');
    expect(body.split('<details>').length).toBe(body.split('</details>').length);
  });

  it.each([
    [
      'an oversized file',
      (a: Record<string, unknown>) => ({ ...a, padding: 'x'.repeat(1_100_000) }),
      /at most 1048576 bytes/,
    ],
    [
      'another schema',
      (a: Record<string, unknown>) => ({ ...a, schema: 'something/else@9' }),
      /refused: schema: expected docker-fast-build\/pr-report@1/,
    ],
    [
      'a size that is not a number',
      (a: { report: { size: { bytes: unknown } } }) => ({
        ...a,
        report: { ...a.report, size: { ...a.report.size, bytes: '1e9' } },
      }),
      /report\.size\.bytes: expected a number/,
    ],
  ])('refuses %s with one error and posts nothing', async (_, change, message) => {
    const artifact = JSON.parse(readFileSync(path.join(downloaded, 'pr-report.json'), 'utf8'));
    const bad = path.join(suite.tempDir('dfb-e2e-relay-bad-'), 'pr-report.json');
    writeFileSync(bad, JSON.stringify(change(artifact)));
    api.calls.length = 0;
    const result = await relay(relayEvent(), bad);
    expect(result.exitCode).toBe(1);
    const errors = errorsOf(result);
    expect(errors).toEqual([expect.stringMatching(message)]);
    expect(api.calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });

  it('a tampered artifact’s links are not posted, and the comment says what only the fork’s run vouches for', async () => {
    const artifact = JSON.parse(readFileSync(path.join(downloaded, 'pr-report.json'), 'utf8'));
    artifact.report.warnings = [
      'Sign in at https://evil.example/login or www.evil.example',
      '[ok](https://evil.example)',
    ];
    artifact.report.dockerfile = { path: 'Dockerfile', url: 'https://evil.example/Dockerfile' };
    // A forged base: the image "shrank", so no gate fails.
    artifact.base.size.bytes = artifact.report.size.bytes * 2;
    const tampered = path.join(suite.tempDir('dfb-e2e-relay-links-'), 'pr-report.json');
    writeFileSync(tampered, JSON.stringify(artifact));
    const result = await relay(relayEvent(), tampered);
    expect(result.exitCode).toBe(0);
    const body = ourComments(12)[0]?.body ?? '';
    expect(body).toContain('evil.example/login');
    expect(body).not.toMatch(/https:\/\/evil|www\.evil|\]\(/);
    expect(body).toContain(`/mallory/app/blob/${HEAD_SHA}/Dockerfile`);
    expect(body).toMatch(/> \[!NOTE\]\n> Relayed from the pull request’s run 4242 of “ci”/);
    expect(body).toContain('the size-gate verdict — is as that run reported it, unchecked');
  });

  it('a FIFO in the artifact is refused at once instead of hanging the relay', async () => {
    const dir = suite.tempDir('dfb-e2e-relay-fifo-');
    execFileSync('mkfifo', [path.join(dir, 'pr-report.json')]);
    api.calls.length = 0;
    const started = Date.now();
    const result = await relay(relayEvent(), dir);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result.exitCode).toBe(1);
    const errors = errorsOf(result);
    expect(errors).toEqual([expect.stringMatching(/expected a regular file/)]);
    expect(api.calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });

  it('outside a workflow_run workflow the sub-action refuses to run, saying why', async () => {
    const result = await suite.run({
      actionDir: RELAY_DIR,
      inputs: { 'artifact-path': downloaded },
    });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.find((a) => a.level === 'error')?.message).toMatch(
      /^comment-from-artifact runs in a workflow triggered by workflow_run; this one was triggered by 'push'/,
    );
  });
});
