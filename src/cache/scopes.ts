// Which cache entries a run may read and where it may write, the way GitHub scopes the Actions cache:
// a run reads its own scope, then its pull request's base branch, then the default branch, and writes
// only its own. The gha backend gets this from the service; the local backend applies it itself.
import type { CacheBackend } from '../domain/dependency-cache.js';

export interface CacheScopes {
  /** Scopes a restore searches, in order; compared exactly, never by prefix or case. */
  read: string[];
  /** The scope this run's saves go to; undefined when it must save nothing (see `readOnlyReason`). */
  write: string | undefined;
  readOnlyReason?: string;
}

export interface ScopeFacts {
  eventName: string;
  /** GITHUB_REF, e.g. `refs/heads/main`, `refs/tags/v1`, `refs/pull/7/merge`. */
  ref: string;
  branch: string;
  baseBranch: string;
  defaultBranch: string;
  pullRequestNumber: number | undefined;
  /** A stranger's code (see isUntrustedHead). */
  untrustedHead?: boolean;
  /** Why this run must save nothing whatever its scope (see save-policy.ts); undefined when it may. */
  readOnlyReason?: string;
}

const PULL_REQUEST_TARGET = 'pull_request_target';

/** A pull request's own scope is the pull request, whatever its head branch is called (a fork's `main`). */
export function planCacheScopes(facts: ScopeFacts, backend: CacheBackend): CacheScopes {
  const isPullRequest = facts.pullRequestNumber !== undefined;
  const own = isPullRequest ? `refs/pull/${facts.pullRequestNumber}/merge` : ownRef(facts);
  const read = unique([
    own,
    ...(isPullRequest && facts.baseBranch ? [`refs/heads/${facts.baseBranch}`] : []),
    ...(facts.defaultBranch ? [`refs/heads/${facts.defaultBranch}`] : []),
  ]);
  if (facts.readOnlyReason !== undefined)
    return { read, write: undefined, readOnlyReason: facts.readOnlyReason };
  // The Actions cache files a pull_request_target run's saves under the base branch, where every
  // later build of that branch would restore them: such a run, which may build a stranger's code, saves nothing.
  if (facts.eventName === PULL_REQUEST_TARGET && backend === 'gha') {
    return {
      read,
      write: undefined,
      readOnlyReason:
        'a pull_request_target run would save into the base branch’s cache scope, so it saves nothing',
    };
  }
  // A workflow_run of a fork's run has no scope of its own: it would save into the default branch's.
  if (facts.untrustedHead === true && !isPullRequest) {
    return {
      read,
      write: undefined,
      readOnlyReason:
        'this run builds a fork’s code in the default branch’s cache scope, so it saves nothing',
    };
  }
  return { read, write: own };
}

function ownRef(facts: ScopeFacts): string {
  if (facts.ref.startsWith('refs/') && !facts.ref.startsWith('refs/pull/')) return facts.ref;
  return `refs/heads/${facts.branch}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
