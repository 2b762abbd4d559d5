// Which way the image is measured, and what a failure of each way costs: the failure-behaviour rows
// "the layout the build wrote cannot be read" and "image cannot be measured", with plain values.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import tar from 'tar-stream';

import type { ImageFacts } from '../../src/image/facts.js';
import type { BuildRecord } from '../../src/image/build-record.js';
import { setLogWriter } from '../../src/runner-log.js';
import { seedLayout } from '../../src/image/layers/oci-layout.js';
import type { ImageAnalysis } from '../../src/image/layers/types.js';
import { measureImageSize, measureLayoutEarly, type ImageStore } from '../../src/report/measure.js';

const digestOf = (blob: Buffer) => `sha256:${createHash('sha256').update(blob).digest('hex')}`;

async function layerBlob(): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name: 'app/main.py', size: 10 }, Buffer.alloc(10, 1));
  pack.finalize();
  const parts: Buffer[] = [];
  for await (const chunk of pack) parts.push(chunk as Buffer);
  return gzipSync(Buffer.concat(parts));
}

/** What the build's second exporter writes: a one-layer OCI layout whose config lists `diffId`. */
function layoutWriter(layer: Buffer, diffId: string) {
  return async (directory: string) => {
    const config = Buffer.from(
      JSON.stringify({ rootfs: { diff_ids: [diffId] }, history: [{ created_by: 'COPY app' }] }),
    );
    const manifest = Buffer.from(
      JSON.stringify({
        config: { digest: digestOf(config) },
        layers: [{ digest: digestOf(layer), size: layer.length }],
      }),
    );
    for (const blob of [layer, config, manifest])
      writeFileSync(path.join(directory, 'blobs', 'sha256', digestOf(blob).slice(7)), blob);
    writeFileSync(
      path.join(directory, 'index.json'),
      JSON.stringify({
        manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digestOf(manifest) }],
      }),
    );
  };
}

const saved: ImageAnalysis = {
  layers: [{ digest: 'sha256:saved', compressedBytes: 5, bytes: 123, files: 1, createdBy: 'FROM x' }],
  measured: [],
  totalBytes: 123,
  compressedBytes: 5,
  wastedBytes: 0,
  efficiency: 1,
  topWasted: [],
  wastePartial: false,
  analysedBytes: 123,
  seconds: 0.1,
};

