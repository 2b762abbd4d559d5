import type { StepRecord } from '../buildx/progress.js';
import type { DependencyCachePlan, PlannedMountCache } from './plan.js';
import { stepsFromLayerCache, stepsUsingMount } from './layer-covered.js';
import type { RestoreSetting } from '../domain/dependency-cache.js';
import { formatBytes } from '../units.js';
import { overallStatus, type DependencyCacheStatus } from './keys.js';
import { cacheMountId, type CacheMountKind } from './mounts.js';
import type { MountTransfer } from './mount-transfer.js';
import { decideDownloads, holdsOnlyDownloads, type DownloadsOutcome } from './download-policy.js';
import { uncachedSeconds } from './restore-policy.js';
import { RestoreAbandonedError, type DependencyCacheStore, type FoundEntry, type TakenOut } from './store.js';

export interface MountCacheOutcome {
  target: string;
  kind: CacheMountKind;
  status: DependencyCacheStatus;
  matchedKey: string | undefined;
  restoredBytes: number;
  savedKey: string | undefined;
  savedBytes: number;
  /** The saved entry holds only what this build added, over this whole entry (restored before it). */
  savedDeltaOf?: string;
  /** The restored entry was a delta over this whole entry, restored with it. */
  restoredDeltaOf?: string;
  prunedBytes: number;
  prunedFiles: number;
  /** BuildKit's id of the mount (its id=, else its target). */
  mountId?: string;
  /** What the RUN steps using the mount depend on (see cacheStepFingerprints); absent when more than lockfiles. */
  fingerprint?: string;
  /** Not restored: the last build ran the same steps and left them in the layer cache this build reads. */
  restoreSkipped?: boolean;
  /** Every RUN step using the mount came from the layer cache (absent when no step named it). */
  stepsFromLayerCache?: boolean;
  /** Not restored because restoring would cost more than it saves: why (see restore-policy.ts). */
  restoreNotWorthIt?: string;
  /** Not restored: the builder (one that outlives the job) still holds this entry in the mount. */
  heldByBuilder?: boolean;
  /** Not restored for cost, and not saved: this entry for the same lockfiles is kept already. */
  keptEntry?: string;
  /** Not restored for cost, and not saved: why nothing in it would pay either. */
  saveNotWorthIt?: string;
  /**
   * Its restore was abandoned after dependency-cache-timeout by a backend that cannot stop it: it may still be
   * unpacking into the mount's directory, so nothing of that directory is saved this run.
   */
  restoreAbandoned?: boolean;
  /** What its extract found in the download paths (see download-policy.ts), and whether they were left out. */
  downloads?: DownloadsOutcome & { reason: string };
}

export interface PhaseSeconds {
  restore: number;
  inject: number;
  extract: number;
  save: number;
  /**
   * Of the inject's seconds, the longest wait of an inject for its base image's pull and unpack,
   * which the build would have waited for the same without it (a builder that starts empty).
   */
  injectBaseWait?: number;
}

export interface DependencyCacheReport {
  status: DependencyCacheStatus;
  mounts: MountCacheOutcome[];
  seconds: PhaseSeconds;
}

export interface DependencyCacheEffects {
  /** Where the entries are kept (archives or registry images), and how they reach BuildKit. */
  store: DependencyCacheStore;
  /** Asks a builder that outlives the job which entries its mounts still hold. */
  transfer: Pick<MountTransfer, 'probe'>;
  /** Faults of the cache service or the helper builds: the build goes on without that cache. */
  warn: (message: string) => void;
  info: (message: string) => void;
}

/** Restores and injects every planned mount before the build; extracts and saves them after it. */
export class DependencyCacheSession {
  private readonly outcomes = new Map<PlannedMountCache, MountCacheOutcome>();
  private readonly seconds: PhaseSeconds = { restore: 0, inject: 0, extract: 0, save: 0 };
  /** RUN steps using each mount that have finished in the build so far. */
  private readonly finishedSteps = new Map<PlannedMountCache, number>();
  /** Their seconds, while every one of them ran (undefined once one came from cache). */
  private readonly stepSeconds = new Map<PlannedMountCache, number | undefined>();
  /** Whether and how downloads are weighed (useDownloadPolicy); unset, every mount is kept whole. */
  /** The build's steps, once it has ended (checkAgainstBuild). */
  private buildSteps: readonly StepRecord[] = [];
  private downloadPolicy: { setting: RestoreSetting; restoreSecondsPerMB: number | undefined } | undefined;
  /** Extracts started while the build still runs, once it was done with their mount. */
  private readonly earlyExtracts = new Map<PlannedMountCache, Promise<TakenOut>>();
  /** With saveEarly: the saves that follow those extracts once the build exports. */
  private readonly earlySaves = new Map<PlannedMountCache, Promise<void>>();
  private earlySaveLimit: number | undefined;
  /** Settles true when the build starts exporting (every step succeeded), false when it ends without. */
  private readonly exportReached = settleOnce<boolean>();
  /** The entry each mount was restored from. */
  private readonly found = new Map<PlannedMountCache, FoundEntry>();

