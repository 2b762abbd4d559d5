// Whether this run may save anything a later trusted run reads: the dependency caches, the layer
// cache of its branch, the base report. Some events build a pull request's head with the rights and
// in the cache scope of a branch (the default branch, mostly): those only restore, unless
// `save-cache: true` says the workflow builds only trusted code there.
import { PULL_REQUEST_EVENTS, type RunContext } from '../github/run-context.js';
import type { SaveSetting } from '../domain/dependency-cache.js';

export interface SavePolicy {
  saves: boolean;
  /** Why this run saves nothing, for the log; undefined when it saves. */
  readOnlyReason?: string;
}

export type SaveFacts = Pick<RunContext, 'eventName' | 'ref' | 'workflowRun'> &
  Partial<Pick<RunContext, 'sha'>> & {
    /** The commit the workspace holds (see github/checkout.ts); undefined when unknown. */
    checkedOut?: string;
  };

const DISPATCH_EVENTS = ['workflow_dispatch', 'repository_dispatch'];

/**
 * Why the code this run builds may be a pull request's head although the run is no pull request
 * event (which has a scope of its own); undefined when nothing says so.
 */
export function pullRequestHeadReason(run: SaveFacts): string | undefined {
  if (PULL_REQUEST_EVENTS.includes(run.eventName)) return undefined;
  if (run.eventName === 'workflow_run') {
    const triggering = run.workflowRun;
    if (!triggering) return 'it is a workflow_run GitHub did not describe';
    if (PULL_REQUEST_EVENTS.includes(triggering.event) || triggering.pullRequests.length > 0)
      return `it is a workflow_run of a pull request’s run (${triggering.event || 'unknown event'})`;
    return undefined;
  }
  // A comment on a pull request is how "/build" bots are asked to build its head.
  if (run.eventName === 'issue_comment')
    return 'it is an issue_comment run, which builds what a comment asks for';
  // pull_request_review and friends, or a dispatch of a pull request's ref.
  if (run.ref.startsWith('refs/pull/'))
    return `it is a ${run.eventName || 'run'} of a pull request’s ref (${run.ref})`;
  // A dispatch that checked out another commit (`ref: refs/pull/7/head`) builds what its ref does not hold.
  if (DISPATCH_EVENTS.includes(run.eventName) && run.checkedOut && run.sha && run.checkedOut !== run.sha)
    return `it is a ${run.eventName} that checked out ${run.checkedOut.slice(0, 7)}, not the commit it was dispatched on (${run.sha.slice(0, 7)})`;
  return undefined;
}

/** `save-cache`: auto saves unless the run may build a pull request's head; true and false say so. */
export function planSaving(setting: SaveSetting, run: SaveFacts): SavePolicy {
  if (setting === 'false') return { saves: false, readOnlyReason: 'save-cache is false' };
  if (setting === 'true') return { saves: true };
  const reason = pullRequestHeadReason(run);
  return reason === undefined
    ? { saves: true }
    : { saves: false, readOnlyReason: `${reason}; set save-cache: true to save anyway` };
}
