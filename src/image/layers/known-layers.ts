import * as v from 'valibot';

import { SHA256_DIGEST } from '../../domain/oci-schema.js';
import type { MeasuredLayer } from './types.js';

/** What a later run needs of a layer it does not read again: its facts and its path table. */
export type KnownLayer = Omit<MeasuredLayer, 'createdBy'>;

const SCHEMA = 'docker-fast-build/layers@1';
// Beyond this many paths the file costs more to save and restore than reading the layers again.
const MAX_STORED_PATHS = 1_000_000;
/** A layer blob's digest; the group is the file name the blob has in an OCI layout. */
export const LAYER_DIGEST = SHA256_DIGEST;

interface StoredTable {
  files: [string, number][];
  directories: string[];
  whiteouts: string[];
  opaqueDirectories: string[];
}

interface StoredLayer {
  digest: string;
  compressedBytes: number;
  bytes: number;
  files: number;
  table: StoredTable;
}

/** The layers as JSON, or undefined when they hold too many paths to be worth keeping. */
export function serialiseKnownLayers(layers: KnownLayer[]): string | undefined {
  const unique = new Map(layers.map((layer) => [layer.digest, layer]));
  let paths = 0;
  const stored: StoredLayer[] = [];
  for (const { digest, compressedBytes, bytes, files, table } of unique.values()) {
    // A capped table would be taken for the whole layer next time: that layer is read again instead.
    if (table.partial) continue;
    paths += table.files.size + table.directories.length + table.whiteouts.length;
    if (paths > MAX_STORED_PATHS) return undefined;
    stored.push({
      digest,
      compressedBytes,
      bytes,
      files,
      table: {
        files: [...table.files],
        directories: table.directories,
        whiteouts: table.whiteouts,
        opaqueDirectories: table.opaqueDirectories,
      },
    });
  }
  return JSON.stringify({ schema: SCHEMA, layers: stored });
}

const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const pathList = v.array(v.string());
// Up to a million [path, size] pairs: one plain loop checks them in about half the time a tuple schema per pair takes.
const pathSizes = v.custom<[string, number][]>(
  (value) =>
    Array.isArray(value) &&
    value.every(
      (entry) =>
        Array.isArray(entry) &&
        entry.length === 2 &&
        typeof entry[0] === 'string' &&
        Number.isSafeInteger(entry[1]) &&
        entry[1] >= 0,
    ),
);

/** One stored layer; a layer that does not read is left out on its own. */
const storedLayerSchema = v.object({
  digest: v.pipe(v.string(), v.regex(LAYER_DIGEST)),
  compressedBytes: count,
  bytes: count,
  files: count,
  table: v.object({
    files: pathSizes,
    directories: pathList,
    whiteouts: pathList,
    opaqueDirectories: pathList,
  }),
});

const storedLayersSchema = v.object({ schema: v.literal(SCHEMA), layers: v.array(v.unknown()) });

/**
 * Known layers by blob digest. The file comes from the cache, so anything malformed is left out
 * (those layers are simply read again) rather than trusted.
 */
export function parseKnownLayers(text: string): Map<string, KnownLayer> {
  const known = new Map<string, KnownLayer>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return known;
  }
  const stored = v.safeParse(storedLayersSchema, parsed);
  if (!stored.success) return known;
  for (const candidate of stored.output.layers) {
    const layer = v.safeParse(storedLayerSchema, candidate);
    if (!layer.success) continue;
    const { digest, compressedBytes, bytes, files, table } = layer.output;
    known.set(digest, {
      digest,
      compressedBytes,
      bytes,
      files,
      table: { ...table, files: new Map(table.files) },
    });
  }
  return known;
}
