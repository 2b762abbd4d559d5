import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

import tar from 'tar-stream';

import type { BuildxCli } from '../../src/buildx/cli.js';
import { cachedLayerFacts, pushedFacts } from '../../src/image/facts.js';
import { tokenRegistry } from './token-registry.js';

const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
const layer = `sha256:${'a'.repeat(64)}`;
const config = JSON.stringify({
  rootfs: { diff_ids: [`sha256:${'d'.repeat(64)}`] },
  history: [{ created_by: 'COPY . .' }],
});
const manifest = JSON.stringify({
  config: { digest: sha(config), size: config.length },
  layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layer, size: 42 }],
});

/** buildx whose build record holds the manifest and config above; records each call. */
function recordingBuildx(calls: string[][]): BuildxCli {
  return {
    invocation: async () => ['docker', 'buildx'],
    async run(args) {
      calls.push(args);
      const stdout = args.includes('manifest') ? manifest : config;
      return { exitCode: 0, stdout, stderr: '' };
    },
  };
}

/** The record of a build that pushed the manifest above, as buildx's metadata file names it. */
function pushed(registry: typeof fetch, calls: string[][]) {
  const metadata = { 'containerimage.digest': sha(manifest), 'buildx.build.ref': 'b/n/r1' };
  return pushedFacts({
    buildx: recordingBuildx(calls),
    builderName: 'dfb-1',
    userArgs: [],
    metadata: JSON.stringify(metadata),
    platform: undefined,
    known: new Map(),
    scratchDir: '/nonexistent',
    pushedTo: '127.0.0.1:5000/app:pr-1',
    registry: { fetch: registry, credentials: async () => undefined },
  });
}

const pushedRecord = (registry: typeof fetch, calls: string[][]) => pushed(registry, calls).record();

