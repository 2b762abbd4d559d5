// The pull request report as a file another workflow can read: what a fork's pull_request run
// (whose token cannot comment) leaves for a workflow_run workflow (whose token can) to post.
// Written by our code, but read back as the untrusted file it is: a fork's run executes the fork's
// code, which may have written anything there.
import { constants } from 'node:fs';
import { mkdir, open, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { WorkflowRunFacts } from '../github/run-context.js';
import type { NoiseThreshold, SizeIncreaseLimit } from '../domain/report.js';
import { dockerfileLink } from './assemble.js';
import type { GateLimits } from './compare.js';
import type { BuildReport } from './model.js';
import { trendPointFrom, type Trend } from './trend.js';
import { reportFromUntrusted, UntrustedReportError } from './untrusted.js';

export const ARTIFACT_SCHEMA = 'docker-fast-build/pr-report@1';
export const ARTIFACT_REPORT_FILE = 'pr-report.json';
export const ARTIFACT_MARKDOWN_FILE = 'comment.md';
/** Far above any real report (tens of kB), far below what would hurt the runner to parse. */
export const MAX_ARTIFACT_BYTES = 1024 * 1024;

export interface CommentArtifact {
  report: BuildReport;
  base: BuildReport | undefined;
  trend: Trend | undefined;
  /** What the pull request run gated with; the relay evaluates the gates again from the reports. */
  gates: GateLimits;
  gateOverride: string | undefined;
  noise: NoiseThreshold;
}

/** Writes the JSON (what the relay reads) and the rendered Markdown (for people) into `dir`. */
export async function writeCommentArtifact(
  dir: string,
  artifact: CommentArtifact,
  markdown: string,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const { report, base, trend, gates, gateOverride, noise } = artifact;
  await writeFile(
    path.join(dir, ARTIFACT_REPORT_FILE),
    `${JSON.stringify({ schema: ARTIFACT_SCHEMA, report, base: base ?? null, trend: trend ?? null, gates, gateOverride: gateOverride ?? null, noise })}\n`,
  );
  await writeFile(path.join(dir, ARTIFACT_MARKDOWN_FILE), markdown);
}

/**
 * The reports the relay renders: the pull request GitHub matched, and the Dockerfile linked at the
 * commit GitHub says the triggering run built, in the repository it says that commit is in.
 */
export function relayedReports(
  artifact: Pick<CommentArtifact, 'report' | 'base'>,
  pullRequest: number,
  triggering: Pick<WorkflowRunFacts, 'headRepository' | 'headSha'> & { serverUrl: string },
): { report: BuildReport; base: BuildReport | undefined } {
  const where = {
    serverUrl: triggering.serverUrl,
    repository: triggering.headRepository,
    headSha: triggering.headSha,
  };
  const report: BuildReport = { ...artifact.report, git: { ...artifact.report.git, pullRequest } };
  if (artifact.report.dockerfile) report.dockerfile = dockerfileLink(artifact.report.dockerfile.path, where);
  return { report, base: artifact.base };
}

/** The most artifacts one relay run posts: a matrix of images, not a flood a fork's run could upload. */
export const MAX_ARTIFACTS = 50;

/**
 * Every artifact under `file`: the file itself or a directory holding pr-report.json (one artifact,
 * downloaded by name), else each subdirectory that holds one (download-artifact's `pattern` puts
 * each matching artifact, say one per image of a matrix, in a directory of its own), by name.
 * Throws ENOENT when there is none, and on anything off in any of them.
 */
export async function readCommentArtifacts(file: string): Promise<CommentArtifact[]> {
  const info = await stat(file);
  if (!info.isDirectory()) return [await readCommentArtifact(file)];
  const entries = await readdir(file, { withFileTypes: true });
  if (entries.some((entry) => entry.name === ARTIFACT_REPORT_FILE)) return [await readCommentArtifact(file)];
  // Real directories only (a Dirent is not followed): a link cannot point the relay elsewhere.
  const dirs = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const artifacts: CommentArtifact[] = [];
  for (const dir of dirs) {
    const inside = await readdir(path.join(file, dir));
    if (!inside.includes(ARTIFACT_REPORT_FILE)) continue;
    if (artifacts.length === MAX_ARTIFACTS)
      throw new UntrustedReportError(file, `at most ${MAX_ARTIFACTS} reports`);
    artifacts.push(await readCommentArtifact(path.join(file, dir)));
  }
  if (artifacts.length === 0) {
    throw Object.assign(new Error(`no ${ARTIFACT_REPORT_FILE} in ${file} or its directories`), {
      code: 'ENOENT',
    });
  }
  return artifacts;
}

/** `file` may be the JSON file or the directory the artifact was downloaded into. Throws on anything off. */
export async function readCommentArtifact(file: string): Promise<CommentArtifact> {
  const info = await stat(file);
  const jsonFile = info.isDirectory() ? path.join(file, ARTIFACT_REPORT_FILE) : file;
  // Opened without blocking and checked on the open file: a FIFO would otherwise hang the relay
  // on its first read, and a file swapped after a stat would not be the one checked.
  const handle = await open(jsonFile, constants.O_RDONLY | constants.O_NONBLOCK);
  let text: string;
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) throw new UntrustedReportError(jsonFile, 'a regular file');
    if (opened.size > MAX_ARTIFACT_BYTES) {
      throw new UntrustedReportError(jsonFile, `at most ${MAX_ARTIFACT_BYTES} bytes, not ${opened.size}`);
    }
    text = await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UntrustedReportError(jsonFile, `JSON (${(error as Error).message})`);
  }
  return artifactFromUntrusted(parsed);
}

