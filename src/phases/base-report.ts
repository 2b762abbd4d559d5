// The last report this run compares with, looked up beside everything before the build.
import type { BaseReportStore } from '../report/base-store.js';
import type { KnownLayer } from '../image/layers/known-layers.js';
import type { BuildReport } from '../report/model.js';
import { loadBaseReport } from '../report/publish.js';
import type { TrendPoint } from '../report/trend.js';
import type { RunContext } from '../github/run-context.js';

export interface LoadedBase {
  base: BuildReport | undefined;
  /** Layers the base's run measured, by blob digest. */
  knownLayers: Map<string, KnownLayer>;
  /** The trend points kept with `base`. */
  history: TrendPoint[];
}

/** The last report and what is kept with it; every failure in here is a warning and no base. */
export async function loadBase(store: BaseReportStore | undefined, run: RunContext): Promise<LoadedBase> {
  const base = await loadBaseReport(store, run);
  return {
    base,
    knownLayers: base && store ? await store.loadedLayers() : new Map<string, KnownLayer>(),
    history: store ? await store.loadedHistory(base) : [],
  };
}
