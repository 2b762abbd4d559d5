// Phase 6: after the build, saving the dependency caches (BuildKit and tar) and measuring the image
// (the registry, a layout or docker save, and gunzip) overlap; neither waits for the other.
import * as core from '@actions/core';

import { localImageRef } from '../buildx/plan.js';
import type { BuildxCli } from '../buildx/toolkit.js';
import type { DependencyCacheSession } from '../cache/dependency-cache.js';
import { rootImage, type DockerfileModel } from '../dockerfile/model.js';
import { cachedLayerFacts, listingFacts, pushedFacts, type ImageFacts } from '../image/facts.js';
import type { KnownLayer } from '../image/layers/known-layers.js';
import type { Inputs } from '../inputs/parse.js';
import { measureImageSize, type Measurement } from '../report/measure.js';
import type { BuildReport } from '../report/model.js';
import { info } from '../runner-log.js';
import type { Built } from './build-image.js';
import type { RunPlan } from './plan-run.js';

/** What the phase takes: the build that ran, the caches to save, what earlier runs measured. */
export interface SaveAndMeasureRequest {
  inputs: Inputs;
  planned: RunPlan;
  buildx: BuildxCli;
  dockerfile: DockerfileModel;
  built: Built;
  caches: DependencyCacheSession | undefined;
  savesCaches: boolean;
  base: BuildReport | undefined;
  knownLayers: ReadonlyMap<string, KnownLayer>;
  warn: (message: string) => void;
}

export async function saveAndMeasure(request: SaveAndMeasureRequest): Promise<Measurement | undefined> {
  const { inputs, caches } = request;
  const { result } = request.built;
  const [, measurement] = await Promise.all([
    caches && request.savesCaches
      ? core.group('Save dependency caches', () =>
          caches.extractAndSave(result.succeeded, inputs.dependencyCacheMaxSize),
        )
      : undefined,
    measureIfBuilt(request),
  ]);
  return measurement;
}

async function measureIfBuilt(request: SaveAndMeasureRequest): Promise<Measurement | undefined> {
  const { inputs, built } = request;
  const { plan } = request.planned;
  const localImageId = localImageRef(plan, inputs.tags, built.result);
  const cheapSource = plan.listing ?? plan.pushedTo ?? plan.cachedLayersFrom;
  if (!built.result.succeeded || (!plan.layoutDir && !cheapSource && !localImageId)) return undefined;
  // No log group: this overlaps with saving the caches, and groups cannot overlap.
  const measurement = await measureImageSize(
    {
      localImageId,
      layoutDir: plan.layoutDir,
      previous: request.base?.size,
      known: request.knownLayers,
      layoutMeasured: built.layoutMeasured,
      facts: imageFacts(request),
    },
    request.warn,
  );
  if (measurement && measurement.size.analysisSeconds > 0)
    info(`Measured the image in ${measurement.size.analysisSeconds.toFixed(1)} s.`);
  return measurement;
}

/** The cheap source the plan chose, when it chose one over the layout. */
function imageFacts(request: SaveAndMeasureRequest): ImageFacts | undefined {
  const { plan, scratch } = request.planned;
  const common = {
    buildx: request.buildx,
    builderName: plan.builder.name,
    userArgs: plan.buildArgs,
    metadata: request.built.result.metadata,
    platform: request.inputs.platforms[0],
    known: request.knownLayers,
    scratchDir: scratch,
    prefetch: request.built.layersEarly,
  };
  if (plan.pushedTo) return pushedFacts({ ...common, pushedTo: plan.pushedTo });
  if (plan.cachedLayersFrom)
    return cachedLayerFacts({
      ...common,
      cacheRef: plan.cachedLayersFrom,
      localImage: localImageRef(plan, request.inputs.tags, request.built.result),
      dockerContext: request.inputs.endpoint,
    });
  // The listing starts when the build has ended: begun beside the cache export, the user's steps
  // came back uncached (shared with the running build), which reads as a changed LLB.
  if (plan.listing) {
    const finalStage = request.dockerfile.finalStage;
    return listingFacts({
      ...common,
      listing: plan.listing,
      baseImage: finalStage ? rootImage(finalStage) : null,
    });
  }
  return undefined;
}