  constructor(
    private readonly plan: DependencyCachePlan,
    private readonly effects: DependencyCacheEffects,
  ) {
    for (const planned of plan.mounts) {
      this.outcomes.set(planned, {
        target: planned.mount.target,
        kind: planned.mount.kind,
        status: 'miss',
        matchedKey: undefined,
        restoredBytes: 0,
        savedKey: undefined,
        savedBytes: 0,
        prunedBytes: 0,
        prunedFiles: 0,
        mountId: cacheMountId(planned.mount),
        ...(planned.stepFingerprint ? { fingerprint: planned.stepFingerprint } : {}),
      });
    }
  }

  /** Where the entries are kept, for the log: gha, local or registry. */
  get storeName(): string {
    return this.effects.store.name;
  }

  /**
   * On a builder that outlives the job, the mounts that still hold the entry these lockfiles need
   * (as the last inject or extract on it marked them). A failed probe only costs the shortcut. Mounts
   * in `skip` (the layer cache holds their steps, so none is restored) are not asked about, and with
   * nothing left to ask the probe does not run.
   */
  private async heldByBuilder(skip: ReadonlySet<string>): Promise<Set<PlannedMountCache>> {
    const held = new Set<PlannedMountCache>();
    const candidates = [...this.outcomes.keys()].filter((planned) => !skip.has(cacheMountId(planned.mount)));
    // A mount with no entry stored at all has nothing to restore for the builder to spare: not
    // asked about (the probe is a helper build, 2–4 s on a remote builder that must pull its image).
    const stored = await Promise.all(candidates.map((planned) => this.anyEntryStored(planned)));
    const asked = candidates.filter((_, index) => stored[index]);
    if (asked.length === 0) return held;
    let holds: Map<string, string>;
    try {
      holds = await this.effects.transfer.probe(asked.map((planned) => planned.mount));
    } catch (error) {
      this.effects.info(`Could not ask the builder which dependency caches it holds: ${message(error)}`);
      return held;
    }
    for (const planned of asked)
      if (holds.get(cacheMountId(planned.mount)) === planned.keys.exactPrefix) held.add(planned);
    return held;
  }

  /** A mount the builder still holds: whatever was downloaded for it is not injected, and nothing is saved. */
  private keepWhatTheBuilderHolds(planned: PlannedMountCache): void {
    const outcome = this.outcomes.get(planned)!;
    this.found.delete(planned);
    outcome.status = 'exact';
    outcome.heldByBuilder = true;
    outcome.matchedKey = undefined;
    outcome.restoredBytes = 0;
    delete outcome.restoredDeltaOf;
    this.effects.info(
      `Dependency cache for ${planned.mount.target} not restored: the builder still holds it for these lockfiles.`,
    );
  }

