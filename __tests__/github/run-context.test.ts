import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { isUntrustedHead, readRunContext } from '../../src/github/run-context.js';

describe('readRunContext', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dfb-run-context-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function payloadFile(name: string, content: unknown): string {
    const file = path.join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  }

  const pushEnv = {
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/heads/feature/login',
    GITHUB_REF_NAME: 'feature/login',
    GITHUB_REPOSITORY: 'org/app',
    GITHUB_RUN_ID: '987',
    GITHUB_SHA: 'abc123',
    GITHUB_WORKSPACE: '/srv/workspace/app',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_WORKFLOW: 'CI',
    RUNNER_ARCH: 'ARM64',
    RUNNER_TEMP: '/srv/runner/temp',
    GITHUB_STEP_SUMMARY: '/srv/runner/summary.md',
  };

  function pullRequestPayload(headRepo: string) {
    return {
      pull_request: {
        number: 42,
        head: { ref: 'feature/a', sha: 'f00d', repo: { full_name: headRepo } },
        base: { ref: 'release' },
        labels: [{ name: 'size-increase-ok' }, { name: 42 }, null, { name: 'docs' }],
      },
      repository: { default_branch: 'main', full_name: 'org/app' },
    };
  }

  it('reads a push event', () => {
    const file = payloadFile('push.json', { repository: { default_branch: 'trunk', full_name: 'org/app' } });
    expect(readRunContext({ ...pushEnv, GITHUB_EVENT_PATH: file })).toEqual({
      eventName: 'push',
      ref: 'refs/heads/feature/login',
      branch: 'feature/login',
      baseBranch: '',
      defaultBranch: 'trunk',
      pullRequestNumber: undefined,
      isForkPullRequest: false,
      repository: 'org/app',
      runId: '987',
      runAttempt: '2',
      sha: 'abc123',
      headSha: 'abc123',
      serverUrl: 'https://github.com',
      labels: [],
      workspace: '/srv/workspace/app',
      workflow: 'CI',
      runnerArch: 'ARM64',
      runnerTemp: '/srv/runner/temp',
      stableTemp: '/srv/runner/temp',
      stepSummaryFile: '/srv/runner/summary.md',
      workflowRun: undefined,
    });
  });

  it("falls back to the first attempt, Node's architecture and the system temp directory off a runner", () => {
    const context = readRunContext({ GITHUB_EVENT_NAME: 'push' });
    expect([context.runAttempt, context.runnerArch, context.runnerTemp, context.stepSummaryFile]).toEqual([
      '1',
      process.arch,
      os.tmpdir(),
      '',
    ]);
    // The system temp directory is no path the caches may keep: nothing says it is this runner's alone.
    expect(context.stableTemp).toBeUndefined();
    expect(readRunContext({ GITHUB_EVENT_NAME: 'push', RUNNER_TEMP: '/runner/_temp' }).stableTemp).toBe(
      '/runner/_temp',
    );
  });

  it("takes a schedule run's branch as the default branch: its payload names no repository", () => {
    const file = payloadFile('schedule.json', { schedule: '0 3 * * *' });
    const env = { GITHUB_EVENT_NAME: 'schedule', GITHUB_REF: 'refs/heads/trunk', GITHUB_EVENT_PATH: file };
    expect(readRunContext({ ...env, GITHUB_REF_NAME: 'trunk' }).defaultBranch).toBe('trunk');
    expect(readRunContext(env).defaultBranch).toBe('trunk');
    // Any other event without a repository in its payload: main.
    expect(readRunContext({ ...env, GITHUB_EVENT_NAME: 'push' }).defaultBranch).toBe('main');
  });

  it('falls back to GITHUB_REF when GITHUB_REF_NAME is not set', () => {
    const context = readRunContext({ GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/release/1.2' });
    expect(context.branch).toBe('release/1.2');
    expect(context.defaultBranch).toBe('main');
  });

  it('reads a pull_request event from its payload file', () => {
    const file = payloadFile('pr.json', pullRequestPayload('org/app'));
    const context = readRunContext({
      ...pushEnv,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REF: 'refs/pull/42/merge',
      GITHUB_REF_NAME: '42/merge',
      GITHUB_EVENT_PATH: file,
    });
    expect(context).toMatchObject({
      eventName: 'pull_request',
      branch: 'feature/a',
      baseBranch: 'release',
      defaultBranch: 'main',
      pullRequestNumber: 42,
      isForkPullRequest: false,
      headSha: 'f00d',
      labels: ['size-increase-ok', 'docs'],
    });
  });

  it('detects a pull request from a fork', () => {
    const file = payloadFile('fork.json', pullRequestPayload('someone/app'));
    const context = readRunContext({
      ...pushEnv,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: file,
    });
    expect(context.isForkPullRequest).toBe(true);
    expect(context.pullRequestNumber).toBe(42);
  });

  it('treats pull_request_target like a pull request', () => {
    const file = payloadFile('target.json', pullRequestPayload('someone/app'));
    const context = readRunContext({
      ...pushEnv,
      GITHUB_EVENT_NAME: 'pull_request_target',
      GITHUB_EVENT_PATH: file,
    });
    expect(context.branch).toBe('feature/a');
    expect(context.isForkPullRequest).toBe(true);
  });

  it('ignores a pull_request object in the payload of other events', () => {
    const file = payloadFile('push-with-pr.json', pullRequestPayload('someone/app'));
    const context = readRunContext({ ...pushEnv, GITHUB_EVENT_PATH: file });
    expect(context.branch).toBe('feature/login');
    expect(context.pullRequestNumber).toBeUndefined();
    expect(context.isForkPullRequest).toBe(false);
    expect(context.baseBranch).toBe('');
  });

  it('falls back to GITHUB_HEAD_REF and GITHUB_BASE_REF on a pull request without them in the payload', () => {
    const file = payloadFile('bare-pr.json', { pull_request: { number: 9 } });
    const context = readRunContext({
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: file,
      GITHUB_HEAD_REF: 'fix/typo',
      GITHUB_BASE_REF: 'main',
      GITHUB_REF_NAME: '9/merge',
    });
    expect(context.branch).toBe('fix/typo');
    expect(context.baseBranch).toBe('main');
    expect(context.pullRequestNumber).toBe(9);
    // Nothing says the head is this repository's, so it is not trusted to be.
    expect(context.isForkPullRequest).toBe(true);
  });

  it('a pull request whose fork was deleted (head.repo null) is a fork', () => {
    const payload = pullRequestPayload('org/app');
    const file = payloadFile('deleted-fork.json', {
      ...payload,
      pull_request: { ...payload.pull_request, head: { ref: 'main', repo: null } },
    });
    const context = readRunContext({
      ...pushEnv,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: file,
    });
    expect(context.isForkPullRequest).toBe(true);
  });

  it('compares the head repository without regard to case', () => {
    const file = payloadFile('case.json', pullRequestPayload('Org/App'));
    const context = readRunContext({
      ...pushEnv,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: file,
    });
    expect(context.isForkPullRequest).toBe(false);
  });

  it('does not throw when the payload file is missing', () => {
    const context = readRunContext({
      ...pushEnv,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: path.join(dir, 'does-not-exist.json'),
      GITHUB_HEAD_REF: 'feature/a',
    });
    expect(context.branch).toBe('feature/a');
    expect(context.pullRequestNumber).toBeUndefined();
    expect(context.defaultBranch).toBe('main');
  });

  it('does not throw when the payload file is not JSON', () => {
    const file = payloadFile('broken.json', '{"pull_request": {"number": 4');
    const context = readRunContext({
      ...pushEnv,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: file,
    });
    expect(context.pullRequestNumber).toBeUndefined();
    expect(context.branch).toBe('feature/login');
  });

  it('takes the repository from the payload when GITHUB_REPOSITORY is not set', () => {
    const file = payloadFile('repo.json', { repository: { full_name: 'org/other' } });
    expect(readRunContext({ GITHUB_EVENT_PATH: file }).repository).toBe('org/other');
  });

  it('defaults the workspace to the current directory and the rest to empty', () => {
    const context = readRunContext({});
    expect(context).toMatchObject({ eventName: '', branch: '', repository: '', runId: '', sha: '' });
    expect(context.workspace).toBe(process.cwd());
  });

  it('reads a payload field of the wrong type as left out, so it neither throws nor passes on a wrong type', () => {
    const file = payloadFile('odd-types.json', {
      pull_request: { number: '42', head: { ref: 7, repo: { full_name: 5 } }, base: 'release', labels: 'x' },
      repository: { default_branch: ['trunk'], full_name: 'org/app' },
    });
    const context = readRunContext({
      ...pushEnv,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: file,
    });
    expect(context).toMatchObject({
      pullRequestNumber: undefined,
      branch: 'feature/login',
      baseBranch: '',
      defaultBranch: 'main',
      labels: [],
      // No head repository that can be read: not known to be ours.
      isForkPullRequest: true,
    });
  });

  it('a pull_request that is there but not an object still marks a pull request not known to be ours', () => {
    const file = payloadFile('odd-pr.json', { pull_request: 'yes', repository: { full_name: 'org/app' } });
    const context = readRunContext({
      ...pushEnv,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: file,
    });
    expect(context.isForkPullRequest).toBe(true);
    const none = payloadFile('null-pr.json', { pull_request: null, repository: { full_name: 'org/app' } });
    expect(
      readRunContext({ ...pushEnv, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: none })
        .isForkPullRequest,
    ).toBe(false);
  });

  it('a payload file holding null or a number is treated as no payload', () => {
    for (const content of ['null', '42']) {
      const run = readRunContext({
        ...pushEnv,
        GITHUB_EVENT_PATH: payloadFile(`odd-${content}.json`, content),
      });
      expect(run.branch).toBe('feature/login');
      expect(run.defaultBranch).toBe('main');
    }
  });
});

describe('isUntrustedHead', () => {
  it('is a fork pull request or any pull_request_target run', () => {
    expect(isUntrustedHead({ eventName: 'pull_request', isForkPullRequest: true })).toBe(true);
    expect(isUntrustedHead({ eventName: 'pull_request_target', isForkPullRequest: false })).toBe(true);
    expect(isUntrustedHead({ eventName: 'pull_request', isForkPullRequest: false })).toBe(false);
    expect(isUntrustedHead({ eventName: 'push', isForkPullRequest: false })).toBe(false);
  });

  it('is a workflow_run of a run whose head is in another repository, or of a run GitHub did not describe', () => {
    const workflowRun = (headRepository: string) => ({
      id: 1,
      name: 'CI',
      event: 'pull_request',
      headSha: 'abc',
      headBranch: 'main',
      headRepository,
      pullRequests: [],
    });
    const run = { eventName: 'workflow_run', isForkPullRequest: false, repository: 'org/app' };
    expect(isUntrustedHead({ ...run, workflowRun: workflowRun('stranger/app') })).toBe(true);
    expect(isUntrustedHead({ ...run, workflowRun: workflowRun('Org/App') })).toBe(false);
    expect(isUntrustedHead({ ...run, workflowRun: undefined })).toBe(true);
  });
});
