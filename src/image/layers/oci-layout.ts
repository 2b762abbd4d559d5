import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

import * as v from 'valibot';

import { firstIssue } from '../../domain/json-fields.js';
import {
  createdByOfLayers,
  imageConfigSchema,
  imageIndexSchema,
  imageManifestSchema,
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
} from '../../domain/oci-schema.js';
import { PathBudget, scanLayerBlob, summariseLayers } from './analyse.js';
import { LAYER_DIGEST, type KnownLayer } from './known-layers.js';
import type { ImageAnalysis, MeasuredLayer } from './types.js';

export interface LayoutAnalysis extends ImageAnalysis {
  /** The image's diff IDs as its config lists them, bottom to top. */
  diffIds: string[];
  /** How many layers were read from their blobs; the rest were known. */
  layersRead: number;
}

const INDEX = 'application/vnd.oci.image.index.v1+json';
const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * Prepares the directory the build writes its OCI layout into. The layout is a content store:
 * BuildKit writes no blob that is already there. So an empty file stands in for every layer a
 * previous run measured, and only the layers that are new get written (and later read).
 */
export async function seedLayout(directory: string, known: ReadonlyMap<string, KnownLayer>): Promise<void> {
  const blobs = path.join(directory, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  for (const digest of known.keys()) {
    const hex = LAYER_DIGEST.exec(digest)?.[1];
    if (hex) await writeFile(path.join(blobs, hex), '');
  }
}

/** The image's diff IDs as the layout's config lists them: enough to tell an unchanged image. */
export async function layoutDiffIds(directory: string): Promise<string[]> {
  return (await readLayoutImage(directory)).diffIds;
}

/** Measures the image in an OCI layout written over `seedLayout`'s placeholders. */
export async function analyseLayout(
  directory: string,
  known: ReadonlyMap<string, KnownLayer>,
): Promise<LayoutAnalysis> {
  const started = performance.now();
  const { manifest, diffIds, instructions, blobPath } = await readLayoutImage(directory);
  let analysedBytes = 0;
  let layersRead = 0;
  const budget = new PathBudget();
  const layers: MeasuredLayer[] = [];
  for (const [index, descriptor] of manifest.layers.entries()) {
    const createdBy = instructions[index] ?? '';
    const file = blobPath(descriptor.digest);
    const knownLayer = known.get(descriptor.digest);
    // A placeholder still empty means BuildKit kept it: the layer is the one measured before.
    if (knownLayer && (await stat(file)).size === 0) {
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

async function readLayoutImage(directory: string) {
  const blobs = path.join(directory, 'blobs', 'sha256');
  const blobPath = (digest: string): string => {
    const hex = LAYER_DIGEST.exec(digest)?.[1];
    if (!hex) throw new Error(`The layout names a blob by an unexpected digest: ${digest}`);
    return path.join(blobs, hex);
  };
  // Each document read through its schema; one that does not fit is named with what it lacks.
  const readJson = async <S extends v.GenericSchema>(
    file: string,
    schema: S,
    what: string,
  ): Promise<v.InferOutput<S>> => {
    const read = v.safeParse(schema, JSON.parse(await readFile(file, 'utf8')));
    if (!read.success)
      throw new Error(`The exported layout's ${what} does not read as one: ${firstIssue(read.issues)}`);
    return read.output;
  };

  // Read as soon as the exporter is done, the layout has its blobs but no index.json yet: buildx
  // writes that when the whole build ends, after the cache export.
  const index = await readJson(path.join(directory, 'index.json'), imageIndexSchema, 'image index').catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      return undefined;
    },
  );
  const manifest = index
    ? await imageManifestOf(index, (digest) =>
        readJson(blobPath(digest), imageIndexSchema, 'image index'),
      ).then(
        (descriptor) => readJson(blobPath(descriptor.digest), imageManifestSchema, 'image manifest'),
        async (error: NodeJS.ErrnoException) => {
          // The docker driver, given both its own output and a layout, names in index.json the image
          // index it keeps in the engine, and writes only the manifest under it into the layout.
          if (error.code !== 'ENOENT') throw error;
          return onlyImageManifestIn(blobs);
        },
      )
    : await onlyImageManifestIn(blobs);
  const config = await readJson(blobPath(manifest.config.digest), imageConfigSchema, 'image config');
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== manifest.layers.length)
    throw new Error('The exported image config and manifest disagree on the number of layers.');
  return { manifest, diffIds, instructions: createdByOfLayers(config), blobPath };
}

const LAYER_TYPES = /(\.tar|tar\.gzip|tar\+gzip|tar\+zstd|rootfs\.diff\.tar\.gzip)$/;
const MAX_MANIFEST_BYTES = 1024 * 1024;

/** The one image manifest among the layout's blobs: small JSON whose layers are all filesystem tars. */
async function onlyImageManifestIn(blobs: string): Promise<ImageManifest> {
  const found: ImageManifest[] = [];
  for (const name of await readdir(blobs)) {
    const file = path.join(blobs, name);
    const { size } = await stat(file);
    if (size === 0 || size > MAX_MANIFEST_BYTES) continue;
    const text = await readFile(file, 'utf8');
    if (!text.startsWith('{')) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      continue;
    }
    const read = v.safeParse(imageManifestSchema, parsed);
    if (!read.success || read.output.layers.length === 0) continue;
    if (read.output.layers.every((layer) => LAYER_TYPES.test(layer.mediaType ?? ''))) found.push(read.output);
  }
  if (found.length !== 1)
    throw new Error(`Expected one image manifest in the exported layout, found ${found.length}.`);
  return found[0]!;
}

/** The one image manifest an index leads to, past nested indexes and attestation manifests. */
async function imageManifestOf(
  index: ImageIndex,
  readIndex: (digest: string) => Promise<ImageIndex>,
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
