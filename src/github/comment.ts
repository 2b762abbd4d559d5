import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { holdsSection, mergeSection, type CommentLayout, type ImageSection } from './comment-sections.js';
import { info } from '../runner-log.js';

export type Octokit = ReturnType<typeof getOctokit>;

export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

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

/** How the section is written: created with the comment or only into one that exists, and the waits. */
export interface SectionWrite {
  /** False for `comment: on-change` on a quiet pull request: an existing comment is updated, none created. */
  create: boolean;
  /** Writes and checks at most this often before giving up with a warning. */
  attempts?: number;
  /** The wait before each check; random, so two jobs that wrote together check apart. */
  pause?: () => Promise<void>;
}

export type SectionResult = { action: 'created' | 'updated' | 'skipped'; id: number | undefined };

/** Longer than a job takes from reading the comment to writing it (two API calls), and never in step. */
const jitter = () => new Promise<void>((resolve) => setTimeout(resolve, 1000 + Math.random() * 2000));

/**
 * Puts this image's section into the pull request's comment for this workflow, or creates the
 * comment. GitHub has no compare-and-swap on comments, so two jobs of a matrix can each overwrite
 * the other's write: each job writes, waits a random moment, re-reads, and writes again until the
 * comment holds its section twice in a row. Two jobs that both created the comment keep the oldest one; each
 * deletes only what it created itself. A comment someone else wrote with the marker in it is never
 * taken over, so nobody can post first and have the report appear under their name.
 */
export async function upsertCommentSection(
  octokit: Octokit,
  target: CommentTarget,
  section: ImageSection,
  layout: CommentLayout,
  write: SectionWrite,
): Promise<SectionResult> {
  const attempts = write.attempts ?? 5;
  const pause = write.pause ?? jitter;
  let identity: string | undefined;
  const ours = async () => {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber,
      per_page: 100,
    });
    const withMarker = comments.filter((c) => c.body?.includes(layout.marker));
    if (withMarker.length === 0) return [];
    if (identity === undefined) {
      const asked = await commentingIdentity(octokit);
      if (asked === undefined) info(`GitHub did not say who this token is: taking it for ${ACTIONS_BOT}.`);
      identity = commentingAs(asked);
    }
    return stickyComments(withMarker, layout.marker, identity).sort((a, b) => a.id - b.id);
  };
  const created: number[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const [first] = await ours();
    if (!first && !write.create && created.length === 0) return { action: 'skipped', id: undefined };
    if (!first) {
      const made = await octokit.rest.issues.createComment({
        owner: target.owner,
        repo: target.repo,
        issue_number: target.issueNumber,
        body: mergeSection(undefined, section, layout),
      });
      created.push(made.data.id);
    } else if (attempt === 1 || !holdsSection(first.body ?? '', section)) {
      // Written on the first try even when unchanged: its edit time says when a run last checked it.
      await octokit.rest.issues.updateComment({
        owner: target.owner,
        repo: target.repo,
        comment_id: first.id,
        body: mergeSection(first.body ?? '', section, layout),
      });
    }
    await pause();
    const [winner] = await ours();
    if (!winner || !holdsSection(winner.body ?? '', section)) continue;
    // A job that read the comment before this write may not have written yet: look once more.
    await pause();
    const [settled] = await ours();
    if (settled?.id === winner.id && holdsSection(settled.body ?? '', section)) {
      for (const id of created.filter((id) => id !== winner.id)) {
        await octokit.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: id });
      }
      return { action: created.includes(winner.id) ? 'created' : 'updated', id: winner.id };
    }
  }
  throw new Error(
    `another job kept overwriting the comment: this image's section was not in it after ${attempts} writes`,
  );
}

/** Every comment carrying the marker on its first line and written by the identity, in GitHub's order. */
function stickyComments<T extends ListedComment>(
  comments: readonly T[],
  marker: string,
  identity: string,
): T[] {
  return comments.filter(
    (comment) =>
      (comment.body ?? '').split('\n', 1)[0]?.trimEnd() === marker && writtenBy(comment.user, identity),
  );
}

/** A refused or failing GitHub API only costs the comment: the summary and outputs are already written. */
export async function postReportSection(
  token: string,
  target: CommentTarget,
  section: ImageSection,
  layout: CommentLayout,
  write: SectionWrite,
): Promise<SectionResult | undefined> {
  try {
    const result = await upsertCommentSection(createOctokit(token), target, section, layout, write);
    info(
      result.action === 'skipped'
        ? 'No report comment: nothing changed past the thresholds and no comment exists yet (comment: on-change).'
        : `Report comment ${result.action} (id ${result.id}).`,
    );
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
