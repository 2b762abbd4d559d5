// Facts about the built image from BuildKit's record of the build: the manifest (every layer's
// digest and compressed size) and the config (the history that names each layer's instruction).
// Both are a few kB read from the builder's content store, in a fraction of a second, on every
// driver: nothing of the image's layers leaves the builder.
import * as v from 'valibot';

import { readBuildMetadata } from '../buildx/metadata.js';
import type { BuildxCli } from '../buildx/toolkit.js';
import {
  blobDescriptorSchema,
  blobImageManifestSchema,
  createdByOfLayers,
  imageConfigSchema,
} from '../domain/oci-schema.js';

export interface RecordedLayer {
  digest: string;
  compressedBytes: number;
  mediaType: string;
}

export interface BuildRecord {
  /** The record's ref on its builder (the last part of `buildx.build.ref`). */
  ref: string;
  /** Bottom to top. */
  layers: RecordedLayer[];
  /** The config's diff IDs, bottom to top: what tells an unchanged image from a changed one. */
  diffIds: string[];
  /** `created_by` of each history entry that made a layer, bottom to top ('' when unnamed). */
  createdBy: string[];
}

/** The build record's ref from the `--metadata-file` JSON text; undefined when buildx wrote none. */
export function buildRefOf(metadata: string): string | undefined {
  const ref = readBuildMetadata(metadata).buildRef;
  if (ref === undefined) return undefined;
  const last = ref.split('/').pop() ?? '';
  // buildx refs are lower-case letters and digits; anything else is not a ref we pass on.
  return /^[a-z0-9]+$/.test(last) ? last : undefined;
}

/** The manifest's layers; throws naming what is missing. */
export function parseRecordedManifest(text: string): { config: RecordedLayer; layers: RecordedLayer[] } {
  const read = v.safeParse(blobImageManifestSchema, JSON.parse(text));
  if (!read.success) {
    // An issue inside a descriptor is about one blob; any other, about the manifest's shape.
    const inDescriptor = (issue: v.BaseIssue<unknown>) => (issue.path?.length ?? 0) >= 2;
    throw new Error(
      read.issues.every(inDescriptor)
        ? 'the build record names a blob without a sha256 digest and size'
        : 'the build record has no image manifest with layers',
    );
  }
  const recorded = ({
    digest,
    size,
    mediaType,
  }: v.InferOutput<typeof blobDescriptorSchema>): RecordedLayer => ({
    digest,
    compressedBytes: size,
    mediaType: mediaType ?? '',
  });
  return { config: recorded(read.output.config), layers: read.output.layers.map(recorded) };
}

/** The config's diff IDs and the `created_by` of each history entry that made a layer. */
export function parseRecordedConfig(text: string): Pick<BuildRecord, 'diffIds' | 'createdBy'> {
  const read = v.safeParse(imageConfigSchema, JSON.parse(text));
  if (!read.success) throw new Error('the image config in the build record is not an object');
  return { diffIds: read.output.rootfs?.diff_ids ?? [], createdBy: createdByOfLayers(read.output) };
}

/**
 * Reads the record of the build that just ran: `history inspect attachment --type manifest` and
 * the config blob by its digest. `platform` picks the image of a build for one explicit platform.
 */
export async function readBuildRecord(
  buildx: BuildxCli,
  builderName: string,
  ref: string,
  platform: string | undefined,
  /** The config's digest as the metadata file names it, when it does. */
  configDigest?: string,
): Promise<BuildRecord> {
  const attachment = async (extra: string[]): Promise<string> => {
    const args = ['history', 'inspect', 'attachment', '--builder', builderName];
    if (platform) args.push('--platform', platform);
    const result = await buildx.run([...args, ...extra]);
    if (result.exitCode !== 0)
      throw new Error(
        `buildx history inspect attachment failed: ${result.stderr.trim().split('\n').pop() ?? result.exitCode}`,
      );
    return result.stdout;
  };
  // With the config's digest known from the metadata file, the two reads run side by side (each is
  // a buildx run, about 0.2 s); the manifest must name the same config, or it is read again by name.
  const configText = (digest: string) => attachment([ref, digest]);
  const early = configDigest ? configText(configDigest) : undefined;
  early?.catch(() => undefined);
  const { config, layers } = parseRecordedManifest(await attachment(['--type', 'manifest', ref]));
  const { diffIds, createdBy } = parseRecordedConfig(
    await (early && config.digest === configDigest ? early : configText(config.digest)),
  );
  if (diffIds.length !== layers.length)
    throw new Error('the recorded image config and manifest disagree on the number of layers');
  return { ref, layers, diffIds, createdBy };
}
