import type { BuildRecord } from '../../src/image/build-record.js';
import type { KnownLayer } from '../../src/image/layers/known-layers.js';
import { measuredLayers, type LayerContents } from '../../src/image/measured-layers.js';

const digest = (n: number) => `sha256:${String(n).padStart(64, '0')}`;
const contents = (path: string, size: number): LayerContents => ({
  bytes: size,
  files: 1,
  table: { files: new Map([[path, size]]), directories: [], whiteouts: [], opaqueDirectories: [] },
});
const record: Pick<BuildRecord, 'layers' | 'createdBy'> = {
  layers: [1, 2, 3].map((n) => ({ digest: digest(n), compressedBytes: 100 * n, mediaType: '' })),
  createdBy: ['', 'COPY . /app # buildkit'],
};
// Measured by an earlier run whose push compressed it to another size.
const known = new Map<string, KnownLayer>([
  [digest(1), { digest: digest(1), compressedBytes: 7, ...contents('etc/os-release', 42) }],
]);

describe('measuredLayers', () => {
  it('takes known layers by digest and the rest from what this run had, sizes and history from the record', () => {
    const asked: [string, number][] = [];
    const measured = measuredLayers(
      record,
      known,
      (layer, index) => {
        asked.push([layer.digest, index]);
        return contents(`layer-${index}`, index * 10);
      },
      'not read',
    );
    expect(asked).toEqual([
      [digest(2), 1],
      [digest(3), 2],
    ]);
    expect(measured.layers.map((l) => [l.digest, l.compressedBytes, l.bytes, l.createdBy])).toEqual([
      [digest(1), 100, 42, ''],
      [digest(2), 200, 10, 'COPY . /app # buildkit'],
      [digest(3), 300, 20, ''],
    ]);
    expect([...measured.layers[2]!.table.files]).toEqual([['layer-2', 20]]);
    expect(measured.unknown.map((layer) => layer.digest)).toEqual([digest(2), digest(3)]);
  });

  it('names the layer neither known nor had, in the words of the source', () => {
    expect(() =>
      measuredLayers(
        record,
        known,
        (layer) => (layer.digest === digest(2) ? contents('a', 1) : undefined),
        'not read from the registry',
      ),
    ).toThrow(`layer ${digest(3)} was not read from the registry`);
  });

  it('keeps nothing of the contents beyond sizes and the path table', () => {
    const extra = { ...contents('a', 1), digest: 'sha256:other', createdBy: 'RUN other' };
    const measured = measuredLayers(
      { layers: record.layers.slice(1, 2), createdBy: [] },
      new Map(),
      () => extra,
      'x',
    );
    expect(measured.layers[0]).toMatchObject({ digest: digest(2), createdBy: '', compressedBytes: 200 });
  });
});
