// The image's layers as measured: each layer the build record names, with the facts an earlier run
// measured when its digest is known, else with the contents this run had (listed in the builder, or
// read back from a registry). One pairing for every cheap source, so they cannot drift apart.
import type { KnownLayer } from './layers/known-layers.js';
import type { MeasuredLayer } from './layers/types.js';
import type { BuildRecord, RecordedLayer } from './build-record.js';

/** What this run had of one layer's contents: sizes and its path table. */
export type LayerContents = Pick<MeasuredLayer, 'bytes' | 'files' | 'table'>;

export interface MeasuredRecord {
  /** Bottom to top, as the record names them. */
  layers: MeasuredLayer[];
  /** The record's layers no earlier run measured: those whose contents were taken. */
  unknown: RecordedLayer[];
}

/**
 * Pairs the record's layers with known ones, and the rest with `contentsOf` (by the layer and its
 * index, bottom up); throws `layer <digest> was <missing>` for a layer neither known nor had.
 * Sizes and history always come from the record: a known layer may have been pushed compressed otherwise.
 */
export function measuredLayers(
  record: Pick<BuildRecord, 'layers' | 'createdBy'>,
  known: ReadonlyMap<string, KnownLayer>,
  contentsOf: (layer: RecordedLayer, index: number) => LayerContents | undefined,
  missing: string,
): MeasuredRecord {
  const unknown: RecordedLayer[] = [];
  const layers = record.layers.map((layer, index): MeasuredLayer => {
    const createdBy = record.createdBy[index] ?? '';
    const knownLayer = known.get(layer.digest);
    if (knownLayer) return { ...knownLayer, compressedBytes: layer.compressedBytes, createdBy };
    const contents = contentsOf(layer, index);
    if (!contents) throw new Error(`layer ${layer.digest} was ${missing}`);
    unknown.push(layer);
    const { bytes, files, table } = contents;
    return { digest: layer.digest, compressedBytes: layer.compressedBytes, createdBy, bytes, files, table };
  });
  return { layers, unknown };
}
