// Turns what the listing helper build wrote (one file per snapshot, see listing-script.ts) into the
// path tables the waste computation reads, and pairs them with the layers the build record names.
import { PathBudget, summariseLayers } from './layers/analyse.js';
import type { KnownLayer } from './layers/known-layers.js';
import type { ImageAnalysis, LayerPathTable } from './layers/types.js';
import type { BuildRecord } from './build-record.js';
import { measuredLayers } from './measured-layers.js';
import type { LayerStep, ListedSnapshot } from '../domain/listing.js';

/** What one snapshot adds, changes and deletes against the one before: a layer's contents. */
export interface ListedLayer {
  /** Sum of regular file sizes. */
  bytes: number;
  /** Regular files (other names of one file count once, as in a layer tar). */
  files: number;
  table: LayerPathTable;
}

/** One listing file; a line that is not an entry the script writes makes the listing unusable. */
export function parseListing(text: string, budget = new PathBudget()): ListedLayer {
  const table: LayerPathTable = { files: new Map(), directories: [], whiteouts: [], opaqueDirectories: [] };
  let bytes = 0;
  let files = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const entry: unknown = JSON.parse(line);
    if (
      !Array.isArray(entry) ||
      entry.length !== 3 ||
      typeof entry[0] !== 'string' ||
      typeof entry[1] !== 'number' ||
      !Number.isSafeInteger(entry[1]) ||
      entry[1] < 0 ||
      typeof entry[2] !== 'string' ||
      entry[2] === ''
    )
      throw new Error(`the listing has a line it should not: ${line.slice(0, 200)}`);
    const [kind, size, path] = entry as [string, number, string];
    if (kind === 'f') {
      bytes += size;
      files += 1;
    }
    // Sizes and counts stay exact; only the paths waste is computed from are capped.
    if (table.partial || !budget.take(path)) {
      table.partial = true;
      continue;
    }
    if (kind === 'f') table.files.set(path, size);
    else if (kind === 'h' || kind === 'o') table.files.set(path, 0);
    else if (kind === 'd') table.directories.push(path);
    else if (kind === 'w') table.whiteouts.push(path);
    else throw new Error(`the listing has an entry of unknown kind ${JSON.stringify(kind)}`);
  }
  return { bytes, files, table };
}

/**
 * Which snapshot made each layer of the image: pairs the layers, from the top down, with the listed
 * instructions, by the history's `created_by`. An instruction that changed nothing made no layer
 * (BuildKit drops empty layers); the layers left under the lowest instruction came with the base
 * image. Undefined when a listed change has no layer to go with: the listing is not this image.
 */
export function pairLayers(
  createdBy: readonly string[],
  snapshots: readonly ListedSnapshot[],
  listed: readonly ListedLayer[],
): { baseLayers: number; snapshotOf: Map<number, number> } | undefined {
  const snapshotOf = new Map<number, number>();
  let layer = createdBy.length - 1;
  for (let snapshot = snapshots.length - 1; snapshot >= 1; snapshot--) {
    const step = snapshots[snapshot]!.step!;
    if (layer >= 0 && sameInstruction(createdBy[layer]!, step)) {
      snapshotOf.set(layer, snapshot);
      layer--;
    } else if (!isEmpty(listed[snapshot]!)) return undefined;
  }
  return { baseLayers: layer + 1, snapshotOf };
}

/** Same keyword; for RUN, one script holds the other once quotes, flags and white space are set aside. */
export function sameInstruction(createdBy: string, step: LayerStep): boolean {
  const cleaned = createdBy
    .replace(/\s*#\s*buildkit\s*$/, '')
    .replace(/^RUN\s+\|\d+(?:\s+[^\s=]+=\S*)*\s+/, 'RUN ')
    .replace(/^RUN\s+\/bin\/(?:ba)?sh -c\s+/, 'RUN ')
    .trim();
  const keyword = cleaned.split(/\s/)[0]?.toUpperCase() ?? '';
  if (keyword !== step.keyword) return false;
  if (step.keyword !== 'RUN') return true;
  const squash = (text: string) => text.replace(/\\\s*\n/g, ' ').replace(/[\s"']+/g, '');
  const fromHistory = squash(cleaned.slice(keyword.length));
  const fromFile = squash(step.script);
  if (fromHistory === '' || fromFile === '') return true;
  return fromHistory.includes(fromFile) || fromFile.includes(fromHistory);
}

export interface BaseLayerSource {
  /** Path tables of base layers no earlier run measured, read from elsewhere (e.g. the registry). */
  read(digests: string[], budget?: PathBudget): Promise<Map<string, ListedLayer>>;
}

/**
 * The image's measurement from its build record and its listing. Base layers come from earlier
 * runs (by digest); a base of one layer is its listed filesystem; otherwise `base` reads the ones
 * not known, and without it (or when it fails) the measurement throws, so the caller falls back.
 */
export async function analyseFromListing(
  record: BuildRecord,
  snapshots: readonly ListedSnapshot[],
  listed: readonly ListedLayer[],
  known: ReadonlyMap<string, KnownLayer>,
  base: BaseLayerSource | undefined,
  started = performance.now(),
): Promise<ImageAnalysis & { layersRead: number }> {
  if (listed.length !== snapshots.length)
    throw new Error(`the listing has ${listed.length} snapshots where ${snapshots.length} were asked for`);
  const paired = pairLayers(record.createdBy, snapshots, listed);
  if (!paired) throw new Error("the listing's instructions do not match the image history");
  const { baseLayers, snapshotOf } = paired;
  const unknownBase = record.layers
    .slice(0, baseLayers)
    .map((layer) => layer.digest)
    .filter((digest) => !known.has(digest));
  let fromBase = new Map<string, ListedLayer>();
  if (unknownBase.length > 0 && baseLayers === 1) fromBase.set(unknownBase[0]!, listed[0]!);
  else if (unknownBase.length > 0) {
    if (!base)
      throw new Error(`${unknownBase.length} of the base image's ${baseLayers} layers are not known yet`);
    fromBase = await base.read(unknownBase);
  }
  const measured = measuredLayers(
    record,
    known,
    (layer, index) => {
      const snapshot = snapshotOf.get(index);
      return snapshot === undefined ? fromBase.get(layer.digest) : listed[snapshot];
    },
    'neither listed nor read',
  );
  const analysis = summariseLayers(measured.layers, {
    analysedBytes: 0,
    seconds: (performance.now() - started) / 1000,
  });
  return { ...analysis, layersRead: measured.unknown.length };
}

function isEmpty(layer: ListedLayer): boolean {
  return (
    layer.table.files.size === 0 && layer.table.whiteouts.length === 0 && layer.table.directories.length === 0
  );
}
