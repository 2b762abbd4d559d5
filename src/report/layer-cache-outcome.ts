// How the layer cache served the build: the share of steps it gave, and what it could not read or
// write (each a warning, the build goes on). Read by the outputs and the run's warnings.
import type { BuildResult } from '../buildx/run-build.js';
import type { LayerCachePlan } from '../buildx/plan.js';

export function cacheHitRatio(build: Pick<BuildResult, 'cachedSteps' | 'totalSteps'>): number {
  return build.totalSteps === 0 ? 0 : build.cachedSteps / build.totalSteps;
}

/** One warning per layer cache that could not be read or written, naming it. */
export function describeCacheProblems(build: BuildResult, layerCache: LayerCachePlan): string[] {
  return build.cacheProblems.map((p) =>
    p.direction === 'import'
      ? `Layer cache ${p.ref ?? '(unknown)'} could not be read; the build went on without it: ${p.error}`
      : `Layer cache ${layerCache.writeRef ?? '(unknown)'} could not be written; the image is fine, the next build may be slower: ${p.error}`,
  );
}