  /**
   * Downloads every mount's entry at once, beside the builder's start, then injects them.
   * `coveredByLayerCache`: mount ids whose steps the layer cache holds, so restoring them is skipped.
   * `notWorthRestoring`: mount id → why restoring it would cost more than it saves; it is skipped too,
   * as a miss, so what the build downloads is still saved (unless an entry for these lockfiles is
   * kept already; with `alwaysSave`, as for restore-cache: false, it is saved regardless).
   * `askBuilder`: the builder outlives the job, so it is asked which mounts still hold their entry;
   * the question runs beside the downloads, and only the injects wait for its answer.
   */
  async restoreAndInject(
    options: {
      coveredByLayerCache?: ReadonlySet<string>;
      notWorthRestoring?: ReadonlyMap<string, string>;
      alwaysSave?: boolean;
      /** The builder the injects go into; the downloads do not wait for it, the injects do. */
      builderReady?: Promise<unknown>;
      askBuilder?: boolean;
    } = {},
  ): Promise<void> {
    const {
      coveredByLayerCache = new Set<string>(),
      notWorthRestoring = new Map<string, string>(),
      alwaysSave = false,
      builderReady = Promise.resolve(),
      askBuilder = false,
    } = options;
    const builderUp = builderReady.then(
      () => true,
      () => false,
    );
    const { store } = this.effects;
    const held = askBuilder
      ? builderUp.then((up) => (up ? this.heldByBuilder(coveredByLayerCache) : new Set<PlannedMountCache>()))
      : Promise.resolve(new Set<PlannedMountCache>());
    // Every mount's download at once, beside the builder's start and the question to it.
    await Promise.all(
      [...this.outcomes].map(async ([planned, outcome]) => {
        const { mount } = planned;
        const notWorthIt = notWorthRestoring.get(cacheMountId(mount));
        if (notWorthIt !== undefined && !coveredByLayerCache.has(cacheMountId(mount))) {
          outcome.restoreNotWorthIt = notWorthIt;
          this.effects.info(`Dependency cache for ${mount.target} not restored: ${notWorthIt}.`);
          if (this.downloadPolicy?.setting === 'auto' && holdsOnlyDownloads(mount.kind)) {
            // What it would save is what a restore just did not pay for.
            outcome.saveNotWorthIt = 'all it holds is downloads, and restoring them does not pay';
            this.effects.info(
              `Dependency cache for ${mount.target} will not be saved: ${outcome.saveNotWorthIt}.`,
            );
            return;
          }
          if (!alwaysSave) await this.findKeptEntry(planned, outcome);
          return;
        }
        if (coveredByLayerCache.has(cacheMountId(mount))) {
          // The same lockfiles were saved or restored exactly by the build this one follows.
          outcome.status = 'exact';
          outcome.restoreSkipped = true;
          this.effects.info(
            `Dependency cache for ${mount.target} not restored: the last build ran the same steps from the same lockfiles, and the layer cache holds them.`,
          );
          return;
        }
        if (store.findsThroughBuilder && !(await builderUp)) return;
        await this.find(planned, outcome);
      }),
    );
    for (const planned of await held) this.keepWhatTheBuilderHolds(planned);
    // A builder that did not start fails the build right after this; nothing went in, nothing to warn of.
    const up = await builderUp;
    const injecting = this.plan.mounts.filter((mount) => this.found.has(mount));
    if (!up) {
      for (const planned of injecting) this.outcomes.get(planned)!.status = 'miss';
      return;
    }
    // Every mount's inject at once: BuildKit pulls the helper image they share once, and the
    // transfers overlap. Timed as one phase, so the report's inject seconds stay wall time.
    await this.timed('inject', () =>
      Promise.all(
        injecting.map(async (planned) => {
          try {
            const { baseSeconds } = await store.inject(planned, this.found.get(planned)!);
            this.seconds.injectBaseWait = Math.max(this.seconds.injectBaseWait ?? 0, baseSeconds);
          } catch (error) {
            this.effects.warn(
              `Dependency cache for ${planned.mount.target} was restored but could not be put into BuildKit: ${message(error)}`,
            );
            // What BuildKit did not get must be saved again after the build.
            this.outcomes.get(planned)!.status = 'miss';
          }
        }),
      ),
    );
  }

  /** Finds the mount's entry and brings it as near BuildKit as the store can before the builder runs. */
  private async find(planned: PlannedMountCache, outcome: MountCacheOutcome): Promise<void> {
    try {
      const found = await this.timed('restore', () => this.effects.store.find(planned));
      if (!found) return;
      outcome.status = found.status;
      outcome.matchedKey = found.key;
      outcome.restoredBytes = found.bytes;
      if (found.deltaOf !== undefined) outcome.restoredDeltaOf = found.deltaOf;
      this.found.set(planned, found);
    } catch (error) {
      const stillWriting = error instanceof RestoreAbandonedError;
      if (stillWriting) outcome.restoreAbandoned = true;
      this.effects.warn(
        `Dependency cache for ${planned.mount.target} could not be restored; building without it: ${message(error)}${stillWriting ? '. The abandoned restore may still write into its directory, so this mount is not saved this run' : ''}`,
      );
    }
  }

  /** Whether any entry of the mount may be stored; true when that cannot be told. */
  private anyEntryStored(planned: PlannedMountCache): Promise<boolean> {
    return this.timed('restore', () => this.effects.store.anyEntryStored(planned));
  }

  /**
   * A restore skipped for cost leaves a miss, which would save the whole mount again; when an entry
   * for these same lockfiles is kept already, that save would only store it twice. A failed lookup
   * leaves the save as it was.
   */
  private async findKeptEntry(planned: PlannedMountCache, outcome: MountCacheOutcome): Promise<void> {
    const kept = await this.timed('restore', () => this.effects.store.keptEntry(planned));
    if (kept === undefined) return;
    outcome.keptEntry = kept;
    this.effects.info(
      `Dependency cache for ${planned.mount.target} will not be saved: ${kept} holds these lockfiles' entry already.`,
    );
  }

