import { analyseFromListing, pairLayers, parseListing, sameInstruction } from '../../src/image/listing.js';
import type { ListedSnapshot } from '../../src/domain/listing.js';
import type { BuildRecord } from '../../src/image/build-record.js';
import { PathBudget } from '../../src/image/layers/analyse.js';
import type { KnownLayer } from '../../src/image/layers/known-layers.js';

const lines = (...entries: [string, number, string][]) =>
  entries.map((e) => JSON.stringify(e)).join('\n') + '\n';
const digest = (n: number) => `sha256:${String(n).padStart(64, '0')}`;

describe('parseListing', () => {
  it('turns entries into a path table: files with sizes, other names and links at 0, directories, whiteouts', () => {
    const layer = parseListing(
      lines(
        ['d', 0, 'app'],
        ['f', 1200, 'app/py'],
        ['h', 0, 'app/py2'],
        ['o', 0, 'app/link'],
        ['w', 0, 'usr/share/doc'],
      ),
    );
    expect(layer.bytes).toBe(1200);
    expect(layer.files).toBe(1);
    expect([...layer.table.files]).toEqual([
      ['app/py', 1200],
      ['app/py2', 0],
      ['app/link', 0],
    ]);
    expect(layer.table.directories).toEqual(['app']);
    expect(layer.table.whiteouts).toEqual(['usr/share/doc']);
    expect(layer.table.partial).toBeUndefined();
  });

  it('keeps sizes exact but marks the table partial once the path budget is spent', () => {
    const layer = parseListing(lines(['f', 10, 'a'], ['f', 20, 'b']), new PathBudget(81));
    expect(layer.bytes).toBe(30);
    expect(layer.files).toBe(2);
    expect(layer.table.partial).toBe(true);
    expect([...layer.table.files]).toEqual([['a', 10]]);
  });

  it.each(['["f", -1, "a"]', '["x", 0, "a"]', '{"f": 1}', '["f", 1, ""]'])('refuses %s', (line) => {
    expect(() => parseListing(`${line}\n`)).toThrow();
  });
});

const run = (script: string, line = 1): ListedSnapshot => ({ step: { keyword: 'RUN', script, line } });
const copy = (line = 1): ListedSnapshot => ({ step: { keyword: 'COPY', script: '', line } });
const workdir: ListedSnapshot = { step: { keyword: 'WORKDIR', script: '', line: 1 } };
const listed = (files: [string, number][]) => ({
  bytes: files.reduce((sum, [, size]) => sum + size, 0),
  files: files.length,
  table: { files: new Map(files), directories: [], whiteouts: [], opaqueDirectories: [] },
});
const empty = listed([]);

describe('sameInstruction', () => {
  it('reads the history the way BuildKit writes it', () => {
    expect(
      sameInstruction(
        'RUN |1 GREETING=hello /bin/sh -c echo $GREETING > /g # buildkit',
        run('echo $GREETING > /g').step!,
      ),
    ).toBe(true);
    expect(
      sameInstruction(
        'RUN /bin/sh -c pip install -r requirements.txt # buildkit',
        run('pip install -r \\\n  requirements.txt').step!,
      ),
    ).toBe(true);
    expect(sameInstruction('RUN /bin/sh -c apt-get update # buildkit', run('pip install x').step!)).toBe(
      false,
    );
    expect(sameInstruction('COPY requirements.txt . # buildkit', copy().step!)).toBe(true);
    expect(sameInstruction('WORKDIR /app', copy().step!)).toBe(false);
  });
});

