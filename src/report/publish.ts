import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import * as core from '@actions/core';

import { postReportSection } from '../github/comment.js';
import type { RunContext } from '../github/run-context.js';
import type { Inputs } from '../inputs/parse.js';
import type { CommentMode, NoiseThreshold } from '../domain/report.js';
import { writeCommentArtifact, type CommentArtifact } from './artifact.js';
import type { BaseReportStore } from './base-store.js';
import { COMMENT_BODY_MAX_LENGTH, commentMarker, imageSection } from '../github/comment-sections.js';
import { compareReports, crossesThreshold, evaluateGates, type Comparison } from './compare.js';
import type { KnownLayer } from '../image/layers/known-layers.js';
import type { BuildReport } from './model.js';
import { COMMENT_MAX_LENGTH, renderReport } from './render.js';
import { appendToHistory, type Trend, type TrendPoint } from './trend.js';

export interface PublishContext {
  inputs: Inputs;
  run: RunContext;
  report: BuildReport;
  /** The base branch's latest report, on pull requests (see loadBaseReport). */
  base: BuildReport | undefined;
  reportFile: string;
  baseStore: BaseReportStore | undefined;
  /** The trend points kept with `base` (on a push, the branch's own; on a pull request, its base's). */
  history?: TrendPoint[];
  runStamp: string;
  /** The image's layers with their path tables, kept with the report for the next run. */
  measuredLayers?: KnownLayer[];
  /** This run saves caches; one that saves none (a fork's workflow_run, read-only) keeps no report either. */
  savesCaches: boolean;
}

export function shouldComment(mode: CommentMode, run: RunContext): boolean {
  if (mode === 'off' || run.pullRequestNumber === undefined) return false;
  // A fork's token is read-only: `auto` does not even try, `always` tries and warns.
  return mode === 'always' || !run.isForkPullRequest;
}

/**
 * What `comment: on-change` creates a comment for: a size change past the noise threshold (either
 * way), a gate crossed, or a failed build. An existing comment is updated whatever this says.
 */
export function worthAComment(
  report: Pick<BuildReport, 'build'>,
  comparison: Pick<Comparison, 'size'>,
  gateFailures: string[],
  noise: NoiseThreshold,
): boolean {
  return !report.build.succeeded || gateFailures.length > 0 || crossesThreshold(comparison.size, noise);
}

export interface Publication {
  /** On a pull request: the directory with the report for a workflow_run workflow to post. */
  commentArtifact: string | undefined;
  comparison: Comparison;
  /** Empty when every size gate passed. */
  gateFailures: string[];
  /** The pull request label that turns the failures into warnings; undefined when none does. */
  gateOverride: string | undefined;
}

/** The override label, when the gates failed and the pull request carries it. */
export function gateOverrideOf(
  inputs: Pick<Inputs, 'sizeOverrideLabel'>,
  run: RunContext,
  failures: string[],
) {
  const label = inputs.sizeOverrideLabel;
  if (!label || failures.length === 0 || run.pullRequestNumber === undefined) return undefined;
  return run.labels.includes(label) ? label : undefined;
}

/**
 * Writes the report where it goes — JSON file, job summary, PR comment, the store for later runs —
 * and only then returns the gate failures, so a failing gate never hides the report.
 */
