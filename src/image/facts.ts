// Image facts without the OCI layout stream: sizes from the build record, path tables from the
// layers the build pushed (read back from the registry) or from the listing helper build, and —
// when those cannot be had — the OCI layout exported after the build.
import path from 'node:path';

import { imageHistory, imageLayerIds, type EngineHistoryEntry } from '../buildx/image.js';
import { readBuildMetadata } from '../buildx/metadata.js';
import type { BuildxCli } from '../buildx/toolkit.js';
import { info } from '../runner-log.js';
import { BuildProgress } from '../buildx/progress.js';
import type { LayerPrefetch } from './layer-prefetch.js';
import type { KnownLayer } from './layers/known-layers.js';
import { seedLayout } from './layers/oci-layout.js';
import type { ImageAnalysis } from './layers/types.js';
import { buildRefOf, readBuildRecord, type BuildRecord } from './build-record.js';
import { engineRecord } from './engine-record.js';
import { summariseLayers } from './layers/analyse.js';
import { analyseFromListing } from './listing.js';
import { measuredLayers } from './measured-layers.js';
import { layoutExportArgs, runListingBuild } from './listing-build.js';
import {
  registryBaseLayers,
  registryLayers,
  type PushedImageSource,
  type RegistryReadOptions,
} from './registry-blobs.js';
import type { ListedSnapshot } from '../domain/listing.js';
import type { BaseLayerSource } from './listing.js';

/** What measure.ts asks of the cheap source: the record first (enough for an unchanged image), then the layers. */
export interface ImageFacts {
  /** Where the facts come from, for the log: "the build record and a listing inside the builder". */
  source: string;
  /** What was done to each layer not known: 'listed' (in the builder) or 'read' (its blob). */
  verb: 'listed' | 'read';
  record(): Promise<BuildRecord>;
  analyse(record: BuildRecord): Promise<ImageAnalysis & { layersRead: number; readDuringBuild: number }>;
  /** The fallback: the image as an OCI layout, written after the build (all from the cache); undefined when the build's arguments cannot be repeated. */
  exportLayout(): Promise<string | undefined>;
}

export interface ListingFactsRequest {
  buildx: BuildxCli;
  builderName: string;
  /** The user's build's arguments after `docker buildx` (see planBuildArgs). */
  userArgs: readonly string[];
  listing: { dockerfile: string; snapshots: ListedSnapshot[] };
  /** The `--metadata-file` text of the build. */
  metadata: string;
  /** The one platform the build was for, when it named one. */
  platform: string | undefined;
  known: ReadonlyMap<string, KnownLayer>;
  scratchDir: string;
  /** The image the built stage starts FROM, whose registry holds the base layers no earlier run measured. */
  baseImage: string | null;
  /** Base layers read while the build ran, taken before anything is read after it. */
  prefetch?: LayerPrefetch;
}

export function listingFacts(request: ListingFactsRequest): ImageFacts {
  const { buildx, known } = request;
  return {
    source: 'the build record and a listing inside the builder',
    verb: 'listed',
    record: () => recordOf(request),
    async analyse(record) {
      const started = performance.now();
      const listed = await runListingBuild(buildx, {
        userArgs: request.userArgs,
        dockerfile: request.listing.dockerfile,
        snapshots: request.listing.snapshots.length,
        scratchDir: request.scratchDir,
      });
      const fromRegistry = request.baseImage ? registryBaseLayers(request.baseImage) : undefined;
      const { prefetch } = request;
      const base = fromRegistry && prefetch ? prefetch.readingFirst(fromRegistry) : fromRegistry;
      const analysis = await analyseFromListing(
        record,
        request.listing.snapshots,
        listed,
        known,
        base,
        started,
      );
      return { ...analysis, readDuringBuild: prefetch?.used ?? 0 };
    },
    exportLayout: () => exportLayoutAfter(request),
  };
}

export type PushedFactsRequest = Omit<ListingFactsRequest, 'listing' | 'baseImage'> & {
  /** The reference the build pushed the image to (its first tag). */
  pushedTo: string;
  registry?: RegistryReadOptions;
};

/**
 * Facts of an image the build pushed: the build record for sizes and history, and each layer no
 * earlier run measured read back from the registry it was just pushed to. Nothing moves through
 * the builder's connection, which on docker-container is a `docker exec` pipe (measured 22.7 s for
 * a 700 MB layout there, beside 10.6 s for the push itself).
 */
export function pushedFacts(request: PushedFactsRequest): ImageFacts {
  // One reader for the manifest and the layers: a registry that wants a token is asked once.
  const registry = registryLayers(request.pushedTo, request.registry);
  return {
    source: `what was pushed to ${request.pushedTo} (its manifest, config and layers)`,
    verb: 'read',
    record: () => pushedRecordOf(request, registry),
    analyse: (record) => readUnknownLayers(request, registry, record),
    exportLayout: () => exportLayoutAfter(request),
  };
}

export type CachedLayerFactsRequest = Omit<ListingFactsRequest, 'listing' | 'baseImage'> & {
  /** The registry layer cache ref the build's cache export has just written. */
  cacheRef: string;
  registry?: RegistryReadOptions;
  /** The image in the engine (its first tag, or its ID); '' reads the build record through buildx. */
  localImage: string;
  /** The docker context of the engine (the docker driver's endpoint); '' for the default. */
  dockerContext: string;
  /** The engine's answers, for tests; the docker CLI otherwise. */
  engine?: EngineImages;
};

