// The one report model: every rendering (PR comment, job summary, outputs, JSON file) reads this,
// and it is what a run stores for the next one to compare with. So it is declared here, field by
// field, apart from the types of the modules that produce it (report/assemble.ts maps those onto
// it): a change inside the cache session or the build cannot silently change what earlier runs
// stored and later runs read. Any change of a stored field's meaning bumps REPORT_SCHEMA.
import type { LayerCacheKind } from '../inputs/parse.js';

export const REPORT_SCHEMA = 'docker-fast-build/report@1';

export type ReportCacheStatus = 'exact' | 'partial' | 'miss' | 'off';

export interface ReportStep {
  name: string;
  cached: boolean;
  seconds: number | undefined;
}

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
  /** What the mount had downloaded, and whether it was left out of the saved entry (and why). */
  downloads?: { bytes: number; dropped: boolean; reason: string };
  /** Seconds the RUN steps using the mount ran for in this build (absent when no step named it). */
  installSeconds?: number;
  /** Those steps' seconds on the latest build where the mount missed and they ran (carried forward). */
  missInstallSeconds?: number;
}

export interface ReportPhaseSeconds {
  restore: number;
  inject: number;
  extract: number;
  save: number;
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
  warnings: string[];
}

/** A stored report of this schema, or undefined for an older version's; malformed JSON throws. */
export function readStoredReport(text: string): BuildReport | undefined {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  return (parsed as { schema?: unknown }).schema === REPORT_SCHEMA ? (parsed as BuildReport) : undefined;
}
