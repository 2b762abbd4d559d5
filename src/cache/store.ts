// The one interface the dependency-cache session talks to, whatever keeps the entries: archives in
// the Actions cache or a local directory (moved through the runner: archive-store.ts), or images
// in a registry (moved by BuildKit itself: registry/registry-store.ts). The session decides what to
// restore, skip and save; a store only finds, moves and keeps.
import type { DownloadsOutcome } from './download-policy.js';
import type { HelperBuildTimes } from './helper-build.js';
import type { DownloadsToDrop } from './mount-dockerfiles.js';
import type { PlannedMountCache } from './plan.js';

/** An entry found for a mount before the build, to be put into BuildKit. */
export interface FoundEntry {
  status: 'exact' | 'partial';
  key: string;
  /** Bytes brought to the runner (an archive) or held by the entry (an image). */
  bytes: number;
  /** The entry is a delta over this whole entry, restored with it. */
  deltaOf?: string;
}

/** What the build left in a mount, taken out for its save. */
export interface TakenOut {
  /** What the take-out found in the mount's download paths (see download-policy.ts). */
  downloads?: DownloadsOutcome;
}

export interface SaveResult {
  /** Files left out to keep within dependency-cache-max-size. */
  prunedBytes: number;
  prunedFiles: number;
  /** Undefined when there was nothing to save. */
  saved?: {
    key: string;
    /** Bytes this save added. */
    bytes: number;
    /** Only what the build added was saved, over this entry. */
    deltaOf?: string;
  };
}

/**
 * Where a mount's entries are kept between runs, and how they reach BuildKit and come back. Method
 * syntax on purpose: each store takes back the entries and take-outs it made.
 */
export interface DependencyCacheStore<
  Found extends FoundEntry = FoundEntry,
  Taken extends TakenOut = TakenOut,
> {
  /** For the log. */
  readonly name: 'gha' | 'local' | 'registry';
  /** Its lookups go through the builder: nothing is found before the builder runs. */
  readonly findsThroughBuilder: boolean;
  /**
   * Its saves may start as soon as the build is done with a mount, beside the export; otherwise
   * they wait for the build to have succeeded.
   */
  readonly savesDuringBuild: boolean;
  /** Whether some entry of the mount may be stored; true when that cannot be told. */
  anyEntryStored(planned: PlannedMountCache): Promise<boolean>;
  /** The key of an entry kept already for exactly these lockfiles; undefined when none, or when that cannot be told. */
  keptEntry(planned: PlannedMountCache): Promise<string | undefined>;
  /** The entry to restore, brought as near BuildKit as it can be before the builder runs; undefined on a miss. */
  find(planned: PlannedMountCache): Promise<Found | undefined>;
  /** Puts a found entry into BuildKit's cache mount; says how long it waited for its base image. */
  inject(planned: PlannedMountCache, found: Found): Promise<HelperBuildTimes>;
  /**
   * Takes what the build left in the mount out for its save: since the injection of `over` when
   * given, without the downloads `drop` weighs out.
   */
  takeOut(
    planned: PlannedMountCache,
    over: Found | undefined,
    drop: DownloadsToDrop | undefined,
  ): Promise<Taken>;
  /** Saves a take-out under the mount's save key; over `over`, the entry injected after a partial hit, where it can. */
  save(
    planned: PlannedMountCache,
    taken: Taken,
    over: Found | undefined,
    maxBytes: number,
  ): Promise<SaveResult>;
}

/**
 * A restore stopped by dependency-cache-timeout that the store could not stop: it may still write
 * into the mount's directory, so nothing of that directory may be saved this run.
 */
export class RestoreAbandonedError extends Error {}
