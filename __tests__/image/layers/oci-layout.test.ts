import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

import {
  parseKnownLayers,
  serialiseKnownLayers,
  type KnownLayer,
} from '../../../src/image/layers/known-layers.js';
import { analyseLayout, seedLayout } from '../../../src/image/layers/oci-layout.js';

async function gzippedTar(files: Record<string, number>, whiteouts: string[] = []): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, size] of Object.entries(files)) pack.entry({ name, size }, Buffer.alloc(size, 1));
  for (const name of whiteouts) pack.entry({ name, size: 0 }, Buffer.alloc(0));
  pack.finalize();
  const parts: Buffer[] = [];
  for await (const chunk of pack) parts.push(chunk as Buffer);
  return gzipSync(Buffer.concat(parts));
}

const digestOf = (blob: Buffer) => `sha256:${createHash('sha256').update(blob).digest('hex')}`;

interface Image {
  blobs: Buffer[];
  index: object;
}

/** An OCI layout as BuildKit writes it: config, manifest and layers, optionally behind an attestation index. */
function image(layers: Buffer[], options: { withAttestation?: boolean } = {}): Image {
  const config = Buffer.from(
    JSON.stringify({
      rootfs: { type: 'layers', diff_ids: layers.map((_, i) => `sha256:${String(i).repeat(64)}`) },
      history: [
        { created_by: 'FROM base' },
        { created_by: 'ENV A=1', empty_layer: true },
        ...layers.slice(1).map((_, i) => ({ created_by: `RUN step ${i + 1}` })),
      ],
    }),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: digestOf(config),
        size: config.length,
      },
      layers: layers.map((layer) => ({
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest: digestOf(layer),
        size: layer.length,
      })),
    }),
  );
  const imageDescriptor = {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: digestOf(manifest),
    platform: { os: 'linux', architecture: 'amd64' },
  };
  if (!options.withAttestation)
    return { blobs: [...layers, config, manifest], index: { manifests: [imageDescriptor] } };
  const attestation = Buffer.from(
    JSON.stringify({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digestOf(config) },
      layers: [{ mediaType: 'application/vnd.in-toto+json', digest: `sha256:${'d'.repeat(64)}` }],
    }),
  );
  const nested = Buffer.from(
    JSON.stringify({
      manifests: [
        imageDescriptor,
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: digestOf(attestation),
          platform: { os: 'unknown', architecture: 'unknown' },
          annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
        },
      ],
    }),
  );
  return {
    blobs: [...layers, config, manifest, attestation, nested],
    index: {
      manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: digestOf(nested) }],
    },
  };
}

/** Behaves like BuildKit's layout export: a blob whose file exists is not written again. */
function exporterOf(built: Image, written: string[]) {
  return async (directory: string) => {
    for (const blob of built.blobs) {
      const file = path.join(directory, 'blobs', 'sha256', digestOf(blob).slice(7));
      if (existsSync(file)) continue;
      writeFileSync(file, blob);
      written.push(digestOf(blob));
    }
    writeFileSync(path.join(directory, 'index.json'), JSON.stringify(built.index));
  };
}

/** What a run does: seed the layout, let the build write into it, then measure it. */
async function analyseViaLayout(
  directory: string,
  writeLayout: (directory: string) => Promise<void>,
  known: ReadonlyMap<string, KnownLayer>,
) {
  await seedLayout(directory, known);
  await writeLayout(directory);
  return analyseLayout(directory, known);
}

