// The pull request report as a file another workflow can read: what a fork's pull_request run
// (whose token cannot comment) leaves for a workflow_run workflow (whose token can) to post.
// Written by our code, but read back as the untrusted file it is: a fork's run executes the fork's
// code, which may have written anything there.
import { constants } from 'node:fs';
import { mkdir, open, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

import * as v from 'valibot';

import type { WorkflowRunFacts } from '../github/run-context.js';
import type { NoiseThreshold } from '../domain/report.js';
import { dockerfileLink } from './assemble.js';
import type { GateLimits } from './compare.js';
import type { BuildReport } from './model.js';
import { readOrThrow } from './schema.js';
import { trendPointFrom, type Trend, type TrendPoint } from './trend.js';
import { FORK, forkReportSchema, UntrustedReportError } from './untrusted.js';

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

const AMOUNT = 'a number of 0 or more';
const amount = v.pipe(v.number(AMOUNT), v.finite(AMOUNT), v.minValue(0, AMOUNT));
// GitHub's labels are at most 50 characters.
const label = v.pipe(v.string('a label name'), v.maxLength(50, 'a label name'));

/** pr-report@1, as the relay reads it: whatever the pull request run wrote, read with FORK. */
const artifactSchema = FORK.fields({
  schema: v.literal(ARTIFACT_SCHEMA, ARTIFACT_SCHEMA),
  report: forkReportSchema,
  base: FORK.maybe(forkReportSchema),
  trend: FORK.maybe(
    FORK.fields({
      branch: v.pipe(v.string('a string'), v.maxLength(250, 'a string')),
      points: v.pipe(
        v.array(v.unknown(), 'a list'),
        v.transform((points) => points.slice(-100)),
        v.array(
          v.pipe(
            v.unknown(),
            v.transform(trendPointFrom),
            v.custom<TrendPoint>((point) => point !== undefined, 'a trend point'),
          ),
        ),
      ),
    }),
  ),
  gates: FORK.fields({
    sizeBudget: FORK.maybe(amount),
    maxSizeIncrease: FORK.maybe(
      v.union([FORK.fields({ percent: amount }), FORK.fields({ bytes: amount })], '{ percent } or { bytes }'),
    ),
  }),
  gateOverride: FORK.maybe(label),
  noise: FORK.fields({ bytes: amount, percent: amount }),
});

export function artifactFromUntrusted(value: unknown): CommentArtifact {
  const { report, base, trend, gates, gateOverride, noise } = readOrThrow(
    artifactSchema,
    value,
    '',
    UntrustedReportError,
    'artifact',
  );
  return { report, base, trend, gates, gateOverride, noise };
}
