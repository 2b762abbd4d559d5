// Facts about the built image from BuildKit's record of the build: the manifest (every layer's
// digest and compressed size) and the config (the history that names each layer's instruction).
// Both are a few kB read from the builder's content store, in a fraction of a second, on every
// driver: nothing of the image's layers leaves the builder.
import { readBuildMetadata } from '../buildx/metadata.js';
import type { BuildxCli } from '../buildx/toolkit.js';

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
  const parsed: unknown = JSON.parse(text);
  if (!isRecord(parsed) || !Array.isArray(parsed.layers) || !isRecord(parsed.config))
    throw new Error('the build record has no image manifest with layers');
  const descriptor = (value: unknown): RecordedLayer => {
    if (
      !isRecord(value) ||
      typeof value.digest !== 'string' ||
      !/^sha256:[0-9a-f]{64}$/.test(value.digest) ||
      typeof value.size !== 'number' ||
      !Number.isSafeInteger(value.size) ||
      value.size < 0
    )
      throw new Error('the build record names a blob without a sha256 digest and size');
    return {
      digest: value.digest,
      compressedBytes: value.size,
      mediaType: typeof value.mediaType === 'string' ? value.mediaType : '',
    };
  };
  return { config: descriptor(parsed.config), layers: parsed.layers.map(descriptor) };
}

/** The config's diff IDs and the `created_by` of each history entry that made a layer. */
export function parseRecordedConfig(text: string): Pick<BuildRecord, 'diffIds' | 'createdBy'> {
  const parsed: unknown = JSON.parse(text);
  if (!isRecord(parsed)) throw new Error('the image config in the build record is not an object');
  const rootfs = isRecord(parsed.rootfs) ? parsed.rootfs : {};
  const diffIds = Array.isArray(rootfs.diff_ids)
    ? rootfs.diff_ids.filter((id): id is string => typeof id === 'string')
    : [];
  const history = Array.isArray(parsed.history) ? parsed.history.filter(isRecord) : [];
  const createdBy = history
    .filter((entry) => entry.empty_layer !== true)
    .map((entry) => (typeof entry.created_by === 'string' ? entry.created_by : ''));
  return { diffIds, createdBy };
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
  const { config, layers } = parseRecordedManifest(await attachment(['--type', 'manifest', ref]));
  const { diffIds, createdBy } = parseRecordedConfig(await attachment([ref, config.digest]));
  if (diffIds.length !== layers.length)
    throw new Error('the recorded image config and manifest disagree on the number of layers');
  return { ref, layers, diffIds, createdBy };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
