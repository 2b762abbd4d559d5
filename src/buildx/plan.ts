import { Build } from '@docker/actions-toolkit/lib/buildx/build.js';

import type { Inputs } from '../inputs/parse.js';
import type { ConcreteDriver } from '../domain/builder.js';
import { isUntrustedHead, type RunContext } from '../github/run-context.js';
import { planBuildArgs, type BuildFiles } from './build-args.js';
import { planBuilder, type BuilderPlan } from './builder-plan.js';
import { planAttestations, workflowRunUrl } from './attestations.js';
import { applyExplicitLayerCache, planLayerCache, type LayerCachePlan } from './layer-cache.js';
import type { ListedSnapshot, ListingPlan } from '../domain/listing.js';

export type { BuilderPlan } from './builder-plan.js';
export type { LayerCachePlan } from './layer-cache.js';

/** Everything the action will do, decided before anything runs. */
export interface Plan {
  builder: BuilderPlan;
  layerCache: LayerCachePlan;
  /** Arguments after `docker buildx`. */
  buildArgs: string[];
  /** The image will be in the local image store after the build (`docker save` can measure it). */
  imageIsLocal: boolean;
  /** The build also writes the image as an OCI layout here, for the report; undefined when it cannot. */
  layoutDir: string | undefined;
  /** The image is measured from the build record and this listing helper build instead of a layout. */
  listing: { dockerfile: string; snapshots: ListedSnapshot[] } | undefined;
  /** The image is measured from the build record and its layers read back from here (the first tag pushed). */
  pushedTo: string | undefined;
  /**
   * An image the docker driver keeps in the engine: measured from the build record and its layers
   * read back from this registry layer cache ref, which the build's cache export has just written.
   */
  cachedLayersFrom: string | undefined;
  /** Where explicit inputs overrode or limited the plan, for the log. */
  notes: string[];
}

export interface PlanFacts {
  run: RunContext;
  newBuilderName: string;
  files: BuildFiles;
  /** `driver: auto` resolved, or the driver of an existing builder when buildx names it. */
  driver: ConcreteDriver;
  /** The engine keeps images in containerd: its own BuildKit (the docker driver) can write OCI layouts. */
  containerdStore: boolean;
  /** Where the OCI layout goes, when the build writes one. */
  layoutDir: string;
  /** From the event payload: build-push-action's default provenance is smaller for a private repository. */
  privateRepository: boolean;
  /** BUILDX_NO_DEFAULT_ATTESTATIONS is set to a true value. */
  noDefaultAttestations: boolean;
  /** The run saves no cache (see cache/save-policy.ts). */
  readOnly?: boolean;
  /** The listing helper build for the Dockerfile, when the switch asks to measure without a layout. */
  listing?: ListingPlan;
  /** Measure from an OCI layout the build writes even where the pushed layers could be read back (a switch, for comparing). */
  forceLayout?: boolean;
}