describe('pushedFacts: the record of a pushed image', () => {
  const expected = {
    layers: [
      { digest: layer, compressedBytes: 42, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' },
    ],
    diffIds: [`sha256:${'d'.repeat(64)}`],
    createdBy: ['COPY . .'],
  };

  it('comes from the registry by the pushed digest, with no buildx run', async () => {
    const calls: string[][] = [];
    const registry = (async (input: string | URL | Request) => {
      const name = String(input).split('/').pop()!;
      const documents: Record<string, string> = { [sha(manifest)]: manifest, [sha(config)]: config };
      return name in documents ? new Response(documents[name]) : new Response('', { status: 404 });
    }) as typeof fetch;
    expect(await pushedRecord(registry, calls)).toEqual({ ref: 'r1', ...expected });
    expect(calls).toEqual([]);
  });

  it("comes from buildx's build record when the registry cannot give it", async () => {
    const calls: string[][] = [];
    const registry = (async () => new Response('', { status: 503 })) as typeof fetch;
    expect(await pushedRecord(registry, calls)).toEqual({ ref: 'r1', ...expected });
    expect(calls.map((args) => args.slice(0, 3))).toEqual([
      ['history', 'inspect', 'attachment'],
      ['history', 'inspect', 'attachment'],
    ]);
  });
});

describe('pushedFacts: one registry reader for the record and the layers', () => {
  it('asks a registry that wants a token for one, once', async () => {
    const pack = tar.pack();
    pack.entry({ name: 'app/main.py', size: 5 }, 'print');
    pack.finalize();
    const parts: Buffer[] = [];
    for await (const chunk of pack) parts.push(chunk as Buffer);
    const blob = gzipSync(Buffer.concat(parts));
    const documents: Record<string, string | Buffer> = {
      [sha(manifest)]: manifest,
      [sha(config)]: config,
      [layer]: blob,
    };
    const registry = tokenRegistry('t0k', (url) => {
      const name = url.split('/').pop()!;
      return name in documents ? new Response(documents[name]) : new Response('', { status: 404 });
    });
    const facts = pushed(registry.fetch, []);
    const analysis = await facts.analyse(await facts.record());
    expect(analysis.layersRead).toBe(1);
    expect(analysis.layers.map((measured) => measured.files)).toEqual([1]);
    expect(registry.asked.tokens).toBe(1);
  });
});

describe('cachedLayerFacts: an image kept in the engine, its layers read from the layer cache', () => {
  const diffId = `sha256:${'d'.repeat(64)}`;
  const cacheManifest = JSON.stringify({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.buildkit.cacheconfig.v0', digest: sha('cfg'), size: 3 },
    layers: [
      {
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest: layer,
        size: 42,
        annotations: { 'containerd.io/uncompressed': diffId },
      },
    ],
  });

  async function layerBlob(): Promise<Buffer> {
    const pack = tar.pack();
    pack.entry({ name: 'app/main.py', size: 5 }, 'print');
    pack.finalize();
    const parts: Buffer[] = [];
    for await (const chunk of pack) parts.push(chunk as Buffer);
    return gzipSync(Buffer.concat(parts));
  }

  /** The engine's answers for the image: its one layer and its history (an ENV, then the COPY). */
  function engineWith(
    history = [
      { createdBy: 'ENV A=1', bytes: 0 },
      { createdBy: 'COPY . .', bytes: 4096 },
    ],
  ) {
    const asked: string[] = [];
    return {
      asked,
      engine: {
        layerIds: async (image: string, context: string) => {
          asked.push(`inspect ${image} ${context}`);
          return [diffId];
        },
        history: async (image: string, context: string) => {
          asked.push(`history ${image} ${context}`);
          return history;
        },
      },
    };
  }

  function facts(
    registry: typeof fetch,
    calls: string[][],
    engine = engineWith().engine,
    localImage = 'app:dev',
  ) {
    return cachedLayerFacts({
      buildx: recordingBuildx(calls),
      builderName: 'default',
      userArgs: [],
      metadata: JSON.stringify({ 'containerimage.digest': sha(manifest), 'buildx.build.ref': 'b/n/r1' }),
      platform: undefined,
      known: new Map(),
      scratchDir: '/nonexistent',
      cacheRef: '127.0.0.1:5000/app:buildcache-main',
      registry: { fetch: registry, credentials: async () => undefined },
      localImage,
      dockerContext: 'ctx',
      engine,
    });
  }

  const expectedRecord = {
    ref: 'r1',
    layers: [
      { digest: layer, compressedBytes: 42, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' },
    ],
    diffIds: [diffId],
    createdBy: ['COPY . .'],
  };

  /** A registry holding the cache manifest at its tag and the layer's blob. */
  function cacheRegistry(blob: Buffer | undefined, asked: string[] = []) {
    return (async (input: string | URL | Request) => {
      const url = String(input);
      asked.push(url);
      if (url.endsWith('/manifests/buildcache-main')) return new Response(cacheManifest);
      return blob && url.endsWith(`/blobs/${layer}`) ? new Response(blob) : new Response('', { status: 404 });
    }) as typeof fetch;
  }

  it('takes the record from the engine and the cache manifest, with no buildx run, and each new layer from the cache', async () => {
    const asked: string[] = [];
    const calls: string[][] = [];
    const engine = engineWith();
    const cached = facts(cacheRegistry(await layerBlob(), asked), calls, engine.engine);
    expect(cached.source).toBe('the engine and the layer cache at 127.0.0.1:5000/app:buildcache-main');
    const record = await cached.record();
    expect(record).toEqual(expectedRecord);
    expect(calls).toEqual([]);
    expect(engine.asked.sort()).toEqual(['history app:dev ctx', 'inspect app:dev ctx']);
    const analysis = await cached.analyse(record);
    expect(asked).toEqual([
      'http://127.0.0.1:5000/v2/app/manifests/buildcache-main',
      `http://127.0.0.1:5000/v2/app/blobs/${layer}`,
    ]);
    expect(analysis.layersRead).toBe(1);
    expect(analysis.layers.map((measured) => measured.files)).toEqual([1]);
  });

  it('reads the build record through buildx when the cache holds no blob of a layer', async () => {
    const calls: string[][] = [];
    const registry = (async () => new Response('', { status: 404 })) as typeof fetch;
    const record = await facts(registry, calls).record();
    expect(record).toEqual(expectedRecord);
    expect(calls.map((args) => args.slice(0, 3))).toEqual([
      ['history', 'inspect', 'attachment'],
      ['history', 'inspect', 'attachment'],
    ]);
  });

  it("reads the build record when the engine's history cannot say which entry made the layer", async () => {
    const calls: string[][] = [];
    // A layer of 0 bytes beside an ENV: which of the two made it is not certain.
    const engine = engineWith([
      { createdBy: 'ENV A=1', bytes: 0 },
      { createdBy: 'RUN rm /x', bytes: 0 },
    ]).engine;
    const record = await facts(cacheRegistry(undefined), calls, engine).record();
    expect(record).toEqual(expectedRecord);
    expect(calls).toHaveLength(2);
  });

  it('reads the build record when the image in the engine has no name to ask by', async () => {
    const calls: string[][] = [];
    const engine = engineWith();
    await facts(cacheRegistry(undefined), calls, engine.engine, '').record();
    expect(engine.asked).toEqual([]);
    expect(calls).toHaveLength(2);
  });

  it('fails the read when the cache does not hold a layer, so that the layout is the fallback', async () => {
    const cached = facts(cacheRegistry(undefined), []);
    await expect(cached.analyse(await cached.record())).rejects.toThrow(/answered 404/);
  });
});
