import type { LayerPathTable, MeasuredLayer } from './types.js';

/** What a later run needs of a layer it does not read again: its facts and its path table. */
export type KnownLayer = Omit<MeasuredLayer, 'createdBy'>;

const SCHEMA = 'docker-fast-build/layers@1';
// Beyond this many paths the file costs more to save and restore than reading the layers again.
const MAX_STORED_PATHS = 1_000_000;
/** A layer blob's digest; the group is the file name the blob has in an OCI layout. */
export const LAYER_DIGEST = /^sha256:([0-9a-f]{64})$/;

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
  if (!isRecord(parsed) || parsed.schema !== SCHEMA || !Array.isArray(parsed.layers)) return known;
  for (const candidate of parsed.layers as unknown[]) {
    const layer = validLayer(candidate);
    if (layer) known.set(layer.digest, layer);
  }
  return known;
}

function validLayer(value: unknown): KnownLayer | undefined {
  if (!isRecord(value) || typeof value.digest !== 'string' || !LAYER_DIGEST.test(value.digest))
    return undefined;
  const { compressedBytes, bytes, files, table } = value;
  if (!isCount(compressedBytes) || !isCount(bytes) || !isCount(files) || !isRecord(table)) return undefined;
  if (!Array.isArray(table.files) || !table.files.every(isPathSize)) return undefined;
  const lists = [table.directories, table.whiteouts, table.opaqueDirectories];
  if (!lists.every((list) => Array.isArray(list) && list.every((item) => typeof item === 'string')))
    return undefined;
  const pathTable: LayerPathTable = {
    files: new Map(table.files as [string, number][]),
    directories: table.directories as string[],
    whiteouts: table.whiteouts as string[],
    opaqueDirectories: table.opaqueDirectories as string[],
  };
  return { digest: value.digest, compressedBytes, bytes, files, table: pathTable };
}

function isPathSize(entry: unknown): boolean {
  return Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' && isCount(entry[1]);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
