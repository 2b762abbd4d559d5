import { planLayerCache } from '../../src/buildx/layer-cache.js';
import { planSaving, pullRequestHeadReason, type SaveFacts } from '../../src/cache/save-policy.js';
import { planCacheScopes } from '../../src/cache/scopes.js';
import { isUntrustedHead, type WorkflowRunFacts } from '../../src/github/run-context.js';
import { keepsAsBase } from '../../src/report/publish.js';

function triggeredBy(event: string, pullRequests: WorkflowRunFacts['pullRequests'] = []): WorkflowRunFacts {
  return {
    id: 1,
    name: 'CI',
    event,
    headSha: 'a'.repeat(40),
    headBranch: 'dependabot/pip/requests-2.32',
    // The same repository: a Dependabot or a colleague's pull request, trusted by isUntrustedHead.
    headRepository: 'org/app',
    pullRequests,
  };
}

const onMain = { ref: 'refs/heads/main', workflowRun: undefined };

/** What a run on the default branch saves, planned the way run-main plans it. */
function writes(run: SaveFacts, setting: 'auto' | 'true' | 'false' = 'auto') {
  const saving = planSaving(setting, run);
  const scopes = planCacheScopes(
    {
      eventName: run.eventName,
      ref: run.ref,
      branch: 'main',
      baseBranch: '',
      defaultBranch: 'main',
      pullRequestNumber: undefined,
      readOnlyReason: saving.readOnlyReason,
    },
    'gha',
  );
  const layerCache = planLayerCache({
    kind: 'registry',
    mode: 'max',
    repository: 'ghcr.io/org/app',
    tags: [],
    cacheDir: '',
    branch: 'main',
    baseBranch: '',
    defaultBranch: 'main',
    pullRequestNumber: undefined,
    readOnly: !saving.saves,
  });
  const savesCaches = scopes.write !== undefined;
  return {
    dependencyScope: scopes.write,
    layerCacheTo: layerCache.cacheTo,
    baseReport: keepsAsBase({ isPullRequest: false, buildSucceeded: true, savesCaches }),
  };
}

const nothing = { dependencyScope: undefined, layerCacheTo: [], baseReport: false };