describe('seedLayout + analyseLayout', () => {
  let scratch: string;
  beforeEach(() => (scratch = mkdtempSync(path.join(tmpdir(), 'dfb-layout-test-'))));
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('reads every layer when nothing is known, and names each by its history entry', async () => {
    const base = await gzippedTar({ 'usr/lib/a.so': 1000, 'tmp/big': 5000 });
    const app = await gzippedTar({ 'app/main.py': 10 }, ['tmp/.wh.big']);
    const analysis = await analyseViaLayout(
      path.join(scratch, 'one'),
      exporterOf(image([base, app]), []),
      new Map(),
    );
    expect(analysis.layersRead).toBe(2);
    expect(analysis.layers.map((l) => [l.digest, l.bytes, l.files, l.createdBy])).toEqual([
      [digestOf(base), 6000, 2, 'FROM base'],
      [digestOf(app), 10, 1, 'RUN step 1'],
    ]);
    expect(analysis.layers[0]!.compressedBytes).toBe(base.length);
    expect(analysis.wastedBytes).toBe(5000);
    expect(analysis.diffIds).toHaveLength(2);
  });

  it('reads only new layers when earlier ones are known, with the same result as reading all', async () => {
    const base = await gzippedTar({ 'usr/lib/a.so': 1000, 'tmp/big': 5000 });
    const deps = await gzippedTar({ 'site-packages/x.py': 300 });
    const app = await gzippedTar({ 'site-packages/x.py': 320 }, ['tmp/.wh.big']);
    const first = await analyseViaLayout(
      path.join(scratch, 'first'),
      exporterOf(image([base, deps]), []),
      new Map(),
    );
    const known = parseKnownLayers(serialiseKnownLayers(first.measured)!);

    const written: string[] = [];
    const second = await analyseViaLayout(
      path.join(scratch, 'second'),
      exporterOf(image([base, deps, app], { withAttestation: true }), written),
      known,
    );
    const full = await analyseViaLayout(
      path.join(scratch, 'full'),
      exporterOf(image([base, deps, app]), []),
      new Map(),
    );
    expect(written).not.toContain(digestOf(base));
    expect(written).not.toContain(digestOf(deps));
    expect(written).toContain(digestOf(app));
    expect(second.layersRead).toBe(1);
    expect(full.layersRead).toBe(3);
    const outcome = (analysis: typeof full) => ({
      ...analysis,
      seconds: 0,
      analysedBytes: 0,
      layersRead: 0,
    });
    expect(outcome(second)).toEqual(outcome(full));
    expect(second.wastedBytes).toBe(5300);
  });

  it('reads a known layer anyway when the exporter wrote it (a placeholder was overwritten)', async () => {
    const base = await gzippedTar({ 'a/b': 100 });
    const known = new Map<string, KnownLayer>([
      [
        digestOf(base),
        {
          digest: digestOf(base),
          compressedBytes: 1,
          bytes: 999_999,
          files: 9,
          table: { files: new Map(), directories: [], whiteouts: [], opaqueDirectories: [] },
        },
      ],
    ]);
    const built = image([base]);
    const analysis = await analyseViaLayout(
      path.join(scratch, 'overwrite'),
      async (directory) => {
        for (const blob of built.blobs)
          writeFileSync(path.join(directory, 'blobs', 'sha256', digestOf(blob).slice(7)), blob);
        writeFileSync(path.join(directory, 'index.json'), JSON.stringify(built.index));
      },
      known,
    );
    expect(analysis.layersRead).toBe(1);
    expect(analysis.totalBytes).toBe(100);
  });

  it("finds the image manifest among the blobs when index.json names an index the layout lacks (the docker driver's own output beside a layout)", async () => {
    const base = await gzippedTar({ 'usr/lib/a.so': 1000 });
    const built = image([base], { withAttestation: true });
    const analysis = await analyseViaLayout(
      path.join(scratch, 'docker-driver'),
      async (directory) => {
        for (const blob of built.blobs)
          writeFileSync(path.join(directory, 'blobs', 'sha256', digestOf(blob).slice(7)), blob);
        const missing = {
          mediaType: 'application/vnd.oci.image.index.v1+json',
          digest: `sha256:${'e'.repeat(64)}`,
          size: 855,
        };
        writeFileSync(
          path.join(directory, 'index.json'),
          JSON.stringify({ schemaVersion: 2, manifests: [missing] }),
        );
      },
      new Map(),
    );
    expect(analysis.layers.map((layer) => [layer.digest, layer.bytes])).toEqual([[digestOf(base), 1000]]);
  });

  it('measures a layout read before buildx wrote its index.json (during the cache export), as it measures the whole one', async () => {
    const base = await gzippedTar({ 'usr/lib/a.so': 1000, 'tmp/big': 5000 });
    const app = await gzippedTar({ 'app/main.py': 10 }, ['tmp/.wh.big']);
    const built = image([base, app], { withAttestation: true });
    const blobsOnly = await analyseViaLayout(
      path.join(scratch, 'early'),
      async (directory) => {
        for (const blob of built.blobs)
          writeFileSync(path.join(directory, 'blobs', 'sha256', digestOf(blob).slice(7)), blob);
      },
      new Map(),
    );
    const whole = await analyseViaLayout(path.join(scratch, 'whole'), exporterOf(built, []), new Map());
    expect(existsSync(path.join(scratch, 'early', 'index.json'))).toBe(false);
    expect({ ...blobsOnly, seconds: 0 }).toEqual({ ...whole, seconds: 0 });
    expect(blobsOnly.wastedBytes).toBe(5000);
  });
  it('names what an index.json that is not an image index lacks', async () => {
    const built = image([await gzippedTar({ a: 1 })]);
    await expect(
      analyseViaLayout(
        path.join(scratch, 'odd-index'),
        async (directory) => {
          await exporterOf(built, [])(directory);
          writeFileSync(path.join(directory, 'index.json'), JSON.stringify({ manifests: [{ size: 1 }] }));
        },
        new Map(),
      ),
    ).rejects.toThrow(
      `The exported layout's image index does not read as one: Invalid key: Expected "digest" but received undefined at manifests.0.digest`,
    );
  });

  it('fails on a layout holding more than one image', async () => {
    const one = image([await gzippedTar({ a: 1 })]);
    const two = image([await gzippedTar({ b: 1 })]);
    const both: Image = {
      blobs: [...one.blobs, ...two.blobs],
      index: {
        manifests: [
          ...(one.index as { manifests: object[] }).manifests,
          ...(two.index as { manifests: object[] }).manifests,
        ],
      },
    };
    await expect(
      analyseViaLayout(path.join(scratch, 'two'), exporterOf(both, []), new Map()),
    ).rejects.toThrow('Expected one image in the exported layout, found 2.');
  });
});

