import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

import * as v from 'valibot';

import { listOf, optional } from '../domain/json-fields.js';

/** What the action needs to know about the workflow run, read once from the runner's environment. */
export interface RunContext {
  eventName: string;
  /** GITHUB_REF: `refs/heads/main`, `refs/pull/7/merge`, `refs/tags/v1`; empty when unset. */
  ref: string;
  /** The branch this build belongs to: the head branch on pull requests. */
  branch: string;
  /** The branch a pull request merges into; empty elsewhere. */
  baseBranch: string;
  /**
   * The repository's default branch, from the event payload. A schedule payload names no repository,
   * but a schedule runs on the default branch, so its branch stands in; with no payload at all, `main`.
   */
  defaultBranch: string;
  pullRequestNumber: number | undefined;
  /** The pull request comes from another repository (a fork), or from one the payload does not name: its token cannot write. */
  isForkPullRequest: boolean;
  repository: string;
  runId: string;
  runAttempt: string;
  sha: string;
  /** The pull request's head commit (GITHUB_SHA is the merge commit there); else `sha`. */
  headSha: string;
  /** https://github.com, or the GitHub Enterprise server's address. */
  serverUrl: string;
  /** The pull request's labels, from the event payload; empty elsewhere. */
  labels: string[];
  workspace: string;
  workflow: string;
  /** The runner's architecture (X64, ARM64), else Node's. */
  runnerArch: string;
  /** Where this job may write scratch files: RUNNER_TEMP, else the system's temporary directory. */
  runnerTemp: string;
  /**
   * RUNNER_TEMP alone: the same path on every run of a runner, as @actions/cache needs of what it
   * caches (see cache/action-temp.ts); undefined off a runner.
   */
  stableTemp: string | undefined;
  /** The job summary file; empty off a runner. */
  stepSummaryFile: string;
  /** On a workflow_run event: the run that triggered this one, as GitHub describes it. */
  workflowRun: WorkflowRunFacts | undefined;
}

/** What a workflow_run event says about the triggering run; GitHub wrote it, not that run's code. */
export interface WorkflowRunFacts {
  id: number | undefined;
  /** The triggering workflow's name: the comment marker names it. */
  name: string;
  /** The triggering run's event, e.g. pull_request. */
  event: string;
  headSha: string;
  headBranch: string;
  /** owner/name of the repository the head branch is in (a fork's, for a fork pull request). */
  headRepository: string;
  /** The open pull requests GitHub matched to the run; empty for forks. */
  pullRequests: { number: number; headSha: string }[];
}

export const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];

const text = optional(v.string());
const named = optional(v.object({ full_name: text }));

/**
 * The fields of the event payload the run reads, each on its own: one of the wrong type reads as
 * left out. A pull_request that is there but not an object still marks a pull request, of which
 * nothing is known (so not known to be ours).
 */
const eventPayloadSchema = v.object({
  pull_request: v.fallback(
    v.optional(
      v.object({
        number: optional(v.number()),
        head: optional(v.object({ ref: text, sha: text, repo: named })),
        labels: optional(listOf(v.object({ name: v.string() }))),
        base: optional(v.object({ ref: text })),
      }),
    ),
    (read) => (read?.value ? {} : undefined),
  ),
  repository: optional(v.object({ default_branch: text, full_name: text })),
  workflow_run: optional(
    v.object({
      id: optional(v.number()),
      name: text,
      event: text,
      head_sha: text,
      head_branch: text,
      head_repository: named,
      pull_requests: optional(
        listOf(
          v.object({
            number: v.pipe(v.number(), v.safeInteger()),
            head: optional(v.object({ sha: text })),
          }),
        ),
      ),
    }),
  ),
});

type EventPayload = v.InferOutput<typeof eventPayloadSchema>;

/** Reads GITHUB_* variables and the event payload; never throws on a missing or broken payload. */
export function readRunContext(env: NodeJS.ProcessEnv): RunContext {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const payload = readEventPayload(env.GITHUB_EVENT_PATH);
  const pr = PULL_REQUEST_EVENTS.includes(eventName) ? payload.pull_request : undefined;
  const repository = env.GITHUB_REPOSITORY ?? payload.repository?.full_name ?? '';
  const headRepo = pr?.head?.repo?.full_name;
  return {
    eventName,
    ref: env.GITHUB_REF ?? '',
    branch: pr?.head?.ref || env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || refName(env.GITHUB_REF),
    baseBranch: pr ? pr.base?.ref || env.GITHUB_BASE_REF || '' : '',
    defaultBranch:
      payload.repository?.default_branch ||
      (eventName === 'schedule' ? env.GITHUB_REF_NAME || refName(env.GITHUB_REF) : '') ||
      'main',
    pullRequestNumber: pr?.number,
    // A fork that has been deleted leaves no head repository in the payload: not known to be ours.
    isForkPullRequest: Boolean(pr && headRepo?.toLowerCase() !== repository.toLowerCase()),
    repository,
    runId: env.GITHUB_RUN_ID ?? '',
    runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
    sha: env.GITHUB_SHA ?? '',
    headSha: pr?.head?.sha || env.GITHUB_SHA || '',
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    labels: (pr?.labels ?? []).map((label) => label.name),
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    workflow: env.GITHUB_WORKFLOW ?? '',
    runnerArch: env.RUNNER_ARCH || process.arch,
    runnerTemp: env.RUNNER_TEMP || tmpdir(),
    stableTemp: env.RUNNER_TEMP || undefined,
    stepSummaryFile: env.GITHUB_STEP_SUMMARY ?? '',
    workflowRun: eventName === 'workflow_run' ? workflowRunOf(payload) : undefined,
  };
}

function workflowRunOf(payload: EventPayload): WorkflowRunFacts | undefined {
  const run = payload.workflow_run;
  if (!run) return undefined;
  return {
    id: run.id,
    name: run.name ?? '',
    event: run.event ?? '',
    headSha: run.head_sha ?? '',
    headBranch: run.head_branch ?? '',
    headRepository: run.head_repository?.full_name ?? '',
    pullRequests: (run.pull_requests ?? []).map((pr) => ({ number: pr.number, headSha: pr.head?.sha ?? '' })),
  };
}

/**
 * The build is of code from outside the repository's writers: a fork's pull request, any
 * pull_request_target run (it runs with the base branch's rights, often on the head's code), or a
 * workflow_run of a fork's run (it runs on the default branch, often building the fork's head).
 */
export function isUntrustedHead(
  run: Pick<RunContext, 'eventName' | 'isForkPullRequest'> &
    Partial<Pick<RunContext, 'workflowRun' | 'repository'>>,
): boolean {
  if (run.isForkPullRequest || run.eventName === 'pull_request_target') return true;
  if (run.eventName !== 'workflow_run') return false;
  const triggering = run.workflowRun;
  // An event GitHub did not describe is not known to be ours.
  if (!triggering) return true;
  return triggering.headRepository.toLowerCase() !== (run.repository ?? '').toLowerCase();
}

function refName(ref: string | undefined): string {
  return (ref ?? '').replace(/^refs\/(heads|tags)\//, '');
}

function readEventPayload(eventPath: string | undefined): EventPayload {
  if (!eventPath) return {};
  try {
    const payload = v.safeParse(eventPayloadSchema, JSON.parse(readFileSync(eventPath, 'utf8')));
    return payload.success ? payload.output : {};
  } catch {
    return {};
  }
}
