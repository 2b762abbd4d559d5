// Restoring a dependency cache costs seconds per MB (download, unpack, copy into BuildKit). When the
// install step it speeds up is cheaper than that, restoring makes the build slower: skip it, and
// still save what the build downloads.
import type { RestoreSetting } from '../domain/dependency-cache.js';
import { stepsUsingMount } from './layer-covered.js';

/** What the last run this one compares with tells about one mount. */
export interface MountHistory {
  mountId: string;
  /** Bytes of its entry, as the last run saved or restored it. */
  entryBytes: number;
  /** Seconds its RUN steps took when the last run had no cache for it (a miss); undefined otherwise. */
  uncachedStepSeconds: number | undefined;
}

export interface RestoreHistory {
  mounts: MountHistory[];
  /** Restore + inject seconds per MB the last run measured; undefined when it restored too little to tell. */
  secondsPerMB: number | undefined;
}

/**
 * What restore + inject cost when the last run cannot tell: 25 ms/MB, from the last full bench on this
 * stack (3.8 s restore + 4.8 s inject for 315 MB; earlier runs 12–20 ms/MB). Each run measures its own.
 */
export const DEFAULT_SECONDS_PER_MB = 0.025;
const MB = 1_000_000;
/** Below this much restored, the per-MB figure is mostly fixed cost and says nothing. */
const MIN_MEASURED_BYTES = 20 * MB;

/** Mount id → why its restore is skipped for cost, for the mounts where restoring would not pay. */
export function mountsNotWorthRestoring(
  history: RestoreHistory | undefined,
  mountIds: readonly string[],
  setting: RestoreSetting,
): Map<string, string> {
  const skipped = new Map<string, string>();
  if (setting === 'true') return skipped;
  for (const mountId of mountIds) {
    if (setting === 'false') {
      skipped.set(mountId, 'restore-cache is false');
      continue;
    }
    const mount = history?.mounts.find((m) => m.mountId === mountId);
    if (!mount || mount.uncachedStepSeconds === undefined || mount.entryBytes <= 0) continue;
    const perMB = history?.secondsPerMB ?? DEFAULT_SECONDS_PER_MB;
    const restoreSeconds = (mount.entryBytes / MB) * perMB;
    if (restoreSeconds > mount.uncachedStepSeconds) {
      skipped.set(
        mountId,
        `restoring its ${(mount.entryBytes / MB).toFixed(0)} MB takes about ${restoreSeconds.toFixed(1)} s, ` +
          `more than the ${mount.uncachedStepSeconds.toFixed(1)} s its steps took without it`,
      );
    }
  }
  return skipped;
}

/** Restore + inject seconds per MB, from one run's phase seconds and restored bytes. */
export function measuredSecondsPerMB(
  restoreAndInjectSeconds: number,
  restoredBytes: number,
): number | undefined {
  return restoredBytes >= MIN_MEASURED_BYTES ? restoreAndInjectSeconds / (restoredBytes / MB) : undefined;
}

/** The seconds the RUN steps using a mount took, when every one of them ran and said how long. */
export function uncachedSeconds(
  mountId: string,
  steps: readonly { name: string; cached: boolean; seconds: number | undefined }[],
): number | undefined {
  const using = stepsUsingMount(mountId, steps);
  if (using.length === 0 || using.some((step) => step.cached || step.seconds === undefined)) return undefined;
  return using.reduce((sum, step) => sum + (step.seconds ?? 0), 0);
}
