// The one report model: every rendering (PR comment, job summary, outputs, JSON file) reads this,
// and it is what a run stores for the next one to compare with. So it is declared here, field by
// field, apart from the types of the modules that produce it (report/assemble.ts maps those onto
// it): a change inside the cache session or the build cannot silently change what earlier runs
// stored and later runs read. Any change of a stored field's meaning bumps REPORT_SCHEMA; the schema
// that reads a stored report back (report/schema.ts) fails to compile until it has the same shape.
import type { LayerCacheKind } from '../domain/layer-cache.js';

export const REPORT_SCHEMA = 'docker-fast-build/report@1';

export type ReportCacheStatus = 'exact' | 'partial' | 'miss' | 'off';

export interface ReportStep {
  name: string;
  cached: boolean;
  seconds: number | undefined;
  /** Seconds its package tool said it spent downloading (apt's "Fetched … in"), when it said. */
  downloadSeconds?: number;
}

/**
 * What one Dockerfile step of the shipped stages read, so that the next build can tell why it re-ran:
 * digests and names only, never file contents or build-arg values (see report/step-inputs.ts).
 */
export interface ReportStepInputs {
  /** The stage as BuildKit labels its steps: its name, else `stage-N` (older BuildKit: none in a one-stage file). */
  stage: string;
  /**
   * The step's place among the steps BuildKit shows, as in `[stage 3/5]`: FROM is 1 when it pulls an
   * image, 0 (not shown) for scratch or an earlier stage.
   */
  position: number;
  /** The Dockerfile line it starts on. */
  line: number;
  /** The instruction as written (variables not expanded), on one line, clipped. */
  text: string;
  /** FROM: the image as resolved from its ARGs, and the digest the build pulled (absent when not told). */
  image?: string;
  imageDigest?: string;
  /** COPY/ADD and bind mounts from the context: [path, short content digest], sorted, capped. */
  files?: [string, string][];
  /** A digest over every file it takes, those past the list too. */
  filesDigest?: string;
  /** Files it takes that are not in `files`. */
  moreFiles?: number;
  /** Build args it reads, each with a short digest of its value ('' when the name looks secret). */
  args?: [string, string][];
  /** Secret ids it mounts. */
  secrets?: string[];
}

/** Why a step that BuildKit ran did not come from the layer cache: the first cause that applies. */
export interface ReportMissReason {
  /** The step's instruction as written, clipped. */
  step: string;
  line: number;
  kind: MissReasonKind;
  /** `files`: the changed paths (a few); `args`/`secrets`: the changed names; `earlier`: the step's own cause. */
  names?: string[];
  /** `files`: changed paths not named. */
  more?: number;
  /** `files`: every changed path is one a .dockerignore could leave out (docs, README, CI files). */
  ignorable?: boolean;
  /** `base-image`: the image and its digests before and now. */
  image?: { name: string; from: string; to: string };
  /** `earlier`: the step whose re-run this one follows (the first of the chain) and why it ran. */
  after?: { step: string; line: number; kind: MissReasonKind; names?: string[] };
  /** `cache-empty`: what can be told of why the cache held nothing. */
  detail?: CacheEmptyDetail;
  /** An advice rule whose reordering would have kept this step cached. */
  advice?: string;
}

export type MissReasonKind =
  'files' | 'base-image' | 'args' | 'secrets' | 'instruction' | 'earlier' | 'no-cache' | 'cache-empty';

export type CacheEmptyDetail =
  'first-build' | 'not-recorded' | 'unreadable' | 'other-scope' | 'builder-only' | 'evicted';