describe('pairLayers', () => {
  it('pairs from the top and leaves the layers under the lowest instruction to the base image', () => {
    const snapshots = [{ step: null }, workdir, copy(), run('pip install x')];
    const paired = pairLayers(
      ['', '', 'WORKDIR /app', 'COPY r . # buildkit', 'RUN /bin/sh -c pip install x # buildkit'],
      snapshots,
      [empty, listed([['app', 0]]), listed([['app/r', 1]]), listed([['x', 9]])],
    );
    expect(paired).toEqual({
      baseLayers: 2,
      snapshotOf: new Map([
        [4, 3],
        [3, 2],
        [2, 1],
      ]),
    });
  });

  it('skips an instruction that changed nothing: BuildKit made no layer of it', () => {
    const snapshots = [{ step: null }, workdir, run('pip install x')];
    const paired = pairLayers(['', 'RUN /bin/sh -c pip install x # buildkit'], snapshots, [
      empty,
      empty,
      listed([['x', 9]]),
    ]);
    expect(paired).toEqual({ baseLayers: 1, snapshotOf: new Map([[1, 2]]) });
  });

  it('gives up when a listed change has no layer: the listing is not of this image', () => {
    const snapshots = [{ step: null }, run('echo a > /a'), run('pip install x')];
    expect(
      pairLayers(['', 'RUN /bin/sh -c pip install x # buildkit'], snapshots, [
        empty,
        listed([['a', 2]]),
        listed([['x', 9]]),
      ]),
    ).toBeUndefined();
  });
});

describe('analyseFromListing', () => {
  const record = (layers: number): BuildRecord => ({
    ref: 'abc',
    layers: Array.from({ length: layers }, (_, i) => ({
      digest: digest(i + 1),
      compressedBytes: 100 + i,
      mediaType: '',
    })),
    diffIds: [],
    createdBy: ['', 'COPY big /big # buildkit', 'RUN /bin/sh -c rm /big && echo > /small # buildkit'].slice(
      0,
      layers,
    ),
  });
  const snapshots = [{ step: null }, copy(), run('rm /big && echo > /small')];
  const listing = [
    listed([['usr/bin/python3', 5000]]),
    listed([['big', 700]]),
    {
      bytes: 3,
      files: 1,
      table: { files: new Map([['small', 3]]), directories: [], whiteouts: ['big'], opaqueDirectories: [] },
    },
  ];

  it('measures sizes from the record and waste from the listing; a base of one layer is its listed filesystem', async () => {
    const analysis = await analyseFromListing(record(3), snapshots, listing, new Map(), undefined);
    expect(analysis.layers.map((l) => [l.digest, l.bytes, l.compressedBytes, l.files])).toEqual([
      [digest(1), 5000, 100, 1],
      [digest(2), 700, 101, 1],
      [digest(3), 3, 102, 1],
    ]);
    expect(analysis.totalBytes).toBe(5703);
    expect(analysis.compressedBytes).toBe(303);
    expect(analysis.wastedBytes).toBe(700);
    expect(analysis.topWasted).toEqual([{ path: 'big', wastedBytes: 700, layers: 2 }]);
    expect(analysis.layersRead).toBe(3);
  });

  it('takes known layers by digest, and asks for the unknown ones of a base of several layers', async () => {
    const base = { ...record(3), createdBy: ['', '', 'RUN /bin/sh -c rm /big && echo > /small # buildkit'] };
    const knownBase: KnownLayer = {
      digest: digest(1),
      compressedBytes: 100,
      bytes: 42,
      files: 1,
      table: {
        files: new Map([['etc/os-release', 42]]),
        directories: [],
        whiteouts: [],
        opaqueDirectories: [],
      },
    };
    const asked: string[][] = [];
    const analysis = await analyseFromListing(
      base,
      [{ step: null }, run('rm /big && echo > /small')],
      [listing[0]!, listing[2]!],
      new Map([[digest(1), knownBase]]),
      {
        read: async (digests) => {
          asked.push(digests);
          return new Map([[digest(2), listed([['big', 700]])]]);
        },
      },
    );
    expect(asked).toEqual([[digest(2)]]);
    expect(analysis.layers.map((l) => l.bytes)).toEqual([42, 700, 3]);
    expect(analysis.wastedBytes).toBe(700);
    expect(analysis.layersRead).toBe(2);
  });

  it('throws, for the caller to fall back, when base layers are unknown and nothing can read them', async () => {
    const base = { ...record(3), createdBy: ['', '', 'RUN /bin/sh -c rm /big && echo > /small # buildkit'] };
    await expect(
      analyseFromListing(
        base,
        [{ step: null }, run('rm /big && echo > /small')],
        [listing[0]!, listing[2]!],
        new Map(),
        undefined,
      ),
    ).rejects.toThrow("2 of the base image's 2 layers are not known yet");
  });
});
