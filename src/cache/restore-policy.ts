// Restoring a dependency cache costs seconds per MB (download, unpack, copy into BuildKit). When the
// install step it speeds up spends less than that on what the cache spares, restoring makes the
// build slower: skip it, and keep only what the build made when it is saved again.
import type { RestoreSetting } from '../domain/dependency-cache.js';
import { stepsUsingMount } from './layer-covered.js';

/** What the runs before this one tell about one mount. */
export interface MountHistory {
  mountId: string;
  /** Bytes of its latest entry, as a run saved or restored it (carried forward). */
  entryBytes: number;
  /** Seconds its RUN steps took on the latest run that had no cache for it (carried forward); undefined when none did. */
  uncachedStepSeconds: number | undefined;
  /** Of those seconds, what the steps' package tools said they spent downloading, when they said. */
  downloadSeconds: number | undefined;
  /**
   * The RUN steps using the mount, as one key: mounts of the same steps (apt's lists and archives)
   * are weighed together, as the seconds the steps spend are spared only when all of them are there.
   */
  steps: string;
}

export interface RestoreHistory {
  mounts: MountHistory[];
  /**
   * Seconds per MB that restoring added before the build on the last run that restored enough to
   * tell (the restore, and the inject less its wait for the base image the build needs anyway);
   * undefined when it could not tell.
   */
  secondsPerMB: number | undefined;
}

/**
 * What restore + inject cost per MB when no run has measured it: where the inject goes before the
 * build's start (the docker driver, a remote or kept builder), 25 ms/MB, from the bench on this stack
 * (3.8 s restore + 4.8 s inject for 315 MB; earlier runs 12–20 ms/MB). Where the builder starts
 * empty for this run (a docker-container builder, as on GitHub-hosted runners), the inject's
 * transfer runs beside the base image's pull and unpack that the build needs anyway, and what is
 * left is the restore and the untar: 1.4–1.9 s and 0.9–1.2 s for 210–315 MB there, about 10 ms/MB.
 */
export const DEFAULT_SECONDS_PER_MB = 0.025;
export const DEFAULT_SECONDS_PER_MB_ON_EMPTY_BUILDER = 0.01;
const MB = 1_000_000;
/** Below this much restored, the per-MB figure is mostly fixed cost and says nothing. */
const MIN_MEASURED_BYTES = 20 * MB;

/** The per-MB cost to weigh by: the last measurement, else the default for this kind of builder. */
export function restoreSecondsPerMB(measured: number | undefined, builderStartsEmpty: boolean): number {
  return measured ?? (builderStartsEmpty ? DEFAULT_SECONDS_PER_MB_ON_EMPTY_BUILDER : DEFAULT_SECONDS_PER_MB);
}

/**
 * Mount id → why its restore is skipped for cost, for the mounts where restoring would not pay.
 * What restoring can spare is what the steps spent downloading where their tools say (apt), else
 * all of their seconds without the cache, which is more than a cache can spare: a mount is skipped
 * only when even that is less than its restore.
 */
export function mountsNotWorthRestoring(
  history: RestoreHistory | undefined,
  mountIds: readonly string[],
  setting: RestoreSetting,
  secondsPerMB: number,
): Map<string, string> {
  const skipped = new Map<string, string>();
  if (setting === 'true') return skipped;
  if (setting === 'false') {
    for (const mountId of mountIds) skipped.set(mountId, 'restore-cache is false');
    return skipped;
  }
  const known = (history?.mounts ?? []).filter(
    (m) => mountIds.includes(m.mountId) && m.uncachedStepSeconds !== undefined && m.entryBytes > 0,
  );
  for (const steps of new Set(known.map((m) => m.steps))) {
    const together = known.filter((m) => m.steps === steps);
    const bytes = together.reduce((sum, m) => sum + m.entryBytes, 0);
    const restoreSeconds = (bytes / MB) * secondsPerMB;
    const downloads = together.every((m) => m.downloadSeconds !== undefined)
      ? Math.max(...together.map((m) => m.downloadSeconds ?? 0))
      : undefined;
    const spared = downloads ?? Math.max(...together.map((m) => m.uncachedStepSeconds ?? 0));
    if (restoreSeconds <= spared) continue;
    const others = together.length - 1;
    const what =
      others === 0
        ? `its ${(bytes / MB).toFixed(0)} MB`
        : `it and the ${others} other mount${others > 1 ? 's' : ''} of the same steps (${(bytes / MB).toFixed(0)} MB)`;
    const reason =
      `restoring ${what} takes about ${restoreSeconds.toFixed(1)} s, more than the ` +
      (downloads === undefined
        ? `${spared.toFixed(1)} s its steps took without it`
        : `${spared.toFixed(1)} s its steps spent downloading without it`);
    for (const mount of together) skipped.set(mount.mountId, reason);
  }
  return skipped;
}

/**
 * Restore + inject seconds per MB, from one run's phase seconds and restored bytes; the inject's wait
 * for its base image is left out, as the build would have waited for that image the same.
 */
export function measuredSecondsPerMB(
  seconds: { restore: number; inject: number; injectBaseWait?: number },
  restoredBytes: number,
): number | undefined {
  if (restoredBytes < MIN_MEASURED_BYTES) return undefined;
  const inject = Math.max(0, seconds.inject - (seconds.injectBaseWait ?? 0));
  return (seconds.restore + inject) / (restoredBytes / MB);
}

/** The RUN steps using a mount, as the key that groups mounts of the same steps. */
export function stepsKey(mountId: string, steps: readonly { name: string }[]): string {
  return stepsUsingMount(mountId, steps)
    .map((step) => step.name)
    .join('\n');
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
