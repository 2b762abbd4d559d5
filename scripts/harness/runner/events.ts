// What starts a job, as the runner hands it to a step: the event's name and payload (GITHUB_EVENT_NAME,
// GITHUB_EVENT_PATH) and the ref the job runs on (GITHUB_REF). Payloads carry only the fields the
// action reads, in GitHub's spelling.

export interface Repository {
  full_name: string;
  default_branch?: string;
}

export interface PullRequest {
  number: number;
  head: { ref: string; sha?: string; repo?: Repository };
  base: { ref: string };
  labels?: { name: string }[];
}

export interface EventPayload {
  repository?: Repository;
  pull_request?: PullRequest;
  [field: string]: unknown;
}

export interface WebhookEvent {
  name: string;
  payload: EventPayload;
}

/** The event a job runs for and its GITHUB_REF: spread into runAction's options. */
export interface Trigger {
  event: WebhookEvent;
  ref: string;
}

/** The repository every e2e job runs in. */
export const REPOSITORY: Repository = { full_name: 'example/app', default_branch: 'main' };

export function pushEvent(branch: string, repository: Repository = REPOSITORY): Trigger {
  return { event: { name: 'push', payload: { repository } }, ref: `refs/heads/${branch}` };
}

export function pullRequestEvent(
  number: number,
  head: string,
  base = 'main',
  labels: string[] = [],
  repository: Repository = REPOSITORY,
): Trigger {
  return {
    event: {
      name: 'pull_request',
      payload: {
        repository,
        pull_request: {
          number,
          head: { ref: head, repo: repository },
          base: { ref: base },
          labels: labels.map((name) => ({ name })),
        },
      },
    },
    ref: `refs/pull/${number}/merge`,
  };
}

/** A pull request from a fork (`stranger/app` unless named), whose head branch can be named anything, e.g. `release`. */
export function forkPullRequestEvent(
  number: number,
  head: string,
  { base = 'main', fork = 'stranger/app', sha }: { base?: string; fork?: string; sha?: string } = {},
): Trigger {
  return {
    event: {
      name: 'pull_request',
      payload: {
        repository: REPOSITORY,
        pull_request: {
          number,
          head: { ref: head, ...(sha ? { sha } : {}), repo: { full_name: fork } },
          base: { ref: base },
          labels: [],
        },
      },
    },
    ref: `refs/pull/${number}/merge`,
  };
}

/** pull_request_target: the pull request's payload, but the run belongs to the base branch (GITHUB_REF). */
export function pullRequestTargetEvent(number: number, head: string, base = 'main'): Trigger {
  const { event } = forkPullRequestEvent(number, head, { base });
  return { event: { ...event, name: 'pull_request_target' }, ref: `refs/heads/${base}` };
}

/** What GitHub sends a workflow_run workflow; it runs on the default branch whatever the triggering run built. */
export function workflowRunEvent(workflowRun: Record<string, unknown>): Trigger {
  return {
    event: { name: 'workflow_run', payload: { repository: REPOSITORY, workflow_run: workflowRun } },
    ref: 'refs/heads/main',
  };
}

/** A comment on issue or pull request `number`: the job runs on the default branch. */
export function issueCommentEvent(number: number): Trigger {
  return {
    event: { name: 'issue_comment', payload: { repository: REPOSITORY, issue: { number } } },
    ref: 'refs/heads/main',
  };
}

/**
 * The cache scopes GitHub's runtime token grants for an event, the job's own (read and write)
 * first: a push reads the default branch's too; a pull request its base branch's and the default's.
 */
export function cacheScopes({ event, ref }: Trigger): string[] {
  const base = event.payload.pull_request?.base.ref;
  return [...new Set([ref, ...(base ? [`refs/heads/${base}`] : []), 'refs/heads/main'])];
}