describe('known layers', () => {
  const layer: KnownLayer = {
    digest: `sha256:${'a'.repeat(64)}`,
    compressedBytes: 10,
    bytes: 30,
    files: 2,
    table: {
      files: new Map([
        ['usr/bin/x', 20],
        ['usr/bin/y', 10],
      ]),
      directories: ['usr', 'usr/bin'],
      whiteouts: ['tmp/gone'],
      opaqueDirectories: ['var/cache'],
    },
  };

  it('survive a round trip through their file', () => {
    expect(parseKnownLayers(serialiseKnownLayers([layer, layer])!)).toEqual(new Map([[layer.digest, layer]]));
  });

  it('leave out what is malformed and keep the rest', () => {
    const text = JSON.stringify({
      schema: 'docker-fast-build/layers@1',
      layers: [
        { ...JSON.parse(serialiseKnownLayers([layer])!).layers[0], digest: '../../etc/passwd' },
        { ...JSON.parse(serialiseKnownLayers([layer])!).layers[0], bytes: -1 },
        JSON.parse(serialiseKnownLayers([layer])!).layers[0],
      ],
    });
    expect([...parseKnownLayers(text).keys()]).toEqual([layer.digest]);
    // Each kind of wrong field costs its layer alone.
    const stored = JSON.parse(serialiseKnownLayers([layer])!).layers[0];
    for (const wrong of [
      { ...stored, files: 1.5 },
      { ...stored, table: { ...stored.table, files: [['a', 1, 2]] } },
      { ...stored, table: { ...stored.table, files: [[1, 'a']] } },
      { ...stored, table: { ...stored.table, directories: [7] } },
      { ...stored, table: undefined },
      'a layer',
    ]) {
      expect(
        parseKnownLayers(JSON.stringify({ schema: 'docker-fast-build/layers@1', layers: [wrong] })).size,
      ).toBe(0);
    }
    expect(parseKnownLayers('{"schema":"docker-fast-build/layers@2","layers":[]}').size).toBe(0);
    expect(parseKnownLayers('{"schema":"other","layers":[]}').size).toBe(0);
    expect(parseKnownLayers('not json').size).toBe(0);
  });

  it('are not kept when they hold too many paths to be worth it', () => {
    const huge: KnownLayer = {
      ...layer,
      table: { ...layer.table, files: new Map(Array.from({ length: 1_000_001 }, (_, i) => [`f${i}`, 1])) },
    };
    expect(serialiseKnownLayers([huge])).toBeUndefined();
  });
});