export function makePlan(inputs: Inputs, facts: PlanFacts): Plan {
  const builder = planBuilder({
    existingBuilder: inputs.builder,
    driver: facts.driver,
    driverOpts: inputs.driverOpts,
    endpoint: inputs.endpoint,
    buildkitdConfig: inputs.buildkitdConfig,
    newBuilderName: facts.newBuilderName,
  });
  const planned = planLayerCache({
    kind: inputs.layerCache,
    mode: inputs.layerCacheMode,
    pullRequestWrites: inputs.pullRequestLayerCache,
    repository: inputs.layerCacheRepository || inputs.image,
    tags: inputs.tags,
    cacheDir: inputs.localCacheDir,
    branch: facts.run.branch,
    baseBranch: facts.run.baseBranch,
    defaultBranch: facts.run.defaultBranch,
    pullRequestNumber: facts.run.pullRequestNumber,
    untrustedHead: isUntrustedHead(facts.run),
    readOnly: facts.readOnly,
  });
  // A single-platform image is measured from an OCI layout written by the build itself (a second
  // exporter): no `--load` the user did not ask for, no second build, and the layout is this very
  // image. An engine without the containerd store cannot export one with the docker driver.
  const singlePlatform = inputs.platforms.length <= 1;
  const canWriteLayout = builder.driver !== 'docker' || facts.containerdStore;
  const { layerCache, notes } = applyExplicitLayerCache(planned, inputs);
  // `call: check` (or outline, targets) evaluates the build and exports nothing: no image to measure.
  const buildsImage = !inputs.call || inputs.call.split(',')[0] === 'build';
  if (!buildsImage) notes.push(`call: ${inputs.call} builds no image, so there is no size to report`);
  // Explicit outputs are the user's exporters; the layout is one more beside them, except on the
  // docker driver, whose engine is not asked to export twice.
  const userOutputs = inputs.outputs.length > 0;
  const layoutBesideOutputs = !(userOutputs && builder.driver === 'docker');
  const listing = facts.listing && usableListing(facts.listing, { buildsImage, singlePlatform, userOutputs });
  if (listing && 'unusable' in listing)
    notes.push(`The image is measured from an OCI layout: ${listing.unusable}`);
  const listed = listing && !('unusable' in listing) ? listing : undefined;
  // A layout is handed over the builder's connection beside the push (on docker-container a `docker
  // exec` pipe; on the docker driver too it took 4.3 s beside a 2.7 s export), which costs more than
  // reading back the layers the push has just written.
  const pushedTo =
    !listed && !facts.forceLayout && inputs.push && !userOutputs && buildsImage && singlePlatform
      ? inputs.tags[0]
      : undefined;
  // The docker driver keeps an image it does not push in the engine, whose store has no API for one
  // layer; but its cache export writes the same blobs to the registry layer cache (BuildKit
  // compresses a layer once), so they are read back from there rather than from a layout written
  // beside the export (5.3–7.9 s beside a 3.7–4.3 s export, which the cache export then waits for).
  const cachedLayersFrom =
    !listed &&
    !pushedTo &&
    !facts.forceLayout &&
    builder.driver === 'docker' &&
    facts.containerdStore &&
    !userOutputs &&
    buildsImage &&
    singlePlatform &&
    layerCache.kind === 'registry' &&
    inputs.cacheTo.length === 0
      ? layerCache.writeRef
      : undefined;
  const layoutDir =
    !listed &&
    !pushedTo &&
    !cachedLayersFrom &&
    buildsImage &&
    singlePlatform &&
    canWriteLayout &&
    layoutBesideOutputs
      ? facts.layoutDir
      : undefined;
  if (userOutputs && buildsImage)
    notes.push(
      layoutDir
        ? 'outputs: exported as given, with an OCI layout beside them for the size report'
        : 'outputs: exported as given; the image is measured only if one of them loads it into docker',
    );
  // The docker driver leaves the image in the engine unless told where else to put it; a layout
  // output is such an order, so ask for the engine's copy explicitly to keep what users rely on.
  // Explicit outputs are such an order from the user, and stay as given.
  const load =
    inputs.load || (builder.driver === 'docker' && layoutDir !== undefined && !inputs.push && !userOutputs);
  const imageIsLocal =
    buildsImage &&
    singlePlatform &&
    (load || Build.hasDockerExporter(inputs.outputs) || (builder.driver === 'docker' && !userOutputs));
  const attests = planAttestations(inputs, {
    builderId: workflowRunUrl(facts.run),
    privateRepository: facts.privateRepository,
    noDefaultAttestations: facts.noDefaultAttestations,
    supported: builder.driver !== 'docker' || facts.containerdStore,
  });
  return {
    builder,
    layerCache,
    buildArgs: planBuildArgs(inputs, builder.name, layerCache, facts.files, { load, layoutDir, attests }),
    imageIsLocal,
    layoutDir,
    listing: listed,
    pushedTo,
    cachedLayersFrom,
    notes,
  };
}

/** The listing when this build can be measured by it, or why not (the layout is the fallback). */
function usableListing(
  listing: ListingPlan,
  build: { buildsImage: boolean; singlePlatform: boolean; userOutputs: boolean },
): { dockerfile: string; snapshots: ListedSnapshot[] } | { unusable: string } | undefined {
  // Nothing is measured of these, by either source.
  if (!build.buildsImage || !build.singlePlatform) return undefined;
  if ('unsupported' in listing)
    return { unusable: `the listing cannot split this Dockerfile (${listing.unsupported})` };
  // Local and tar exporters leave no image manifest in the build record.
  if (build.userOutputs)
    return { unusable: 'the listing needs the build record of an image, and outputs are given' };
  return listing;
}

/**
 * How the engine knows the built image, for `docker save`; '' when the image is not in it. A tag
 * first. Untagged, an engine that keeps images in containerd knows the image by its manifest (or
 * index) digest, which is not what the ID file holds once a layout is written beside it.
 */
export function localImageRef(
  plan: Pick<Plan, 'imageIsLocal' | 'layoutDir'>,
  tags: readonly string[],
  built: { imageId: string; digest: string },
): string {
  if (!plan.imageIsLocal) return '';
  return tags[0] ?? ((plan.layoutDir !== undefined && built.digest) || built.imageId);
}

/** BUILDX_NO_DEFAULT_ATTESTATIONS as buildx reads it (Go's ParseBool); anything else leaves the default on. */
export function noDefaultAttestations(value: string | undefined): boolean {
  return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value ?? '');
}
