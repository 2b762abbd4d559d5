import { createReadStream } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { PathBudget, scanLayerBlob, summariseLayers } from './analyse.js';
import { LAYER_DIGEST, type KnownLayer } from './known-layers.js';
import type { ImageAnalysis, MeasuredLayer } from './types.js';

/** Writes an OCI layout (`tar=false`) of the built image into a directory. */
export type LayoutExporter = (directory: string) => Promise<void>;

export interface LayoutAnalysis extends ImageAnalysis {
  /** The image's diff IDs as its config lists them, bottom to top. */
  diffIds: string[];
  /** How many layers were read from their blobs; the rest were known. */
  layersRead: number;
}

const INDEX = 'application/vnd.oci.image.index.v1+json';
const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
const READ_CHUNK_BYTES = 1024 * 1024;

interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: { os?: string; architecture?: string };
  annotations?: Record<string, string>;
}

interface ImageManifest {
  config: Descriptor;
  layers: Descriptor[];
}

interface ImageConfig {
  rootfs?: { diff_ids?: string[] };
  history?: { created_by?: string; empty_layer?: boolean }[];
}

/**
 * Measures the image from an OCI layout export. The layout is a content store: BuildKit writes no
 * blob that is already there. So an empty file stands in for every layer a previous run measured,
 * and only the layers that are new get written and read.
 */
export async function analyseViaLayout(
  directory: string,
  exportLayout: LayoutExporter,
  known: ReadonlyMap<string, KnownLayer>,
): Promise<LayoutAnalysis> {
  const started = performance.now();
  const blobs = path.join(directory, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const placeholders = new Set<string>();
  for (const digest of known.keys()) {
    const hex = LAYER_DIGEST.exec(digest)?.[1];
    if (!hex) continue;
    await writeFile(path.join(blobs, hex), '');
    placeholders.add(digest);
  }
  await exportLayout(directory);

  const blobPath = (digest: string): string => {
    const hex = LAYER_DIGEST.exec(digest)?.[1];
    if (!hex) throw new Error(`The layout names a blob by an unexpected digest: ${digest}`);
    return path.join(blobs, hex);
  };
  const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;

  const manifestDescriptor = await imageManifestOf(
    await readJson<{ manifests?: Descriptor[] }>(path.join(directory, 'index.json')),
    (digest) => readJson(blobPath(digest)),
  );
  const manifest = await readJson<ImageManifest>(blobPath(manifestDescriptor.digest));
  const config = await readJson<ImageConfig>(blobPath(manifest.config.digest));
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== manifest.layers.length)
    throw new Error('The exported image config and manifest disagree on the number of layers.');
  const history = (config.history ?? []).filter((step) => !step.empty_layer);

  let analysedBytes = 0;
  let layersRead = 0;
  const budget = new PathBudget();
  const layers: MeasuredLayer[] = [];
  for (const [index, descriptor] of manifest.layers.entries()) {
    const createdBy = history[index]?.created_by ?? '';
    const file = blobPath(descriptor.digest);
    const knownLayer = known.get(descriptor.digest);
    // A placeholder still empty means BuildKit kept it: the layer is the one measured before.
    if (knownLayer && placeholders.has(descriptor.digest) && (await stat(file)).size === 0) {
      layers.push({ ...knownLayer, createdBy });
      continue;
    }
    const scan = await scanLayerBlob(createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }), budget);
    analysedBytes += scan.streamedBytes;
    layersRead += 1;
    layers.push({
      digest: descriptor.digest,
      compressedBytes: descriptor.size ?? (await stat(file)).size,
      bytes: scan.bytes,
      files: scan.files,
      createdBy,
      table: scan.table,
    });
  }
  const analysis = summariseLayers(layers, {
    analysedBytes,
    seconds: (performance.now() - started) / 1000,
  });
  return { ...analysis, diffIds, layersRead };
}

/** The one image manifest an index leads to, past nested indexes and attestation manifests. */
async function imageManifestOf(
  index: { manifests?: Descriptor[] },
  readIndex: (digest: string) => Promise<{ manifests?: Descriptor[] }>,
  depth = 0,
): Promise<Descriptor> {
  const images: Descriptor[] = [];
  for (const descriptor of index.manifests ?? []) {
    if (descriptor.mediaType === INDEX || descriptor.mediaType === DOCKER_LIST) {
      if (depth < 2)
        images.push(await imageManifestOf(await readIndex(descriptor.digest), readIndex, depth + 1));
    } else if (
      descriptor.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest' &&
      descriptor.platform?.os !== 'unknown'
    ) {
      images.push(descriptor);
    }
  }
  if (images.length !== 1)
    throw new Error(`Expected one image in the exported layout, found ${images.length}.`);
  return images[0]!;
}
