// The image formats read from outside, as schemas: OCI (and Docker v2) descriptors, image manifests,
// indexes and image configs, and `docker save`'s manifest.json. BuildKit, registries and the engine
// write them; the build record, the OCI layout, the registry cache entries and the archive are read
// through these only. What the specs make optional stays optional, and a field of the wrong type
// reads as left out, so a tool that writes a little more or less costs that one fact. Here, below
// cache/ and image/, because both read them.
import * as v from 'valibot';

import { jsonObject, listOf, optional } from './json-fields.js';

/** A blob's digest as OCI names it; the group is its hex (the file name in an OCI layout). */
export const SHA256_DIGEST = /^sha256:([0-9a-f]{64})$/;

const platform = jsonObject({ os: optional(v.string()), architecture: optional(v.string()) });

/** A content descriptor as tools write it: the digest, and whatever else they give. */
export const descriptorSchema = jsonObject({
  mediaType: optional(v.string()),
  digest: v.string('a digest'),
  size: optional(v.number()),
  platform: optional(platform),
  annotations: optional(v.record(v.string(), v.unknown())),
});

/** A descriptor as OCI requires it: a sha256 digest and a size in whole bytes. */
export const blobDescriptorSchema = jsonObject({
  mediaType: optional(v.string()),
  digest: v.pipe(v.string('a digest'), v.regex(SHA256_DIGEST, 'a sha256 digest')),
  size: v.pipe(v.number('a size'), v.safeInteger('a whole size'), v.minValue(0, 'a size of 0 or more')),
});

function imageManifestWith<D extends v.GenericSchema>(descriptor: D) {
  return jsonObject({
    mediaType: optional(v.string()),
    config: descriptor,
    layers: v.array(descriptor, 'a list of layers'),
    annotations: optional(v.record(v.string(), v.unknown())),
  });
}

/** An image manifest (OCI, or Docker's v2 schema 2): the config's and the layers' descriptors. */
export const imageManifestSchema = imageManifestWith(descriptorSchema);
/** An image manifest whose every blob is named by sha256 digest and size, as the build record's must be. */
export const blobImageManifestSchema = imageManifestWith(blobDescriptorSchema);
export type ImageManifest = v.InferOutput<typeof imageManifestSchema>;
export type Descriptor = v.InferOutput<typeof descriptorSchema>;

/**
 * An image manifest read for its media type, annotations and layer sizes alone, as a registry
 * cache entry's is: the layers may be left out (an entry of none), and a layer's size too.
 */
export const manifestSummarySchema = jsonObject({
  mediaType: optional(v.string()),
  annotations: optional(v.record(v.string(), v.unknown())),
  layers: optional(v.array(v.object({ size: optional(v.number()) }))),
});

/** An image index (or Docker manifest list): what it points to. */
export const imageIndexSchema = jsonObject({
  mediaType: optional(v.string()),
  manifests: v.optional(v.array(descriptorSchema, 'a list of manifests')),
});
export type ImageIndex = v.InferOutput<typeof imageIndexSchema>;

const historyEntry = jsonObject({
  created_by: optional(v.string()),
  empty_layer: optional(v.boolean()),
});

/** An image config, for what measuring reads: the layers' diff IDs and the history that names them. */
export const imageConfigSchema = jsonObject({
  rootfs: optional(jsonObject({ diff_ids: optional(listOf(v.string())) })),
  history: optional(listOf(historyEntry)),
});
export type ImageConfig = v.InferOutput<typeof imageConfigSchema>;

/** `created_by` of each history entry that made a layer, bottom to top ('' when unnamed). */
export function createdByOfLayers(config: ImageConfig): string[] {
  return (config.history ?? [])
    .filter((entry) => entry.empty_layer !== true)
    .map((entry) => entry.created_by ?? '');
}

/**
 * `docker save`'s manifest.json: one entry per image saved, its config and layers by path in the
 * archive. The first entry is the image measured; the others are not read.
 */
export const dockerArchiveManifestSchema = v.looseTuple([
  jsonObject({ Config: v.string(), Layers: v.array(v.string()) }),
]);