describe('measureImageSize', () => {
  let scratch: string;
  let warnings: string[];
  let saves: number;
  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'dfb-measure-'));
    warnings = [];
    saves = 0;
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  const images = (
    layerIds: string[] | undefined,
    analyseSaved?: () => Promise<ImageAnalysis>,
  ): ImageStore => ({
    layerIds: async () => layerIds,
    analyseSaved: async () => {
      saves++;
      return analyseSaved ? analyseSaved() : saved;
    },
  });
  /** `writeLayout` plays the build: it writes into the seeded layout directory, or the build wrote none. */
  const measure = async (
    writeLayout: ((dir: string) => Promise<void>) | 'no layout output',
    store: ImageStore,
    localImageId = 'sha256:image',
  ) => {
    const layoutDir = writeLayout === 'no layout output' ? undefined : path.join(scratch, 'layout');
    if (layoutDir && writeLayout !== 'no layout output') {
      await seedLayout(layoutDir, new Map());
      await writeLayout(layoutDir);
    }
    return measureImageSize(
      { localImageId, layoutDir, previous: undefined, known: new Map() },
      (m) => warnings.push(m),
      store,
    );
  };

  it('measures from the layout the build wrote, without asking the engine', async () => {
    const result = await measure(layoutWriter(await layerBlob(), 'sha256:built'), images(undefined), '');
    expect(result?.size.bytes).toBe(10);
    expect(result?.size.layerIds).toEqual(['sha256:built']);
    expect(saves).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('takes the measurement begun during the build, and falls back to reading the layout when that one failed', async () => {
    const layer = await layerBlob();
    const layoutDir = path.join(scratch, 'layout');
    await seedLayout(layoutDir, new Map());
    // Begun before the exporter wrote anything: there is nothing to measure yet.
    const tooEarly = measureLayoutEarly(layoutDir, new Map());
    expect(await tooEarly).toBeUndefined();
    await layoutWriter(layer, 'sha256:built')(layoutDir);
    const early = measureLayoutEarly(layoutDir, new Map());
    const fromEarly = await measureImageSize(
      { localImageId: '', layoutDir, previous: undefined, known: new Map(), layoutMeasured: early },
      (m) => warnings.push(m),
      images(undefined),
    );
    expect(fromEarly?.size.bytes).toBe(10);
    expect(fromEarly?.size.layerIds).toEqual(['sha256:built']);
    // measureImageSize removes the layout when it is done; a second one begun too early reads it again.
    await seedLayout(layoutDir, new Map());
    await layoutWriter(layer, 'sha256:built')(layoutDir);
    const afterFailure = await measureImageSize(
      { localImageId: '', layoutDir, previous: undefined, known: new Map(), layoutMeasured: tooEarly },
      (m) => warnings.push(m),
      images(undefined),
    );
    expect(afterFailure?.size.bytes).toBe(10);
    expect(saves).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('falls back to docker save, without a warning, when the layout cannot be read and the image is local', async () => {
    const result = await measure(async () => undefined, images(['sha256:loaded']));
    expect(saves).toBe(1);
    expect(result?.size.bytes).toBe(123);
    expect(warnings).toEqual([]);
  });

  it('an unreadable layout of an image not in the engine is a warning and no sizes', async () => {
    const result = await measure(async () => undefined, images(undefined), '');
    expect(result).toBeUndefined();
    expect(saves).toBe(0);
    expect(warnings).toEqual([
      'The image could not be measured, so the report has no sizes: the layout the build wrote could not be read, and the image is not in the local engine',
    ]);
  });

  it('an image that cannot be measured at all is a warning and no sizes', async () => {
    const result = await measure(
      'no layout output',
      images(['sha256:loaded'], async () => {
        throw new Error('Error response from daemon: No such image');
      }),
    );
    expect(result).toBeUndefined();
    expect(warnings).toEqual([
      'The image could not be measured, so the report has no sizes: Error response from daemon: No such image',
    ]);
  });

  describe('from the build record and a listing', () => {
    let log: string[];
    let restore: ReturnType<typeof setLogWriter>;
    beforeEach(() => {
      log = [];
      restore = setLogWriter((text) => void log.push(text));
    });
    afterEach(() => setLogWriter(restore));

    const record: BuildRecord = {
      ref: 'abc',
      layers: [{ digest: 'sha256:listed', compressedBytes: 7, mediaType: '' }],
      diffIds: ['sha256:built'],
      createdBy: ['COPY app'],
    };
    const listed = {
      ...saved,
      layers: [{ ...saved.layers[0]!, digest: 'sha256:listed' }],
      layersRead: 1,
      readDuringBuild: 0,
    };
    const facts = (over: Partial<ImageFacts> = {}): ImageFacts & { calls: string[] } => {
      const calls: string[] = [];
      return {
        calls,
        source: 'the build record and a listing inside the builder',
        verb: 'listed',
        record: async () => (calls.push('record'), record),
        analyse: async () => (calls.push('analyse'), listed),
        exportLayout: async () => (calls.push('exportLayout'), undefined),
        ...over,
      };
    };

    it('measures without any layout, and the log names the source', async () => {
      const source = facts();
      const result = await measureImageSize(
        { localImageId: '', layoutDir: undefined, previous: undefined, known: new Map(), facts: source },
        (m) => warnings.push(m),
        images(undefined),
      );
      expect(result?.size.layers.map((l) => l.digest)).toEqual(['sha256:listed']);
      expect(result?.size.layerIds).toEqual(['sha256:built']);
      expect(source.calls).toEqual(['record', 'analyse']);
      expect(log.join('')).toContain(
        'Measured the image from the build record and a listing inside the builder: listed all 1 layers.',
      );
      expect(warnings).toEqual([]);
    });

    it('reuses the last report from the record alone when the layers are the same', async () => {
      const source = facts();
      const previous = {
        ...(await measure(layoutWriter(await layerBlob(), 'sha256:built'), images(undefined), ''))!.size,
      };
      log.length = 0;
      const result = await measureImageSize(
        { localImageId: '', layoutDir: undefined, previous, known: new Map(), facts: source },
        (m) => warnings.push(m),
        images(undefined),
      );
      expect(result?.size.bytes).toBe(10);
      expect(source.calls).toEqual(['record']);
    });

    it('falls back to an OCI layout exported after the build, and the log says why', async () => {
      const layer = await layerBlob();
      const layoutDir = path.join(scratch, 'fallback');
      const source = facts({
        analyse: async () => {
          throw new Error('the listing build failed: python3: not found');
        },
        exportLayout: async () => {
          await seedLayout(layoutDir, new Map());
          await layoutWriter(layer, 'sha256:built')(layoutDir);
          return layoutDir;
        },
      });
      const result = await measureImageSize(
        { localImageId: '', layoutDir: undefined, previous: undefined, known: new Map(), facts: source },
        (m) => warnings.push(m),
        images(undefined),
      );
      expect(result?.size.bytes).toBe(10);
      expect(log.join('')).toContain(
        'Measured the image from the OCI layout (fallback: the listing build failed: python3: not found): read all 1 layers.',
      );
      expect(warnings).toEqual([]);
    });

    it('falls back to docker save when no layout can be exported and the image is local', async () => {
      const source = facts({
        record: async () => {
          throw new Error('buildx wrote no build record ref in the metadata file');
        },
      });
      const result = await measureImageSize(
        {
          localImageId: 'sha256:image',
          layoutDir: undefined,
          previous: undefined,
          known: new Map(),
          facts: source,
        },
        (m) => warnings.push(m),
        images(['sha256:loaded']),
      );
      expect(result?.size.bytes).toBe(123);
      expect(saves).toBe(1);
      expect(log.join('')).toContain(
        'Measuring with docker save (fallback: buildx wrote no build record ref in the metadata file)',
      );
    });
  });
});