export interface ReportMountCache {
  target: string;
  kind: 'pip' | 'uv' | 'apt' | 'generic';
  status: ReportCacheStatus;
  matchedKey: string | undefined;
  restoredBytes: number;
  savedKey: string | undefined;
  savedBytes: number;
  /** The saved entry holds only what this build added, over this whole entry. */
  savedDeltaOf?: string;
  /** The restored entry was a delta over this whole entry, restored with it. */
  restoredDeltaOf?: string;
  prunedBytes: number;
  prunedFiles: number;
  /** BuildKit's id of the mount (its id=, else its target). */
  mountId?: string;
  /** What the RUN steps using the mount depend on; absent when they see more than lockfiles. */
  fingerprint?: string;
  /** Not restored: the last build ran the same steps and left them in the layer cache this build reads. */
  restoreSkipped?: boolean;
  /** Every RUN step using the mount came from the layer cache (absent when no step named it). */
  stepsFromLayerCache?: boolean;
  /** Not restored because restoring would cost more than it saves: why. */
  restoreNotWorthIt?: string;
  /** Not restored: the builder still held this entry in the mount. */
  heldByBuilder?: boolean;
  /** Not restored for cost and not saved: this entry for the same lockfiles was kept already. */
  keptEntry?: string;
  /** Not restored for cost and not saved: why nothing in it would pay either. */
  saveNotWorthIt?: string;
  /** What the mount had downloaded, and whether it was left out of the saved entry (and why). */
  downloads?: { bytes: number; dropped: boolean; reason: string };
  /** Seconds the RUN steps using the mount ran for in this build (absent when no step named it). */
  installSeconds?: number;
  /** Those steps' seconds on the latest build where the mount missed and they ran (carried forward). */
  missInstallSeconds?: number;
  /** Of those seconds, what their package tools said they spent downloading, when they said (carried forward). */
  missDownloadSeconds?: number;
  /** Bytes of the latest entry this build or one before it saved or restored (carried forward). */
  entryBytes?: number;
}

export interface ReportPhaseSeconds {
  restore: number;
  inject: number;
  extract: number;
  save: number;
  /** Of the inject's seconds, its wait for the base image the build would have waited for anyway. */
  injectBaseWait?: number;
}

export interface ReportDependencyCache {
  status: ReportCacheStatus;
  mounts: ReportMountCache[];
  seconds: ReportPhaseSeconds;
}

export interface ReportLayer {
  digest: string;
  bytes: number;
  compressedBytes: number;
  createdBy: string;
  /** The Dockerfile instruction that made the layer (absent when it could not be told). */
  source?: { line: number; text: string };
  /** The layer came with this FROM image. */
  baseImage?: string;
}

export interface ReportWastedPath {
  path: string;
  wastedBytes: number;
  layers: number;
}

export interface ImageSize {
  /** Uncompressed: what the image takes on disk once pulled. */
  bytes: number;
  /** What a pull transfers. */
  compressedBytes: number;
  wastedBytes: number;
  /** 1 − wasted / bytes. */
  efficiency: number;
  layers: ReportLayer[];
  /** The image's layer diff IDs: equal lists mean equal content, whatever the image ID says. */
  layerIds: string[];
  topWasted: ReportWastedPath[];
  /** A layer held more paths than the analysis keeps in memory: wastedBytes is a lower bound. */
  wastePartial?: true;
  /** Seconds this run spent reading the layers; 0 when the last report's measurements were reused. */
  analysisSeconds: number;
}

export interface ReportAdvice {
  rule: string;
  severity: 'warning' | 'notice';
  file: string;
  line: number;
  message: string;
  fix: string;
  bytesAtStake?: number;
}

export interface BuildReport {
  schema: typeof REPORT_SCHEMA;
  createdAt: string;
  image: { name: string; tags: string[]; digest: string; imageId: string };
  git: {
    repository: string;
    event: string;
    branch: string;
    baseBranch: string;
    sha: string;
    pullRequest: number | undefined;
    /** The workflow run that made the report, for a comment to link its base to (absent in older reports). */
    runUrl?: string;
  };
  build: {
    succeeded: boolean;
    seconds: number;
    cachedSteps: number;
    totalSteps: number;
    steps: ReportStep[];
    /**
     * Seconds the main step spent around the build (inputs, caches, measuring) up to the report;
     * absent in reports of older versions.
     */
    overheadSeconds?: number;
    /** What each step read (absent in reports of older versions, and when the Dockerfile was not read). */
    stepInputs?: ReportStepInputs[];
  };
  layerCache: {
    kind: LayerCacheKind;
    readRefs: string[];
    writeRef: string | undefined;
    /** The build wrote writeRef without an export error (absent in reports of older versions). */
    exported?: boolean;
  };
  /** The Dockerfile, by its path in the repository; `url` reads it at the built commit (absent when unknown). */
  dockerfile?: { path: string; url?: string };
  dependencyCache: ReportDependencyCache;
  /** What `builder-max-used-space` pruned (absent when it did not run). */
  builderStorage?: { limitBytes: number; usedBytes: number; reclaimedBytes: number; seconds: number };
  /** Undefined when the image could not be analysed (not loaded, multi-platform, or analysis failed). */
  size: ImageSize | undefined;
  advice: ReportAdvice[];
  /** Why each step that ran was not taken from the layer cache (absent in reports of older versions). */
  missReasons?: ReportMissReason[];
  warnings: string[];
}
