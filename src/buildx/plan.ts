import type { Inputs } from '../inputs/parse.js';
import { isUntrustedHead, type RunContext } from '../github/run-context.js';
import { planBuildArgs, type BuildFiles } from './build-args.js';
import { planBuilder, type BuilderPlan } from './builder-plan.js';
import { planLayerCache, type LayerCachePlan } from './layer-cache.js';

export type { BuilderPlan } from './builder-plan.js';
export type { LayerCachePlan } from './layer-cache.js';

/** Everything the action will do, decided before anything runs. */
export interface Plan {
  builder: BuilderPlan;
  layerCache: LayerCachePlan;
  /** Arguments after `docker buildx`. */
  buildArgs: string[];
  /** The image will be in the local image store after the build, where the report can measure it. */
  imageIsLocal: boolean;
}

export interface PlanFacts {
  run: RunContext;
  newBuilderName: string;
  files: BuildFiles;
}

export function makePlan(inputs: Inputs, facts: PlanFacts): Plan {
  const builder = planBuilder({
    existingBuilder: inputs.builder,
    driver: inputs.driver,
    driverOpts: inputs.driverOpts,
    endpoint: inputs.endpoint,
    buildkitdConfig: inputs.buildkitdConfig,
    newBuilderName: facts.newBuilderName,
  });
  const layerCache = planLayerCache({
    kind: inputs.layerCache,
    mode: inputs.cacheMode,
    repository: inputs.cacheRef || inputs.image,
    tags: inputs.tags,
    cacheDir: inputs.cacheDir,
    branch: facts.run.branch,
    baseBranch: facts.run.baseBranch,
    defaultBranch: inputs.defaultBranch || facts.run.defaultBranch || 'main',
    pullRequestNumber: facts.run.pullRequestNumber,
    untrustedHead: isUntrustedHead(facts.run),
  });
  // The docker driver always leaves a single-platform image in the engine's store; other drivers are
  // asked to load it so the report can measure it (a multi-platform image has no single size to report).
  const singlePlatform = inputs.platforms.length <= 1;
  const load = inputs.load || (singlePlatform && builder.driver !== 'docker');
  const imageIsLocal = singlePlatform && (load || builder.driver === 'docker');
  return {
    builder,
    layerCache,
    buildArgs: planBuildArgs(inputs, builder.name, layerCache, facts.files, load),
    imageIsLocal,
  };
}