describe('what a run that may build a pull request’s head saves', () => {
  it.each<[string, SaveFacts]>([
    [
      'a workflow_run of a same-repository pull_request run',
      { eventName: 'workflow_run', ref: 'refs/heads/main', workflowRun: triggeredBy('pull_request') },
    ],
    [
      'a workflow_run of a pull_request_target run',
      { eventName: 'workflow_run', ref: 'refs/heads/main', workflowRun: triggeredBy('pull_request_target') },
    ],
    [
      'a workflow_run of a push GitHub matched to an open pull request',
      {
        eventName: 'workflow_run',
        ref: 'refs/heads/main',
        workflowRun: triggeredBy('push', [{ number: 4, headSha: '' }]),
      },
    ],
    ['an issue_comment run', { eventName: 'issue_comment', ...onMain }],
    [
      'a workflow_dispatch of refs/pull/7/head',
      { eventName: 'workflow_dispatch', ref: 'refs/pull/7/head', workflowRun: undefined },
    ],
    [
      'a repository_dispatch of refs/pull/7/merge',
      { eventName: 'repository_dispatch', ref: 'refs/pull/7/merge', workflowRun: undefined },
    ],
    [
      'a pull_request_review run',
      { eventName: 'pull_request_review', ref: 'refs/pull/7/merge', workflowRun: undefined },
    ],
  ])('%s restores only: no dependency cache, no buildcache-main, no base report', (_, run) => {
    expect(writes(run)).toEqual(nothing);
    expect(planSaving('auto', run).readOnlyReason).toMatch(/save-cache: true/);
  });

  it('a dispatch that checked out another commit than it was dispatched on restores only', () => {
    const dispatched = { ref: 'refs/heads/main', workflowRun: undefined, sha: 'a'.repeat(40) };
    for (const eventName of ['workflow_dispatch', 'repository_dispatch']) {
      const other = { eventName, ...dispatched, checkedOut: 'b'.repeat(40) };
      expect(writes(other)).toEqual(nothing);
      expect(pullRequestHeadReason(other)).toMatch(
        /checked out bbbbbbb, not the commit it was dispatched on \(aaaaaaa\)/,
      );
      // Its own commit, or one the workspace does not tell: as a push.
      expect(pullRequestHeadReason({ eventName, ...dispatched, checkedOut: 'a'.repeat(40) })).toBeUndefined();
      expect(pullRequestHeadReason({ eventName, ...dispatched })).toBeUndefined();
    }
    // A push is the commit it pushed, whatever a later step checks out.
    expect(
      pullRequestHeadReason({ eventName: 'push', ...dispatched, checkedOut: 'b'.repeat(40) }),
    ).toBeUndefined();
  });

  it('save-cache: true lets such a run save, as before', () => {
    const run = { eventName: 'issue_comment', ...onMain };
    expect(writes(run, 'true')).toEqual({
      dependencyScope: 'refs/heads/main',
      layerCacheTo: ['type=registry,ref=ghcr.io/org/app:buildcache-main,mode=max,ignore-error=true'],
      baseReport: true,
    });
  });

  it('a push, a schedule, a dispatch of a branch and a workflow_run of a push save; save-cache: false stops every one', () => {
    const runs: SaveFacts[] = [
      { eventName: 'push', ...onMain },
      { eventName: 'schedule', ...onMain },
      { eventName: 'workflow_dispatch', ...onMain },
      { eventName: 'workflow_run', ref: 'refs/heads/main', workflowRun: triggeredBy('push') },
    ];
    for (const run of runs) {
      expect(pullRequestHeadReason(run)).toBeUndefined();
      expect(writes(run).dependencyScope).toBe('refs/heads/main');
      expect(writes(run).baseReport).toBe(true);
      expect(writes(run, 'false')).toEqual(nothing);
    }
  });

  it('a pull request event is not made read-only: it writes its own scope, which no branch reads', () => {
    expect(
      planSaving('auto', { eventName: 'pull_request', ref: 'refs/pull/7/merge', workflowRun: undefined }),
    ).toEqual({
      saves: true,
    });
  });

  it('a workflow_run GitHub did not describe is taken for a pull request’s', () => {
    expect(writes({ eventName: 'workflow_run', ref: 'refs/heads/main', workflowRun: undefined })).toEqual(
      nothing,
    );
  });
});

describe('keepsAsBase', () => {
  it('keeps a successful push’s report only when the run saves caches', () => {
    expect(keepsAsBase({ isPullRequest: false, buildSucceeded: true, savesCaches: true })).toBe(true);
    expect(keepsAsBase({ isPullRequest: false, buildSucceeded: true, savesCaches: false })).toBe(false);
    expect(keepsAsBase({ isPullRequest: false, buildSucceeded: false, savesCaches: true })).toBe(false);
    expect(keepsAsBase({ isPullRequest: true, buildSucceeded: true, savesCaches: true })).toBe(false);
  });

  it('a fork’s workflow_run keeps no base report, even with save-cache: true', () => {
    const run: SaveFacts = {
      eventName: 'workflow_run',
      ref: 'refs/heads/main',
      workflowRun: { ...triggeredBy('push'), headRepository: 'stranger/app' },
    };
    const scopes = planCacheScopes(
      {
        eventName: run.eventName,
        ref: run.ref,
        branch: 'main',
        baseBranch: '',
        defaultBranch: 'main',
        pullRequestNumber: undefined,
        untrustedHead: isUntrustedHead({ ...run, isForkPullRequest: false, repository: 'org/app' }),
        readOnlyReason: planSaving('true', run).readOnlyReason,
      },
      'gha',
    );
    expect(scopes.write).toBeUndefined();
    expect(
      keepsAsBase({ isPullRequest: false, buildSucceeded: true, savesCaches: scopes.write !== undefined }),
    ).toBe(false);
  });
});