export async function publishReport(context: PublishContext): Promise<Publication> {
  const { inputs, run, report, base } = context;
  // A push is not compared with its branch's previous run in the report; only a pull request has a base.
  const shownBase = run.pullRequestNumber === undefined ? undefined : base;
  const comparison = compareReports(report, shownBase);
  const gateFailures = evaluateGates(report, comparison, {
    sizeBudget: inputs.sizeBudget,
    maxSizeIncrease: inputs.maxSizeIncrease,
  });

  await writeFile(
    context.reportFile,
    `${JSON.stringify({ ...report, base: base ? summaryOf(base) : null }, null, 2)}\n`,
  );

  const gateOverride = gateOverrideOf(inputs, run, gateFailures);
  const trend = trendOf(context);
  const noise = inputs.minSizeChange;
  const body = renderReport(report, {
    base: shownBase,
    comparison,
    gateFailures,
    gateOverride,
    noise,
    trend,
  });
  await writeSummary(body, run.stepSummaryFile);
  const commentArtifact =
    run.pullRequestNumber === undefined
      ? undefined
      : await keepForRelay(path.join(path.dirname(context.reportFile), 'comment-artifact'), body, {
          report,
          base: shownBase,
          trend,
          gates: { sizeBudget: inputs.sizeBudget, maxSizeIncrease: inputs.maxSizeIncrease },
          gateOverride,
          noise,
        });
  if (shouldComment(inputs.comment, run) && run.pullRequestNumber !== undefined) {
    const [owner = '', repo = ''] = run.repository.split('/');
    if (!inputs.githubToken) {
      core.warning('No github-token: the report comment is skipped; the job summary has the report.');
    } else {
      const section = renderReport(report, {
        base: shownBase,
        comparison,
        gateFailures,
        gateOverride,
        noise,
        trend,
        maxLength: COMMENT_MAX_LENGTH,
      });
      await postReportSection(
        inputs.githubToken,
        { owner, repo, issueNumber: run.pullRequestNumber },
        imageSection(report.image.name, run.headSha, section),
        { marker: commentMarker(run.workflow), sha: run.headSha, maxLength: COMMENT_BODY_MAX_LENGTH },
        { create: inputs.comment !== 'on-change' || worthAComment(report, comparison, gateFailures, noise) },
      );
    }
  }
  if (
    keepsAsBase({
      isPullRequest: run.pullRequestNumber !== undefined,
      buildSucceeded: report.build.succeeded,
      savesCaches: context.savesCaches,
    })
  )
    await saveAsBase(context, trend);
  return { commentArtifact, comparison, gateFailures, gateOverride };
}

/**
 * A successful push that saves caches keeps its report as its branch's base. A run that saves no
 * cache must not either: it would move the `max-size-increase` baseline and the restore policy's
 * history of a branch it may not write (a fork's workflow_run builds in the default branch's name).
 */
export function keepsAsBase(facts: {
  isPullRequest: boolean;
  buildSucceeded: boolean;
  savesCaches: boolean;
}): boolean {
  return !facts.isPullRequest && facts.buildSucceeded && facts.savesCaches;
}

/**
 * The report this run is compared with: on a pull request, its base branch's latest; on a push, the
 * branch's own previous one (not shown, but its measurements are reused when the image is unchanged).
 */
export async function loadBaseReport(
  store: BaseReportStore | undefined,
  run: RunContext,
): Promise<BuildReport | undefined> {
  if (!store) return undefined;
  const branch = run.pullRequestNumber === undefined ? run.branch : run.baseBranch || run.defaultBranch;
  if (!branch) return undefined;
  try {
    return await store.load(branch);
  } catch (error) {
    core.warning(`Could not load the last report of ${branch}: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * On a pull request, the base branch's trend (this pull request is not part of it); on a push, the
 * branch's with this run added, as it is kept.
 */
function trendOf(context: PublishContext): Trend | undefined {
  const { run, report, inputs } = context;
  const history = context.history ?? [];
  if (run.pullRequestNumber !== undefined) {
    const branch = context.base?.git.branch;
    return branch && history.length > 0 ? { branch, points: history.slice(-inputs.trendLength) } : undefined;
  }
  if (!report.build.succeeded) return undefined;
  return { branch: run.branch, points: appendToHistory(history, report, inputs.trendLength) };
}

async function saveAsBase(context: PublishContext, trend: Trend | undefined): Promise<void> {
  if (!context.baseStore) return;
  try {
    await context.baseStore.save(context.report, context.runStamp, context.measuredLayers, trend?.points);
  } catch (error) {
    core.warning(
      `Could not keep this report for pull requests to compare against: ${(error as Error).message}`,
    );
  }
}

/** The base as the JSON file shows it: enough to see what was compared, not a second full report. */
function summaryOf(base: BuildReport) {
  return {
    branch: base.git.branch,
    sha: base.git.sha,
    createdAt: base.createdAt,
    sizeBytes: base.size?.bytes,
    compressedBytes: base.size?.compressedBytes,
    buildSeconds: base.build.seconds,
  };
}

/** A failure to write it costs only the fork relay, never the build. */
async function keepForRelay(
  dir: string,
  markdown: string,
  artifact: CommentArtifact,
): Promise<string | undefined> {
  try {
    await writeCommentArtifact(dir, artifact, markdown);
    return dir;
  } catch (error) {
    core.warning(`Could not write the report for the comment relay: ${(error as Error).message}`);
    return undefined;
  }
}

/** The summary is a convenience: a runner without a summary file must not fail the build. */
async function writeSummary(markdown: string, summaryFile: string): Promise<void> {
  if (!summaryFile) return;
  try {
    await core.summary.addRaw(markdown, true).write();
  } catch (error) {
    core.warning(`Could not write the job summary: ${(error as Error).message}`);
  }
}
