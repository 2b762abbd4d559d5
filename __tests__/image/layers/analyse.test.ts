import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

import {
  analyseImageArchive,
  coalesce,
  normalizePath,
  PathBudget,
  PATH_TABLE_BUDGET_BYTES,
  scanLayerBlob,
} from '../../../src/image/layers/analyse.js';
import { serialiseKnownLayers } from '../../../src/image/layers/known-layers.js';

interface TarEntry {
  name: string;
  size?: number;
  type?: 'file' | 'directory' | 'symlink';
}

async function tarOf(entries: TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const { name, size = 0, type = 'file' } of entries) {
    if (type === 'file') pack.entry({ name, size }, Buffer.alloc(size, 7));
    else if (type === 'symlink') pack.entry({ name, type, linkname: 'target' });
    else pack.entry({ name, type });
  }
  pack.finalize();
  const parts: Buffer[] = [];
  for await (const chunk of pack) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

const digestOf = (blob: Buffer) => `sha256:${createHash('sha256').update(blob).digest('hex')}`;
const blobPath = (blob: Buffer) => `blobs/sha256/${digestOf(blob).slice('sha256:'.length)}`;

/** A `docker save`-shaped archive: OCI layout plus Docker's manifest.json, in the order asked for. */
async function dockerSave(
  layers: Buffer[],
  config: object,
  order: 'manifest-last' | 'manifest-first',
  extraBlobs: Buffer[] = [],
): Promise<Buffer> {
  const configBlob = Buffer.from(JSON.stringify(config));
  const manifest = Buffer.from(
    JSON.stringify([{ Config: blobPath(configBlob), RepoTags: ['app:test'], Layers: layers.map(blobPath) }]),
  );
  const blobs = [...layers, ...extraBlobs, configBlob].map((blob) => ({ name: blobPath(blob), blob }));
  const layout = [
    { name: 'index.json', blob: Buffer.from('{"schemaVersion":2,"manifests":[]}') },
    { name: 'oci-layout', blob: Buffer.from('{"imageLayoutVersion":"1.0.0"}') },
  ];
  const files =
    order === 'manifest-first'
      ? [{ name: 'manifest.json', blob: manifest }, ...layout, ...blobs.reverse()]
      : [...blobs, ...layout, { name: 'manifest.json', blob: manifest }];
  const pack = tar.pack();
  pack.entry({ name: 'blobs/', type: 'directory' });
  pack.entry({ name: 'blobs/sha256/', type: 'directory' });
  for (const { name, blob } of files) pack.entry({ name, size: blob.length }, blob);
  pack.finalize();
  const parts: Buffer[] = [];
  for await (const chunk of pack) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** The archive in small pieces, so nothing relies on a blob's first bytes arriving in one chunk. */
async function* inPieces(archive: Buffer, size = 100): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < archive.length; offset += size) yield archive.subarray(offset, offset + size);
}

const config = {
  rootfs: { type: 'layers', diff_ids: [] },
  history: [
    { created_by: 'ADD rootfs.tar /' },
    { created_by: 'ENV APP=1', empty_layer: true },
    { created_by: 'RUN /bin/sh -c rm /big.bin # buildkit' },
    { created_by: 'COPY app/ /app/ # buildkit' },
  ],
};

