// Phase 5: the user's build. Each finished step is passed on: a dependency cache whose steps are all
// done starts its extract (and its save once the build exports), and the OCI layout (when one is
// written) is measured as soon as it exists. The shipped base image's layers are read from its
// registry beside the build, for the measurement after it.
import * as core from '@actions/core';

import { LAYOUT_EXPORT_STEP } from '../buildx/build-args.js';
import { runBuild, type BuildResult } from '../buildx/run-build.js';
import type { BuildxCli } from '../buildx/toolkit.js';
import type { DependencyCacheSession } from '../cache/dependency-cache.js';
import { rootImage, type DockerfileModel } from '../dockerfile/model.js';
import { removeWrittenSecrets } from '../inputs/secrets.js';
import { LayerPrefetch } from '../image/layer-prefetch.js';
import type { KnownLayer } from '../image/layers/known-layers.js';
import { seedLayout, type LayoutAnalysis } from '../image/layers/oci-layout.js';
import { measureLayoutEarly } from '../report/measure.js';
import { info } from '../runner-log.js';
import type { RunPlan } from './plan-run.js';

export interface Built {
  result: BuildResult;
  /** The layout's measurement, begun during the build; undefined when the build wrote none. */
  layoutMeasured: Promise<LayoutAnalysis | undefined> | undefined;
  /** Layers read while the build ran (the base's, the build's own from the layer cache); undefined when the measurement reads none from a registry. */
  layersEarly: LayerPrefetch | undefined;
}

export async function buildImage(request: {
  buildx: BuildxCli;
  planned: Pick<RunPlan, 'plan' | 'files'>;
  caches: DependencyCacheSession | undefined;
  /** Extracts and saves start early only when this run saves. */
  savesCaches: boolean;
  /** dependency-cache-max-size, for the saves that start during the build. */
  maxBytesPerMount: number;
  knownLayers: ReadonlyMap<string, KnownLayer>;
  dockerfile: DockerfileModel;
  /** The one platform the build is for, when it names one. */
  platform: string | undefined;
}): Promise<Built> {
  const { plan, files } = request.planned;
  const { caches, knownLayers } = request;
  const layersEarly = layerPrefetch(plan, request.dockerfile, knownLayers, request.platform);
  if (plan.layoutDir) await seedLayout(plan.layoutDir, knownLayers);
  if (request.savesCaches) caches?.saveEarly(request.maxBytesPerMount);
  let layoutMeasured: Promise<LayoutAnalysis | undefined> | undefined;
  const { metadataFile, imageIdFile, writtenSecretFiles } = files;
  const result = await core
    .group('Build', () =>
      runBuild(request.buildx, {
        args: plan.buildArgs,
        metadataFile,
        imageIdFile,
        print: (line) => info(line),
        onStepFinished: (step) => {
          if (request.savesCaches) caches?.stepFinished(step);
          if (step.name === LAYOUT_EXPORT_STEP && plan.layoutDir && !layoutMeasured)
            layoutMeasured = measureLayoutEarly(plan.layoutDir, knownLayers);
        },
        onExportStarted: () => caches?.buildExporting(),
        onLayerPulling: (image, layer) => layersEarly?.pulling(image, layer),
        onBaseResolved: (image) => layersEarly?.resolved(image),
        onCacheLayerWritten: (layer) => layersEarly?.written(layer),
      }),
    )
    .finally(() => removeWrittenSecrets(writtenSecretFiles));
  caches?.checkAgainstBuild(result.steps);
  return { result, layoutMeasured, layersEarly };
}

/**
 * Only the measurements that read layers from a registry (after a push, from the layer cache, or
 * beside a listing) read them early: the base's always, the build's own from the layer cache when
 * the cache export writes nothing but the image's layers (no builder stage, nothing left unparsed).
 */
function layerPrefetch(
  plan: RunPlan['plan'],
  dockerfile: DockerfileModel,
  known: ReadonlyMap<string, KnownLayer>,
  platform: string | undefined,
): LayerPrefetch | undefined {
  if (!plan.pushedTo && !plan.cachedLayersFrom && !plan.listing) return undefined;
  const base = dockerfile.finalStage ? rootImage(dockerfile.finalStage) : null;
  const everyStageShips =
    dockerfile.limitedBy === undefined && dockerfile.stages.every((stage) => stage.role !== 'builder');
  const layerCache = everyStageShips ? plan.cachedLayersFrom : undefined;
  if (!base && !layerCache) return undefined;
  return new LayerPrefetch(base, known, {
    ...(platform && { platform }),
    ...(layerCache && { layerCache }),
  });
}
