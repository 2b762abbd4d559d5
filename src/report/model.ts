// The one report model: every rendering (PR comment, job summary, outputs, JSON file) reads this.
import type { StepRecord } from '../buildx/progress.js';
import type { DependencyCacheStatus } from '../cache/keys.js';
import type { MountCacheOutcome, PhaseSeconds } from '../cache/dependency-cache.js';
import type { LayerCacheKind } from '../inputs/parse.js';

export const REPORT_SCHEMA = 'docker-fast-build/report@1';

export interface ReportLayer {
  digest: string;
  bytes: number;
  compressedBytes: number;
  createdBy: string;
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
  };
  build: {
    succeeded: boolean;
    seconds: number;
    cachedSteps: number;
    totalSteps: number;
    steps: StepRecord[];
  };
  layerCache: {
    kind: LayerCacheKind;
    readRefs: string[];
    writeRef: string | undefined;
    /** The build wrote writeRef without an export error (absent in reports of older versions). */
    exported?: boolean;
  };
  dependencyCache: { status: DependencyCacheStatus; mounts: MountCacheOutcome[]; seconds: PhaseSeconds };
  /** Undefined when the image could not be analysed (not loaded, multi-platform, or analysis failed). */
  size: ImageSize | undefined;
  advice: ReportAdvice[];
  warnings: string[];
}