describe('analyseImageArchive', () => {
  let baseTar: Buffer;
  let base: Buffer;
  let removal: Buffer;
  let app: Buffer;

  beforeAll(async () => {
    baseTar = await tarOf([
      { name: './', type: 'directory' },
      { name: './big.bin', size: 50_000 },
      { name: './etc/', type: 'directory' },
      { name: './etc/os-release', size: 300 },
      { name: './usr/bin/python', type: 'symlink' },
    ]);
    base = gzipSync(baseTar);
    // Uncompressed, as some tools still write them.
    removal = await tarOf([{ name: '.wh.big.bin' }, { name: 'etc/os-release', size: 320 }]);
    app = gzipSync(
      await tarOf([
        { name: 'app/', type: 'directory' },
        { name: 'app/main.py', size: 1234 },
      ]),
    );
  });

  const expectImage = (analysis: Awaited<ReturnType<typeof analyseImageArchive>>) => {
    expect(analysis.layers).toEqual([
      {
        digest: digestOf(base),
        compressedBytes: base.length,
        bytes: 50_300,
        files: 2,
        createdBy: 'ADD rootfs.tar /',
      },
      {
        digest: digestOf(removal),
        compressedBytes: removal.length,
        bytes: 320,
        files: 1,
        createdBy: 'RUN /bin/sh -c rm /big.bin # buildkit',
      },
      {
        digest: digestOf(app),
        compressedBytes: app.length,
        bytes: 1234,
        files: 1,
        createdBy: 'COPY app/ /app/ # buildkit',
      },
    ]);
    expect(analysis.totalBytes).toBe(50_300 + 320 + 1234);
    expect(analysis.compressedBytes).toBe(base.length + removal.length + app.length);
    expect(analysis.wastedBytes).toBe(50_300);
    expect(analysis.efficiency).toBeCloseTo(1 - 50_300 / 51_854, 10);
    expect(analysis.topWasted).toEqual([
      { path: 'big.bin', wastedBytes: 50_000, layers: 2 },
      { path: 'etc/os-release', wastedBytes: 300, layers: 2 },
    ]);
    expect(analysis.seconds).toBeGreaterThan(0);
  };

  it('reads an archive whose manifest.json comes last (as docker save writes it)', async () => {
    const archive = await dockerSave([base, removal, app], config, 'manifest-last');
    const analysis = await analyseImageArchive(inPieces(archive));
    expectImage(analysis);
    expect(analysis.analysedBytes).toBeGreaterThan(baseTar.length + removal.length);
  });

  it('reads an archive whose manifest.json comes first, from a node stream', async () => {
    const archive = await dockerSave([base, removal, app], config, 'manifest-first');
    expectImage(await analyseImageArchive(Readable.from([archive])));
  });

  it('skips blobs that are not layers of the image once manifest.json is known', async () => {
    const attestation = gzipSync(await tarOf([{ name: 'huge', size: 1_000_000 }]));
    const first = await analyseImageArchive(
      inPieces(await dockerSave([base, removal, app], config, 'manifest-first', [attestation]), 4096),
    );
    const last = await analyseImageArchive(
      inPieces(await dockerSave([base, removal, app], config, 'manifest-last', [attestation]), 4096),
    );
    expectImage(first);
    expectImage(last);
    expect(first.analysedBytes).toBeLessThan(1_000_000);
    expect(last.analysedBytes).toBeGreaterThan(1_000_000);
  });

  it('counts layers it cannot read (zstd) by blob size only, and empty layers as empty', async () => {
    const zstd = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.alloc(2000, 1)]);
    const empty = await tarOf([]);
    const analysis = await analyseImageArchive(
      inPieces(await dockerSave([base, zstd, empty], { history: [] }, 'manifest-last')),
    );
    expect(
      analysis.layers.map(({ bytes, files, compressedBytes, createdBy }) => [
        bytes,
        files,
        compressedBytes,
        createdBy,
      ]),
    ).toEqual([
      [50_300, 2, base.length, ''],
      [0, 0, 2004, ''],
      [0, 0, empty.length, ''],
    ]);
    expect(analysis.compressedBytes).toBe(base.length + 2004 + empty.length);
    expect(analysis.wastedBytes).toBe(0);
    expect(analysis.efficiency).toBe(1);
  });

  it('gives efficiency 1 to an image without bytes', async () => {
    const analysis = await analyseImageArchive(
      inPieces(await dockerSave([await tarOf([])], config, 'manifest-last')),
    );
    expect(analysis).toMatchObject({ totalBytes: 0, wastedBytes: 0, efficiency: 1, topWasted: [] });
  });

  it('fails clearly on an archive without manifest.json', async () => {
    const archive = await tarOf([{ name: 'index.json', size: 10 }]);
    await expect(analyseImageArchive(inPieces(archive))).rejects.toThrow(/manifest\.json is missing/);
  });

  it('fails clearly when a layer manifest.json lists is absent', async () => {
    const manifestOnly = Buffer.from(
      JSON.stringify([{ Config: 'blobs/sha256/none', Layers: ['blobs/sha256/gone'] }]),
    );
    const pack = tar.pack();
    pack.entry({ name: 'manifest.json', size: manifestOnly.length }, manifestOnly);
    pack.finalize();
    const parts: Buffer[] = [];
    for await (const chunk of pack) parts.push(chunk as Buffer);
    await expect(analyseImageArchive(inPieces(Buffer.concat(parts)))).rejects.toThrow(
      /lacks layer blobs\/sha256\/gone/,
    );
  });

  it('rejects (rather than hangs) on a corrupt gzip layer or a broken source', async () => {
    const corrupt = Buffer.concat([base.subarray(0, 20), Buffer.alloc(5000, 0xab)]);
    await expect(
      analyseImageArchive(inPieces(await dockerSave([corrupt], config, 'manifest-last'))),
    ).rejects.toThrow(/invalid|incorrect|unexpected/i);

    async function* broken(): AsyncGenerator<Buffer> {
      yield (await dockerSave([base], config, 'manifest-last')).subarray(0, 2048);
      throw new Error('pipe closed');
    }
    await expect(analyseImageArchive(broken())).rejects.toThrow('pipe closed');
  });
});