export function artifactFromUntrusted(value: unknown): CommentArtifact {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UntrustedReportError('artifact', 'an object');
  const fields = value as Record<string, unknown>;
  if (fields.schema !== ARTIFACT_SCHEMA) throw new UntrustedReportError('artifact.schema', ARTIFACT_SCHEMA);
  return {
    report: reportFromUntrusted(fields.report, 'report'),
    base:
      fields.base === null || fields.base === undefined
        ? undefined
        : reportFromUntrusted(fields.base, 'base'),
    trend: trendOf(fields.trend),
    gates: gatesOf(fields.gates),
    gateOverride: labelOf(fields.gateOverride),
    noise: noiseOf(fields.noise),
  };
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UntrustedReportError(where, 'an object');
  return value as Record<string, unknown>;
}

function amount(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new UntrustedReportError(where, 'a number of 0 or more');
  return value;
}

function trendOf(value: unknown): Trend | undefined {
  if (value === null || value === undefined) return undefined;
  const trend = record(value, 'trend');
  if (typeof trend.branch !== 'string' || trend.branch.length > 250)
    throw new UntrustedReportError('trend.branch', 'a string');
  if (!Array.isArray(trend.points)) throw new UntrustedReportError('trend.points', 'a list');
  const points = trend.points.slice(-100).map((point, index) => {
    const checked = trendPointFrom(point);
    if (!checked) throw new UntrustedReportError(`trend.points[${index}]`, 'a trend point');
    return checked;
  });
  return { branch: trend.branch, points };
}

function gatesOf(value: unknown): GateLimits {
  const gates = record(value, 'gates');
  const sizeBudget =
    gates.sizeBudget === undefined || gates.sizeBudget === null
      ? undefined
      : amount(gates.sizeBudget, 'gates.sizeBudget');
  let maxSizeIncrease: SizeIncreaseLimit | undefined;
  if (gates.maxSizeIncrease !== undefined && gates.maxSizeIncrease !== null) {
    const limit = record(gates.maxSizeIncrease, 'gates.maxSizeIncrease');
    if ('percent' in limit)
      maxSizeIncrease = { percent: amount(limit.percent, 'gates.maxSizeIncrease.percent') };
    else maxSizeIncrease = { bytes: amount(limit.bytes, 'gates.maxSizeIncrease.bytes') };
  }
  return { sizeBudget, maxSizeIncrease };
}

function labelOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  // GitHub's labels are at most 50 characters.
  if (typeof value !== 'string' || value.length > 50)
    throw new UntrustedReportError('gateOverride', 'a label name');
  return value;
}

function noiseOf(value: unknown): NoiseThreshold {
  const noise = record(value, 'noise');
  return { bytes: amount(noise.bytes, 'noise.bytes'), percent: amount(noise.percent, 'noise.percent') };
}
