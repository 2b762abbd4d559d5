import type { NoiseThreshold, SizeIncreaseLimit } from '../domain/report.js';
import { formatBytes } from '../units.js';
import type { BuildReport } from './model.js';

export interface Delta {
  base: number | undefined;
  current: number | undefined;
  /** current − base; undefined when either side is unknown. */
  change: number | undefined;
  /** change / base; undefined when base is 0 or unknown. */
  ratio: number | undefined;
}

export interface Comparison {
  size: Delta;
  compressedSize: Delta;
  buildSeconds: Delta;
  cachedSteps: Delta;
  wastedBytes: Delta;
}

export function delta(base: number | undefined, current: number | undefined): Delta {
  const change = base === undefined || current === undefined ? undefined : current - base;
  const ratio = change === undefined || !base ? undefined : change / base;
  return { base, current, change, ratio };
}

export const DEFAULT_NOISE: NoiseThreshold = { bytes: 1_000_000, percent: 1 };

/** True when the change is past both limits (a change against nothing is judged by bytes alone). */
export function crossesThreshold(d: Delta, threshold: NoiseThreshold): boolean {
  if (d.change === undefined || Math.abs(d.change) < threshold.bytes || d.change === 0) return false;
  return d.ratio === undefined || Math.abs(d.ratio) * 100 >= threshold.percent;
}

export function compareReports(current: BuildReport, base: BuildReport | undefined): Comparison {
  return {
    size: delta(base?.size?.bytes, current.size?.bytes),
    compressedSize: delta(base?.size?.compressedBytes, current.size?.compressedBytes),
    buildSeconds: delta(base?.build.seconds, current.build.seconds),
    cachedSteps: delta(base?.build.cachedSteps, current.build.cachedSteps),
    wastedBytes: delta(base?.size?.wastedBytes, current.size?.wastedBytes),
  };
}

export interface GateLimits {
  sizeBudget: number | undefined;
  maxSizeIncrease: SizeIncreaseLimit | undefined;
}

/** The reasons the job must fail, each one sentence; empty when every gate passes. */
export function evaluateGates(current: BuildReport, comparison: Comparison, limits: GateLimits): string[] {
  const failures: string[] = [];
  const size = current.size?.bytes;
  if (limits.sizeBudget !== undefined && size !== undefined && size > limits.sizeBudget) {
    failures.push(
      `The image is ${formatBytes(size)}, over the size budget of ${formatBytes(limits.sizeBudget)}.`,
    );
  }
  const growth = comparison.size.change;
  const limit = limits.maxSizeIncrease;
  if (limit && growth !== undefined && growth > 0) {
    if (
      'percent' in limit &&
      comparison.size.ratio !== undefined &&
      comparison.size.ratio * 100 > limit.percent
    ) {
      failures.push(
        `The image grew by ${formatBytes(growth)} (${(comparison.size.ratio * 100).toFixed(1)}%) against the base branch, more than the allowed ${limit.percent}%.`,
      );
    } else if ('bytes' in limit && growth > limit.bytes) {
      failures.push(
        `The image grew by ${formatBytes(growth)} against the base branch, more than the allowed ${formatBytes(limit.bytes)}.`,
      );
    }
  }
  return failures;
}