/** What the engine says of an image in it. */
export interface EngineImages {
  layerIds(image: string, dockerContext: string): Promise<string[] | undefined>;
  history(image: string, dockerContext: string): Promise<EngineHistoryEntry[]>;
}

const dockerEngine: EngineImages = { layerIds: imageLayerIds, history: imageHistory };

/**
 * Facts of an image the docker driver keeps in the engine: its diff IDs and history from the engine
 * matched with the blobs of the registry layer cache (the build record when they do not fit), and
 * each layer no earlier run measured read back from that cache, to which the build's cache export
 * wrote the same blobs. A layer that is not there (a cache export
 * that failed, or one that compressed it otherwise) makes the layout the fallback, as the log says.
 */
export function cachedLayerFacts(request: CachedLayerFactsRequest): ImageFacts {
  const registry = registryLayers(request.cacheRef, request.registry);
  return {
    source: `the engine and the layer cache at ${request.cacheRef}`,
    verb: 'read',
    record: () => engineRecordOf(request, registry),
    analyse: (record) => readUnknownLayers(request, registry, record),
    exportLayout: () => exportLayoutAfter(request),
  };
}

/** Reads each layer no earlier run measured (the base's from what was read during the build first). */
async function readUnknownLayers(
  request: Pick<ListingFactsRequest, 'known' | 'prefetch'>,
  registry: BaseLayerSource,
  record: BuildRecord,
): Promise<ImageAnalysis & { layersRead: number; readDuringBuild: number }> {
  const { known, prefetch } = request;
  const started = performance.now();
  const unknown = [
    ...new Set(record.layers.map((layer) => layer.digest).filter((digest) => !known.has(digest))),
  ];
  const source = prefetch ? prefetch.readingFirst(registry) : registry;
  const read = unknown.length > 0 ? await source.read(unknown) : new Map();
  const measured = measuredLayers(
    record,
    known,
    (layer) => read.get(layer.digest),
    'not read from the registry',
  );
  const analysedBytes = measured.unknown.reduce((sum, layer) => sum + layer.compressedBytes, 0);
  const analysis = summariseLayers(measured.layers, {
    analysedBytes,
    seconds: (performance.now() - started) / 1000,
  });
  return { ...analysis, layersRead: unknown.length, readDuringBuild: prefetch?.used ?? 0 };
}

/**
 * The pushed image's manifest and config from the registry, by the digest the build reported; the
 * build record through buildx when the registry cannot say (the log names why).
 */
async function pushedRecordOf(
  request: PushedFactsRequest,
  registry: PushedImageSource,
): Promise<BuildRecord> {
  try {
    const pushed = await registry.image(readBuildMetadata(request.metadata).digest, request.platform);
    return { ref: buildRefOf(request.metadata) ?? '', ...pushed };
  } catch (error) {
    info(
      `The pushed image's manifest was not read from the registry (${(error as Error).message}); reading the build record.`,
    );
    return recordOf(request);
  }
}

/**
 * The record from the engine and the layer cache, side by side (see engine-record.ts); the build
 * record through buildx when they do not fit together, as the log says.
 */
async function engineRecordOf(
  request: CachedLayerFactsRequest,
  registry: PushedImageSource,
): Promise<BuildRecord> {
  if (!request.localImage) return recordOf(request);
  const { localImage, dockerContext, engine = dockerEngine } = request;
  try {
    const [diffIds, history, cached] = await Promise.all([
      engine.layerIds(localImage, dockerContext),
      engine.history(localImage, dockerContext),
      registry.cachedLayers(),
    ]);
    if (!diffIds) throw new Error('docker image inspect named no layers');
    return { ref: buildRefOf(request.metadata) ?? '', ...engineRecord(diffIds, history, cached) };
  } catch (error) {
    info(
      `The image's layers were not matched between the engine and the layer cache (${(error as Error).message}); reading the build record.`,
    );
    return recordOf(request);
  }
}

async function recordOf(
  request: Pick<ListingFactsRequest, 'buildx' | 'builderName' | 'metadata' | 'platform'>,
): Promise<BuildRecord> {
  const ref = buildRefOf(request.metadata);
  if (!ref) throw new Error('buildx wrote no build record ref in the metadata file');
  const { configDigest } = readBuildMetadata(request.metadata);
  return readBuildRecord(request.buildx, request.builderName, ref, request.platform, configDigest);
}

/** The fallback: the same build again (all from its cache) with an OCI layout as its output. */
async function exportLayoutAfter(
  request: Pick<ListingFactsRequest, 'buildx' | 'userArgs' | 'scratchDir' | 'known'>,
): Promise<string | undefined> {
  const layoutDir = path.join(request.scratchDir, 'layout-fallback');
  const args = layoutExportArgs(request.userArgs, layoutDir);
  if (!args) return undefined;
  await seedLayout(layoutDir, request.known);
  const progress = new BuildProgress();
  const result = await request.buildx.run(args, { onStderrLine: (line) => void progress.feed(line) });
  if (result.exitCode !== 0)
    throw new Error(
      `exporting the OCI layout failed: ${progress.firstError ?? result.stderr.trim().split('\n').pop() ?? result.exitCode}`,
    );
  return layoutDir;
}
