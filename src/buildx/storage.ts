// Keeping a builder's disk bounded (`builder-max-used-space`): on a self-hosted runner or a shared
// BuildKit nothing else ever removes old cache records, and the disk fills over weeks.
import { parseByteSize } from '../units.js';
import type { BuilderPlan } from './builder-plan.js';
import type { BuildxCli } from './cli.js';

/** What pruning did, for the report. */
export interface BuilderStorage {
  limitBytes: number;
  /** The builder's cache after pruning, as `docker buildx du` totals it. */
  usedBytes: number;
  reclaimedBytes: number;
  seconds: number;
}

export interface PruneCommand {
  builderName: string;
  limitBytes: number;
  args: string[];
  fallbackArgs: string[];
}

export type PrunePlan = PruneCommand | { skip: string };

/** Whether to prune and how; undefined when the input is not set. */
export function planBuilderPrune(
  maxUsedSpace: number | undefined,
  builder: Pick<BuilderPlan, 'name' | 'driver' | 'removeAfterRun' | 'outlivesJob'>,
): PrunePlan | undefined {
  if (maxUsedSpace === undefined) return undefined;
  // A builder the action created goes with the post step (a remote one is only a name for a
  // BuildKit that keeps running, so its storage stays).
  if (builder.removeAfterRun && !builder.outlivesJob)
    return { skip: `the ${builder.driver} builder ${builder.name} is removed after the job` };
  const common = ['prune', '--builder', builder.name, '--force'];
  const bytes = String(Math.floor(maxUsedSpace));
  return {
    builderName: builder.name,
    limitBytes: maxUsedSpace,
    args: [...common, '--max-used-space', bytes],
    // buildx before 0.17 knows only the older name of the same limit.
    fallbackArgs: [...common, '--keep-storage', bytes],
  };
}

/**
 * The "Total:" figure `docker buildx du` and `prune` end with (decimal units, e.g. `81.07MB`);
 * undefined when the output has none.
 */
export function totalBytesOf(output: string): number | undefined {
  const lines = output.split('\n').filter((line) => /^Total:/.test(line.trim()));
  const last = lines[lines.length - 1];
  if (last === undefined) return undefined;
  return parseByteSize(last.trim().replace(/^Total:\s*/, ''));
}

/**
 * Runs the planned prune, then asks what the builder holds; throws with buildx's own words.
 * `signal` stops whichever buildx is running (the caller bounds the prune by dependency-cache-timeout).
 */
export async function pruneBuilderStorage(
  buildx: BuildxCli,
  plan: PruneCommand,
  signal?: AbortSignal,
): Promise<BuilderStorage> {
  const started = Date.now();
  const options = signal ? { signal } : {};
  let pruned = await buildx.run(plan.args, options);
  if (pruned.exitCode !== 0 && /unknown flag/.test(pruned.stderr))
    pruned = await buildx.run(plan.fallbackArgs, options);
  if (pruned.exitCode !== 0) throw new Error(`docker buildx prune failed: ${lastLine(pruned.stderr)}`);
  const du = await buildx.run(['du', '--builder', plan.builderName], options);
  const usedBytes = du.exitCode === 0 ? totalBytesOf(du.stdout) : undefined;
  if (usedBytes === undefined)
    throw new Error(`docker buildx du did not say what the builder holds: ${lastLine(du.stderr)}`);
  return {
    limitBytes: plan.limitBytes,
    usedBytes,
    reclaimedBytes: totalBytesOf(pruned.stdout) ?? 0,
    seconds: (Date.now() - started) / 1000,
  };
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() || 'no message';
}
