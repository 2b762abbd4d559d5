import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { info } from '../runner-log.js';

export type Octokit = ReturnType<typeof getOctokit>;

export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

export type CommentResult = { action: 'created' | 'updated'; id: number };

/** Retries what GitHub says may be retried: server errors, and rate limits that ask for a short wait. */
export function createOctokit(token: string): Octokit {
  return getOctokit(
    token,
    {
      retry: { doNotRetry: [400, 401, 403, 404, 422] },
      throttle: {
        onRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
          retryCount < 2 && retryAfter <= 60,
        onSecondaryRateLimit: (
          retryAfter: number,
          _options: unknown,
          _octokit: unknown,
          retryCount: number,
        ) => retryCount < 2 && retryAfter <= 60,
      },
    },
    retry,
    throttling,
  );
}

/**
 * Who this token comments as: `viewer` answers for every kind of token (the Actions token is
 * `github-actions[bot]`), where REST's /user refuses app tokens. Undefined when GitHub will not say.
 */
export async function commentingIdentity(octokit: Octokit): Promise<string | undefined> {
  try {
    const answer = await octokit.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }');
    return typeof answer.viewer?.login === 'string' ? answer.viewer.login : undefined;
  } catch {
    return undefined;
  }
}

interface CommentAuthor {
  login?: string;
  type?: string;
}

/** Who the Actions token (GITHUB_TOKEN) comments as; GitHub will not tell an installation token who it is. */
export const ACTIONS_BOT = 'github-actions[bot]';

/** A new comment on every run would bury the pull request: unknown, the token is taken for the usual one. */
export function commentingAs(asked: string | undefined): string {
  return asked ?? ACTIONS_BOT;
}

export interface ListedComment {
  id: number;
  body?: string | null;
  user?: CommentAuthor | null;
}

/**
 * The comment to update: its first line is exactly the marker (the renderer puts it there), and
 * the identity wrote it. A marker quoted anywhere else (a reply, a step name in another report)
 * does not make a comment ours.
 */
export function findStickyComment<T extends ListedComment>(
  comments: readonly T[],
  marker: string,
  identity: string,
): T | undefined {
  return comments.find(
    (comment) =>
      (comment.body ?? '').split('\n', 1)[0]?.trimEnd() === marker && writtenBy(comment.user, identity),
  );
}

/** REST names a bot `<app>[bot]`; GraphQL's viewer may name it without the suffix. */
function writtenBy(author: CommentAuthor | null | undefined, identity: string): boolean {
  if (!author?.login) return false;
  if (author.login === identity) return true;
  return author.type === 'Bot' && author.login === `${identity}[bot]`;
}

/**
 * Updates the comment that carries `marker` and that this token's identity wrote, or creates it:
 * one comment per image and workflow. A comment someone else wrote with the marker in it is never
 * taken over, so nobody can post first and have the report appear under their name.
 */
export async function upsertStickyComment(
  octokit: Octokit,
  target: CommentTarget,
  marker: string,
  body: string,
): Promise<CommentResult> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  });
  const withMarker = comments.filter((c) => c.body?.includes(marker));
  const asked = withMarker.length > 0 ? await commentingIdentity(octokit) : undefined;
  if (withMarker.length > 0 && asked === undefined)
    info(`GitHub did not say who this token is: taking it for ${ACTIONS_BOT}.`);
  const existing =
    withMarker.length > 0 ? findStickyComment(withMarker, marker, commentingAs(asked)) : undefined;
  if (existing) {
    await octokit.rest.issues.updateComment({
      owner: target.owner,
      repo: target.repo,
      comment_id: existing.id,
      body,
    });
    return { action: 'updated', id: existing.id };
  }
  const created = await octokit.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    body,
  });
  return { action: 'created', id: created.data.id };
}

/** A refused or failing GitHub API only costs the comment: the summary and outputs are already written. */
export async function postReportComment(token: string, target: CommentTarget, marker: string, body: string) {
  try {
    const result = await upsertStickyComment(createOctokit(token), target, marker, body);
    info(`Report comment ${result.action} (id ${result.id}).`);
    return result;
  } catch (error) {
    const status = (error as { status?: number }).status;
    const hint =
      status === 403 || status === 404
        ? ' The token cannot write to this pull request (a fork, or missing `pull-requests: write` permission).'
        : '';
    core.warning(
      `Could not post the report comment: ${(error as Error).message}.${hint} The job summary has the report.`,
    );
    return undefined;
  }
}
