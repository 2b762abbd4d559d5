// Runs that may build a pull request's head in the default branch's name restore but save nothing
// there (issue 24, M-2 and M-3): a workflow_run of a same-repository pull request's run, an
// issue_comment run, a workflow_run of a fork's run. Observed where a later trusted run would read:
// the local backend's main scope (dependency caches and the base report) and buildcache-main.
import { appendFileSync } from 'node:fs';
import path from 'node:path';

import { manifestDigest, registryTags } from '../../scripts/harness/registry.js';
import {
  issueCommentEvent,
  pushEvent,
  workflowRunEvent,
  type Trigger,
} from '../../scripts/harness/runner/events.js';
import { localEntries } from './support/local-backend.js';
import { localCacheInputs } from './support/runs.js';
import { useStack } from './support/use-stack.js';

/** A workflow_run of a run that built a pull request's head (a Dependabot branch) from `headRepository`. */
function workflowRunOf(headRepository: string, event = 'pull_request'): Trigger {
  return workflowRunEvent({
    id: 77,
    name: 'ci',
    event,
    conclusion: 'success',
    head_sha: 'e'.repeat(40),
    head_branch: 'dependabot/pip/requests-2.32.0',
    head_repository: { full_name: headRepository },
    pull_requests: [],
  });
}

describe('read-only runs on the real stack (local backend, registry layer cache)', () => {
  const suite = useStack({
    image: 'e2e-read-only',
    workspace: { project: 'pip-small' },
    cacheDir: true,
    wheels: { payloadMB: 4, extra: ['added-by-head==1.0.0'] },
  });
  const { image, workspace, cacheDir } = suite;

  /** Everything in main's scope: dependency cache entries and the kept reports. */
  const mainScope = () => localEntries(cacheDir, { prefix: '' });

  async function freshRunner(event: Trigger, extra: Record<string, string> = {}) {
    suite.freshRunner();
    const run = await suite.run({ inputs: { ...localCacheInputs(image, cacheDir), ...extra }, ...event });
    expect(run.exitCode).toBe(0);
    return run;
  }

  it('a workflow_run of a same-repository pull request, an issue_comment run and a fork’s workflow_run leave main’s caches and base report as they were', async () => {
    const push = await freshRunner(pushEvent('main'));
    expect(push.report?.layerCache.writeRef).toBe(`${image}:buildcache-main`);
    const before = mainScope();
    expect(before.length).toBeGreaterThanOrEqual(2);
    const mainDigest = await manifestDigest(image, 'buildcache-main');
    expect(mainDigest).toBeDefined();

    // The pull request's head adds a dependency: a save would leave a new entry and move the tag.
    appendFileSync(path.join(workspace, 'requirements.txt'), 'added-by-head==1.0.0\n');
    for (const event of [
      workflowRunOf('example/app'),
      workflowRunOf('example/app', 'pull_request_target'),
      issueCommentEvent(12),
      workflowRunOf('mallory/app', 'push'),
    ]) {
      const run = await freshRunner(event);
      expect(run.report?.dependencyCache.status).toBe('partial');
      expect(run.report?.layerCache.writeRef).toBeUndefined();
      expect(mainScope()).toEqual(before);
      expect(await manifestDigest(image, 'buildcache-main')).toBe(mainDigest);
      expect(await registryTags(image)).toEqual(['buildcache-main']);
    }

    // save-cache: true is the workflow's word that it builds trusted code there.
    const trusted = await freshRunner(issueCommentEvent(12), { 'save-cache': 'true' });
    expect(trusted.report?.layerCache.writeRef).toBe(`${image}:buildcache-main`);
    expect(mainScope().length).toBeGreaterThan(before.length);
  });
});