describe('scanLayerBlob', () => {
  it('measures a layer the same whether it arrives whole or in small pieces', async () => {
    const layer = gzipSync(
      await tarOf([
        { name: 'app/', type: 'directory' },
        { name: 'app/a.py', size: 3000 },
        { name: 'app/b', size: 10 },
      ]),
    );
    async function* whole(): AsyncGenerator<Buffer> {
      yield layer;
    }
    const [once, pieces] = await Promise.all([scanLayerBlob(whole()), scanLayerBlob(inPieces(layer, 7))]);
    expect(pieces).toEqual(once);
    expect(once.bytes).toBe(3010);
    expect(once.files).toBe(2);
  });
});

describe('coalesce', () => {
  const collect = async (chunks: AsyncIterable<Buffer>) => {
    const out: Buffer[] = [];
    for await (const chunk of chunks) out.push(chunk);
    return out;
  };

  it('joins small chunks into ones of at least the size asked, the last one shorter, bytes unchanged', async () => {
    const bytes = Buffer.from(Array.from({ length: 1050 }, (_, index) => index % 251));
    const out = await collect(coalesce(inPieces(bytes, 64), 300));
    expect(out.map((chunk) => chunk.length)).toEqual([320, 320, 320, 90]);
    expect(Buffer.concat(out).equals(bytes)).toBe(true);
  });

  it('passes a chunk already large enough through as it is', async () => {
    const big = Buffer.alloc(500, 1);
    async function* one(): AsyncGenerator<Buffer> {
      yield big;
    }
    const [out] = await collect(coalesce(one(), 300));
    expect(out).toBe(big);
  });
});

describe('path tables are capped by memory', () => {
  const manyFiles = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => ({ name: `${prefix}/file-${i}.py`, size: 10 }));

  it('a budget smaller than the image keeps sizes and counts exact, marks the tables partial, and says waste is a lower bound', async () => {
    const lower = await tarOf([{ name: 'big.bin', size: 1000 }, ...manyFiles('lower', 200)]);
    const upper = await tarOf([{ name: 'big.bin', size: 1000 }, ...manyFiles('upper', 200)]);
    const archive = await dockerSave(
      [lower, upper],
      { history: [{ created_by: 'A' }, { created_by: 'B' }] },
      'manifest-last',
    );
    // Room for the first layer's paths, not for the second's.
    const analysis = await analyseImageArchive(inPieces(archive, 4096), new PathBudget(200 * (80 + 20)));
    expect(analysis.layers.map((l) => [l.files, l.bytes])).toEqual([
      [201, 3000],
      [201, 3000],
    ]);
    expect(analysis.totalBytes).toBe(6000);
    expect(analysis.measured[0]!.table.partial).toBeUndefined();
    expect(analysis.measured[1]!.table.partial).toBe(true);
    expect(analysis.measured[1]!.table.files.size).toBeLessThan(201);
    expect(analysis.wastePartial).toBe(true);
    // A capped table is never kept for the next run, which would take it for the whole layer.
    const stored = JSON.parse(
      serialiseKnownLayers(analysis.measured.map(({ createdBy: _, ...l }) => l))!,
    ) as {
      layers: { digest: string }[];
    };
    expect(stored.layers.map((l) => l.digest)).toEqual([analysis.measured[0]!.digest]);
  });

  it('an image within the budget is not partial', async () => {
    const layer = await tarOf(manyFiles('app', 50));
    const analysis = await analyseImageArchive(
      inPieces(await dockerSave([layer], { history: [{}] }, 'manifest-first')),
    );
    expect(analysis.wastePartial).toBe(false);
    expect(analysis.measured[0]!.table.files.size).toBe(50);
  });

  it('the default budget holds a few million typical paths, not unbounded', () => {
    expect(PATH_TABLE_BUDGET_BYTES).toBeLessThanOrEqual(512 * 1024 * 1024);
    const budget = new PathBudget();
    let kept = 0;
    while (budget.take('usr/lib/python3/site-packages/pkg/module.py')) kept++;
    expect(kept).toBeGreaterThan(1_000_000);
    expect(kept).toBeLessThan(10_000_000);
  });
});

describe('normalizePath', () => {
  it.each([
    ['./usr/bin/', 'usr/bin'],
    ['/etc/hosts', 'etc/hosts'],
    ['./', ''],
    ['.', ''],
    ['app/.wh..wh..opq', 'app/.wh..wh..opq'],
  ])('%s → %s', (raw, normalized) => expect(normalizePath(raw)).toBe(normalized));
});
