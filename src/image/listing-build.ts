// Runs the listing helper build (see listing-plan.ts) on the user's builder with what made the
// user's build's LLB (build args, contexts, platform, network, secrets…), so every user step comes
// back from the cache, and reads back the few kB of listings it exports.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { BuildProgress, type StepRecord } from '../buildx/progress.js';
import type { BuildxCli } from '../buildx/toolkit.js';
import { PathBudget } from './layers/analyse.js';
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
 * The user's build's arguments (as planBuildArgs writes them: each flag and its value as two items,
 * the context last) that shape its LLB, for a build that must find every step in the cache.
 * Undefined when they hold a flag this does not know, since it might shape the LLB.
 */
function repeatedArgs(userArgs: readonly string[], alsoKept: ReadonlySet<string>): string[] | undefined {
  if (userArgs[0] !== 'build' || userArgs.length < 2) return undefined;
  const args: string[] = [];
  for (let i = 1; i < userArgs.length - 1; i++) {
    const flag = userArgs[i]!;
    if (KEPT_SWITCHES.has(flag)) args.push(flag);
    else if (DROPPED_SWITCHES.has(flag)) continue;
    else if (KEPT_FLAGS.has(flag) || alsoKept.has(flag)) args.push(flag, userArgs[++i]!);
    else if (DROPPED_FLAGS.has(flag)) i++;
    else return undefined;
  }
  return args;
}

/** The listing helper build's arguments after `docker buildx`. */
export function listingBuildArgs(
  userArgs: readonly string[],
  files: { dockerfile: string; scriptDir: string; outDir: string },
): string[] | undefined {
  const repeated = repeatedArgs(userArgs, new Set());
  if (!repeated) return undefined;
  return [
    'build',
    '--progress',
    'rawjson',
    '--provenance=false',
    '--sbom=false',
    ...repeated,
    '--file',
    files.dockerfile,
    '--build-context',
    `${LISTING_CONTEXT}=${files.scriptDir}`,
    '--output',
    `type=local,dest=${files.outDir}`,
    userArgs[userArgs.length - 1]!,
  ];
}

/**
 * The fallback's arguments: the user's build again, all from the cache, writing only the image as
 * an OCI layout (into a directory seeded with the known layers, so only new layers are written).
 */
export function layoutExportArgs(userArgs: readonly string[], layoutDir: string): string[] | undefined {
  const repeated = repeatedArgs(userArgs, new Set(['--file', '--target']));
  if (!repeated) return undefined;
  return [
    'build',
    '--progress',
    'rawjson',
    '--provenance=false',
    '--sbom=false',
    ...repeated,
    '--output',
    `type=oci,tar=false,dest=${layoutDir}`,
    userArgs[userArgs.length - 1]!,
  ];
}

/** The user's steps the helper build ran again: any means the split changed their LLB. */
export function uncachedUserSteps(steps: readonly StepRecord[]): string[] {
  return steps
    .filter((step) => !step.cached && !step.name.startsWith(`[${LISTING_STAGE_PREFIX}`))
    .map((step) => step.name);
}

const LISTING_STEP_ERROR = new RegExp(`^\\[${LISTING_STAGE_PREFIX} 1/1\\] RUN [\\s\\S]*?"\\]: ([\\s\\S]*)$`);

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
    if (result.exitCode !== 0) {
      const error =
        progress.firstError ?? result.stderr.trim().split('\n').pop() ?? `exit code ${result.exitCode}`;
      // The listing step's name is the whole RUN line with every mount: its error is what says why.
      const listingError = LISTING_STEP_ERROR.exec(error)?.[1];
      throw new Error(
        listingError === undefined
          ? `the listing build failed: ${error}`
          : `the listing step failed (it runs python3 from the base image): ${listingError}`,
      );
    }
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