  /**
   * Checks the guess behind each skipped restore. A step that ran after all had an empty cache mount:
   * what it downloaded is saved, and the next build restores instead of skipping.
   */
  checkAgainstBuild(steps: readonly StepRecord[]): void {
    this.buildSteps = steps;
    for (const [planned, outcome] of this.outcomes) {
      const fromLayerCache = stepsFromLayerCache(cacheMountId(planned.mount), steps);
      if (fromLayerCache !== undefined) outcome.stepsFromLayerCache = fromLayerCache;
      if (outcome.restoreSkipped && fromLayerCache === false) {
        this.effects.warn(
          `Dependency cache for ${planned.mount.target} was not restored because the layer cache was expected to hold its steps, but they ran: their downloads are saved for the next build.`,
        );
        outcome.status = 'miss';
      }
    }
  }

  /**
   * Told of each finished build step: once every RUN step using a mount has finished, the build is
   * done with it, so its extract starts now, beside the rest of the build (export, push), instead
   * of after it. A mount whose steps do not all run (a stage the target skips) is extracted after.
   */
  stepFinished(step: StepRecord): void {
    // A store that saves only after the build has succeeded takes nothing out early either.
    if (!this.effects.store.savesDuringBuild) return;
    for (const [planned, outcome] of this.outcomes) {
      if (!needsSave(outcome) || this.earlyExtracts.has(planned)) continue;
      if (stepsUsingMount(cacheMountId(planned.mount), [step]).length === 0) continue;
      const finished = (this.finishedSteps.get(planned) ?? 0) + 1;
      this.finishedSteps.set(planned, finished);
      const soFar = finished === 1 ? 0 : this.stepSeconds.get(planned);
      this.stepSeconds.set(
        planned,
        soFar === undefined || step.cached || step.seconds === undefined ? undefined : soFar + step.seconds,
      );
      if (finished < planned.mount.runSteps) continue;
      const early = this.extract(planned, outcome, this.stepSeconds.get(planned));
      early.catch(() => undefined);
      this.earlyExtracts.set(planned, early);
      this.effects.info(`Dependency cache for ${planned.mount.target}: extracting while the build finishes.`);
      const limit = this.earlySaveLimit;
      if (limit === undefined) continue;
      // Saved only once every step has succeeded; a build that fails before its export saves nothing.
      const saving = early.then(
        async (extracted) => {
          if (await this.exportReached.promise) await this.saveTaken(planned, outcome, extracted, limit);
        },
        // Told only when the build got as far as saving.
        async (error: unknown) => {
          if (await this.exportReached.promise) this.cannotSave(planned, error);
        },
      );
      this.earlySaves.set(planned, saving);
    }
  }

  /**
   * Saves each early extract as soon as the build exports (its steps have all succeeded by then),
   * beside the image's export and push, within `maxBytesPerMount`.
   */
  saveEarly(maxBytesPerMount: number): void {
    if (this.effects.store.savesDuringBuild) this.earlySaveLimit = maxBytesPerMount;
  }

  /** The build has started exporting: every step succeeded, so the early saves may go. */
  buildExporting(): void {
    this.exportReached.settle(true);
  }

  /** The entry injected after a partial hit still standing (a failed inject turns it into a miss): what a save may go over. */
  private injected(planned: PlannedMountCache, outcome: MountCacheOutcome): FoundEntry | undefined {
    return outcome.status === 'partial' ? this.found.get(planned) : undefined;
  }

  /**
   * Weighs downloads from now on: with `restore-cache: true` every mount is kept whole; otherwise
   * downloads that came faster than carrying them costs are left out of what is saved.
   */
  useDownloadPolicy(setting: RestoreSetting, restoreSecondsPerMB: number | undefined): void {
    this.downloadPolicy = { setting, restoreSecondsPerMB };
  }

