// Runs that may build a pull request's head in the default branch's name restore but save nothing
// there (issue 24, M-2 and M-3): a workflow_run of a same-repository pull request's run, an
// issue_comment run, a workflow_run of a fork's run. Observed where a later trusted run would read:
// the local backend's main scope (dependency caches and the base report) and buildcache-main.
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { removeImages, wipeBuilder } from '../../scripts/harness/engine.js';
import { registryTags } from '../../scripts/harness/registry.js';
import { runAction } from '../../scripts/harness/runner/run-action.js';
import {
  assertStackRunning,
  copyProject,
  localEntriesDir,
  manifestDigest,
  pushEvent,
  startWheelIndex,
  uniqueRepository,
} from './support/stack.js';

const REPOSITORY = { full_name: 'example/app', default_branch: 'main' };

/** What GitHub sends a workflow_run workflow; it runs on main whatever the triggering run built. */
function workflowRunEvent(headRepository: string, event = 'pull_request') {
  return {
    event: {
      name: 'workflow_run',
      payload: {
        repository: REPOSITORY,
        workflow_run: {
          id: 77,
          name: 'ci',
          event,
          conclusion: 'success',
          head_sha: 'e'.repeat(40),
          head_branch: 'dependabot/pip/requests-2.32.0',
          head_repository: { full_name: headRepository },
          pull_requests: [],
        },
      },
    },
    ref: 'refs/heads/main',
  };
}

function issueCommentEvent() {
  return {
    event: { name: 'issue_comment', payload: { repository: REPOSITORY, issue: { number: 12 } } },
    ref: 'refs/heads/main',
  };
}

describe('read-only runs on the real stack (local backend, registry layer cache)', () => {
  const image = uniqueRepository('e2e-read-only');
  let workspace: string;
  let cacheDir: string;
  let index: Awaited<ReturnType<typeof startWheelIndex>>;

  beforeAll(async () => {
    assertStackRunning();
    workspace = copyProject('pip-small');
    cacheDir = mkdtempSync(path.join(tmpdir(), 'dfb-e2e-read-only-'));
    index = await startWheelIndex(workspace, 4, undefined, ['added-by-head==1.0.0']);
  });
  afterAll(async () => {
    await index?.close();
    removeImages(image);
    rmSync(workspace, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  /** Everything in main's scope: dependency cache entries and the kept reports. */
  const mainScope = () => {
    const dir = localEntriesDir(cacheDir);
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  };

  async function freshRunner(event: ReturnType<typeof pushEvent>, extra: Record<string, string> = {}) {
    wipeBuilder();
    removeImages(image);
    index.resetCounts();
    const inputs = {
      driver: 'docker',
      image,
      network: 'host',
      'cache-backend': 'local',
      'cache-dir': cacheDir,
      ...extra,
    };
    const run = await runAction({ inputs, workspace, ...event });
    expect(run.exitCode).toBe(0);
    return run;
  }

  it('a workflow_run of a same-repository pull request, an issue_comment run and a fork’s workflow_run leave main’s caches and base report as they were', async () => {
    const push = await freshRunner(pushEvent('main'));
    expect(push.outputs['layer-cache-to']).toBe(`${image}:buildcache-main`);
    const before = mainScope();
    expect(before.length).toBeGreaterThanOrEqual(2);
    const mainDigest = await manifestDigest(image, 'buildcache-main');
    expect(mainDigest).toBeDefined();

    // The pull request's head adds a dependency: a save would leave a new entry and move the tag.
    appendFileSync(path.join(workspace, 'requirements.txt'), 'added-by-head==1.0.0\n');
    for (const event of [
      workflowRunEvent('example/app'),
      workflowRunEvent('example/app', 'pull_request_target'),
      issueCommentEvent(),
      workflowRunEvent('mallory/app', 'push'),
    ]) {
      const run = await freshRunner(event);
      expect(run.outputs['dependency-cache']).toBe('partial');
      expect(run.outputs['layer-cache-to']).toBe('');
      expect(mainScope()).toEqual(before);
      expect(await manifestDigest(image, 'buildcache-main')).toBe(mainDigest);
      expect(await registryTags(image)).toEqual(['buildcache-main']);
    }

    // save-cache: true is the workflow's word that it builds trusted code there.
    const trusted = await freshRunner(issueCommentEvent(), { 'save-cache': 'true' });
    expect(trusted.outputs['layer-cache-to']).toBe(`${image}:buildcache-main`);
    expect(mainScope().length).toBeGreaterThan(before.length);
  });
});
