// Runs the listing helper build (see listing-plan.ts) on the user's builder with what made the
// user's build's LLB (build args, contexts, platform, network, secrets…), so every user step comes
// back from the cache, and reads back the few kB of listings it exports.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { BuildProgress, type StepRecord } from '../buildx/progress.js';
import type { BuildxCli } from '../buildx/toolkit.js';
import { PathBudget } from '../report/layers/analyse.js';
import { parseListing, type ListedLayer } from './listing.js';
import { LISTING_CONTEXT, LISTING_STAGE_PREFIX } from './listing-plan.js';
import { LISTING_SCRIPT, LISTING_SCRIPT_NAME } from './listing-script.js';

// Flags of the user's build that shape the LLB (or that a step needs to be planned): passed again.
const KEPT_FLAGS = new Set([
  '--builder',
  '--build-arg',
  '--build-context',
  '--platform',
  '--network',
  '--add-host',
  '--allow',
  '--ulimit',
  '--shm-size',
  '--cgroup-parent',
  '--secret',
  '--ssh',
]);
const KEPT_SWITCHES = new Set(['--pull']);
// Flags whose value is the next item, that the listing leaves out (outputs, caches, tags, files).
const DROPPED_FLAGS = new Set([
  '--progress',
  '--file',
  '--iidfile',
  '--metadata-file',
  '--tag',
  '--label',
  '--target',
  '--cache-from',
  '--cache-to',
  '--output',
  '--attest',
  '--annotation',
  '--call',
  '--no-cache-filter',
]);
const DROPPED_SWITCHES = new Set(['--push', '--load', '--no-cache']);

/**
 * The helper build's arguments after `docker buildx`, from the user's build's (as planBuildArgs
 * writes them: each flag and its value as two items, the context last). Undefined when the user's
 * arguments hold a flag this does not know, since it might shape the LLB.
 */
export function listingBuildArgs(
  userArgs: readonly string[],
  files: { dockerfile: string; scriptDir: string; outDir: string },
): string[] | undefined {
  if (userArgs[0] !== 'build' || userArgs.length < 2) return undefined;
  const args = ['build', '--progress', 'rawjson', '--provenance=false', '--sbom=false'];
  for (let i = 1; i < userArgs.length - 1; i++) {
    const flag = userArgs[i]!;
    if (KEPT_SWITCHES.has(flag)) args.push(flag);
    else if (DROPPED_SWITCHES.has(flag)) continue;
    else if (KEPT_FLAGS.has(flag)) args.push(flag, userArgs[++i]!);
    else if (DROPPED_FLAGS.has(flag)) i++;
    else return undefined;
  }
  args.push(
    '--file',
    files.dockerfile,
    '--build-context',
    `${LISTING_CONTEXT}=${files.scriptDir}`,
    '--output',
    `type=local,dest=${files.outDir}`,
    userArgs[userArgs.length - 1]!,
  );
  return args;
}

/** The user's steps the helper build ran again: any means the split changed their LLB. */
export function uncachedUserSteps(steps: readonly StepRecord[]): string[] {
  return steps
    .filter((step) => !step.cached && !step.name.startsWith(`[${LISTING_STAGE_PREFIX}`))
    .map((step) => step.name);
}

export interface ListingBuild {
  userArgs: readonly string[];
  dockerfile: string;
  /** How many snapshots the listing writes. */
  snapshots: number;
  scratchDir: string;
}

/** Runs the helper build; throws (with BuildKit's reason) when it fails or ran any user step again. */
export async function runListingBuild(buildx: BuildxCli, request: ListingBuild): Promise<ListedLayer[]> {
  const dir = path.join(request.scratchDir, 'listing');
  const scriptDir = path.join(dir, 'script');
  const outDir = path.join(dir, 'out');
  const dockerfile = path.join(dir, 'Dockerfile');
  await mkdir(scriptDir, { recursive: true });
  await writeFile(path.join(scriptDir, LISTING_SCRIPT_NAME), LISTING_SCRIPT);
  await writeFile(dockerfile, request.dockerfile);
  const args = listingBuildArgs(request.userArgs, { dockerfile, scriptDir, outDir });
  if (!args) throw new Error('the build has an argument the listing does not know how to repeat');
  try {
    const progress = new BuildProgress();
    const result = await buildx.run(args, { onStderrLine: (line) => void progress.feed(line) });
    if (result.exitCode !== 0)
      throw new Error(
        `the listing build failed: ${progress.firstError ?? result.stderr.trim().split('\n').pop() ?? result.exitCode}`,
      );
    const uncached = uncachedUserSteps(progress.steps);
    if (uncached.length > 0)
      throw new Error(
        `the listing build ran ${uncached.length} of the build's steps again (${uncached.slice(0, 3).join('; ')}): its split changed what BuildKit builds`,
      );
    const budget = new PathBudget();
    const listed: ListedLayer[] = [];
    for (let index = 0; index < request.snapshots; index++)
      listed.push(parseListing(await readFile(path.join(outDir, `${index}.jsonl`), 'utf8'), budget));
    return listed;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