  private async extract(
    planned: PlannedMountCache,
    outcome: MountCacheOutcome,
    stepSeconds: number | undefined,
  ): Promise<TakenOut> {
    const { mount } = planned;
    const restoreDidNotPay =
      outcome.restoreNotWorthIt !== undefined && this.downloadPolicy?.setting === 'auto';
    const decision = this.downloadPolicy
      ? decideDownloads({
          kind: mount.kind,
          target: mount.target,
          stepSeconds,
          ...this.downloadPolicy,
          restoreDidNotPay,
        })
      : undefined;
    const drop = decision?.keep === 'made' ? decision : undefined;
    const taken = await this.timed('extract', () =>
      this.effects.store.takeOut(planned, this.injected(planned, outcome), drop),
    );
    const found = taken.downloads;
    if (drop && found && found.bytes > 0) {
      const rateMBps = found.bytes / 1e6 / (drop.stepMilliseconds / 1000);
      const breakEvenMBps = drop.dropAboveKBps / 1000;
      const reason =
        drop.dropAboveKBps === 0
          ? `its ${formatBytes(found.bytes)} of downloads are not saved, as restoring it did not pay (above): only what the build made is`
          : found.dropped
            ? `its ${formatBytes(found.bytes)} of downloads came at ${rateMBps.toFixed(0)} MB/s or faster, more than the ${breakEvenMBps.toFixed(0)} MB/s at which carrying them pays: only what the build made is saved`
            : `its ${formatBytes(found.bytes)} of downloads came at about ${rateMBps.toFixed(0)} MB/s, less than the ${breakEvenMBps.toFixed(0)} MB/s at which carrying them pays: they are saved`;
      outcome.downloads = { ...found, reason };
      this.effects.info(`Dependency cache for ${mount.target}: ${reason}.`);
    }
    return taken;
  }

  /**
   * Saves what changed; never after a build that failed before its export (its cache may be half
   * written) and never over an exact hit. A save that began at the export is let finish.
   */
  async extractAndSave(buildSucceeded: boolean, maxBytesPerMount: number): Promise<void> {
    if (!buildSucceeded) {
      this.exportReached.settle(false);
      // An extract that started early is left to finish, and so is a save that began at the export.
      await Promise.allSettled([...this.earlyExtracts.values(), ...this.earlySaves.values()]);
      return;
    }
    this.exportReached.settle(true);
    const saves: Promise<void>[] = [];
    for (const [planned, outcome] of this.outcomes) {
      if (!needsSave(outcome)) continue;
      const early = this.earlySaves.get(planned);
      if (early) {
        saves.push(early);
        continue;
      }
      const extracting =
        this.earlyExtracts.get(planned) ??
        this.extract(planned, outcome, uncachedSeconds(cacheMountId(planned.mount), this.buildSteps));
      // Each mount's archive is saved as soon as it is ready, beside the others.
      saves.push(
        extracting.then(
          (taken) => this.saveTaken(planned, outcome, taken, maxBytesPerMount),
          (error: unknown) => this.cannotSave(planned, error),
        ),
      );
    }
    await Promise.all(saves);
  }

  /** Saves what was taken out, within the size limit; a failure is a warning. */
  private async saveTaken(
    planned: PlannedMountCache,
    outcome: MountCacheOutcome,
    taken: TakenOut,
    maxBytesPerMount: number,
  ): Promise<void> {
    try {
      const result = await this.timed('save', () =>
        this.effects.store.save(planned, taken, this.injected(planned, outcome), maxBytesPerMount),
      );
      outcome.prunedBytes = result.prunedBytes;
      outcome.prunedFiles = result.prunedFiles;
      if (!result.saved) return;
      outcome.savedKey = result.saved.key;
      outcome.savedBytes = result.saved.bytes;
      if (result.saved.deltaOf !== undefined) outcome.savedDeltaOf = result.saved.deltaOf;
    } catch (error) {
      this.cannotSave(planned, error);
    }
  }

  private cannotSave(planned: PlannedMountCache, error: unknown): void {
    this.effects.warn(
      `Dependency cache for ${planned.mount.target} could not be saved; the next build may be slower: ${message(error)}`,
    );
  }

  report(): DependencyCacheReport {
    const mounts = [...this.outcomes.values()];
    return {
      status: this.plan.enabled ? overallStatus(mounts.map((m) => m.status)) : 'off',
      mounts,
      seconds: { ...this.seconds },
    };
  }

  private async timed<T>(
    phase: 'restore' | 'inject' | 'extract' | 'save',
    action: () => Promise<T>,
  ): Promise<T> {
    const started = performance.now();
    try {
      return await action();
    } finally {
      this.seconds[phase] += (performance.now() - started) / 1000;
    }
  }
}

/** An exact hit holds all the build can add, and a kept entry holds what a skipped restore would have brought. */
function needsSave(outcome: MountCacheOutcome): boolean {
  return (
    outcome.status !== 'exact' &&
    outcome.keptEntry === undefined &&
    outcome.saveNotWorthIt === undefined &&
    !outcome.restoreAbandoned
  );
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A promise settled by the first `settle`; later ones change nothing. */
function settleOnce<T>(): { promise: Promise<T>; settle: (value: T) => void } {
  let settle: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => (settle = resolve));
  return { promise, settle };
}
