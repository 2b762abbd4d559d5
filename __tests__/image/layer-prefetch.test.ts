import { createHash } from 'node:crypto';

import { jest } from '@jest/globals';
import { gzipSync } from 'node:zlib';

import tar from 'tar-stream';

import { LayerPrefetch, runnerPlatform, sameImage } from '../../src/image/layer-prefetch.js';
import type { KnownLayer } from '../../src/image/layers/known-layers.js';
import type { BaseLayerSource, ListedLayer } from '../../src/image/listing.js';

const layer = (char: string) => `sha256:${char.repeat(64)}`;
const PINNED = `127.0.0.1:5000/python:3.11-slim@sha256:${'f'.repeat(64)}`;

async function layerBlob(name: string, size: number): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name, size }, Buffer.alloc(size, 1));
  pack.finalize();
  const parts: Buffer[] = [];
  for await (const chunk of pack) parts.push(chunk as Buffer);
  return gzipSync(Buffer.concat(parts));
}

/** A registry on 127.0.0.1:5000 serving one file per layer, recording each GET; `failing` answers 500. */
async function registry(failing: ReadonlySet<string> = new Set()) {
  const gets: string[] = [];
  const blobs = new Map<string, Buffer>();
  for (const [char, index] of [
    ['a', 1],
    ['b', 2],
    ['c', 3],
  ] as const)
    blobs.set(layer(char), await layerBlob(`layer-${index}`, index * 100));
  // A two-platform base: linux/amd64 of layers a and b, linux/arm64 of layer c.
  const documents = new Map<string, Buffer>();
  const put = (value: unknown) => {
    const body = Buffer.from(JSON.stringify(value));
    const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
    documents.set(digest, body);
    return { digest, size: body.length };
  };
  const image = (layers: string[]) => {
    const config = put({ rootfs: { type: 'layers', diff_ids: layers }, history: [] });
    return put({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: layers.map((digest) => ({
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest,
        size: 1,
      })),
    });
  };
  const platformOf = (architecture: string) => ({ os: 'linux', architecture });
  const index = put({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        ...image([layer('a'), layer('b')]),
        platform: platformOf('amd64'),
      },
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        ...image([layer('c')]),
        platform: platformOf('arm64'),
      },
    ],
  });
  const fetchBlob: typeof fetch = async (input) => {
    const url = new URL(String(input));
    gets.push(url.pathname);
    const digest = url.pathname.split('/').pop()!;
    const blob = blobs.get(digest) ?? documents.get(digest);
    if (!blob || failing.has(digest)) return new Response('no', { status: failing.has(digest) ? 500 : 404 });
    return new Response(new Uint8Array(blob));
  };
  return { gets, fetchBlob, pinned: `127.0.0.1:5000/python:3.11-slim@${index.digest}` };
}

/** What `run` wrote to stdout (core.debug's lines), kept out of the test log. */
async function stdoutOf(run: () => Promise<void>): Promise<string> {
  const written: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    write.mockRestore();
  }
  return written.join('');
}

/** What reads after the build: records what it was asked for. */
function afterwards(): BaseLayerSource & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    async read(digests) {
      asked.push(digests);
      return new Map(
        digests.map((digest): [string, ListedLayer] => [
          digest,
          {
            bytes: 1,
            files: 1,
            table: { files: new Map([['after', 1]]), directories: [], whiteouts: [], opaqueDirectories: [] },
          },
        ]),
      );
    },
  };
}

describe('LayerPrefetch', () => {
  it('reads each layer the builder pulls for the shipped base once, and only the rest after the build', async () => {
    const { gets, fetchBlob } = await registry();
    const known = new Map<string, KnownLayer>([[layer('b'), {} as KnownLayer]]);
    const prefetch = new LayerPrefetch('127.0.0.1:5000/python:3.11-slim', known, {
      fetch: fetchBlob,
      credentials: async () => undefined,
    });
    prefetch.pulling(PINNED, layer('a'));
    prefetch.pulling(PINNED, layer('a'));
    // Measured by an earlier run: not read again.
    prefetch.pulling(PINNED, layer('b'));
    // Another stage's base does not ship.
    prefetch.pulling('127.0.0.1:5000/python:3.11', layer('c'));
    const after = afterwards();
    const read = await prefetch.readingFirst(after).read([layer('a'), layer('c')]);
    expect(gets).toEqual([`/v2/python/blobs/${layer('a')}`]);
    expect(read.get(layer('a'))).toMatchObject({ bytes: 100, files: 1 });
    expect([...read.get(layer('a'))!.table.files.keys()]).toEqual(['layer-1']);
    expect(after.asked).toEqual([[layer('c')]]);
    expect(read.get(layer('c'))?.table.files.has('after')).toBe(true);
    expect(prefetch.used).toBe(1);
  });

  it('reads each layer the cache export writes from the layer cache, when it was given one', async () => {
    const { gets, fetchBlob } = await registry();
    const known = new Map<string, KnownLayer>([[layer('b'), {} as KnownLayer]]);
    const options = { fetch: fetchBlob, credentials: async () => undefined };
    // FROM scratch: no base to read, the build's own layers still are.
    const prefetch = new LayerPrefetch(null, known, {
      ...options,
      layerCache: '127.0.0.1:5000/python:buildcache-main',
    });
    prefetch.written(layer('a'));
    prefetch.written(layer('a'));
    prefetch.written(layer('b'));
    // No base image: a pull or a resolved digest reads nothing.
    prefetch.pulling(PINNED, layer('c'));
    prefetch.resolved(PINNED);
    const after = afterwards();
    const read = await prefetch.readingFirst(after).read([layer('a'), layer('c')]);
    expect(gets).toEqual([`/v2/python/blobs/${layer('a')}`]);
    expect(read.get(layer('a'))).toMatchObject({ bytes: 100, files: 1 });
    expect(after.asked).toEqual([[layer('c')]]);
    expect(prefetch.used).toBe(1);
    // Without a layer cache (a builder stage writes layers the image does not have), nothing is read.
    const without = new LayerPrefetch('127.0.0.1:5000/python:3.11-slim', new Map(), options);
    without.written(layer('a'));
    expect(gets).toHaveLength(1);
  });

  it('leaves a layer it could not read to the read after the build', async () => {
    const { fetchBlob } = await registry(new Set([layer('a')]));
    const prefetch = new LayerPrefetch('127.0.0.1:5000/python:3.11-slim', new Map(), {
      fetch: fetchBlob,
      credentials: async () => undefined,
    });
    prefetch.pulling(PINNED, layer('a'));
    prefetch.pulling(PINNED, layer('b'));
    const after = afterwards();
    let read = new Map<string, ListedLayer>();
    const said = await stdoutOf(async () => {
      read = await prefetch.readingFirst(after).read([layer('a'), layer('b')]);
    });
    expect(said).toContain(`::debug::Base layer ${layer('a')} was not read during the build`);
    expect(after.asked).toEqual([[layer('a')]]);
    expect(read.get(layer('b'))).toMatchObject({ bytes: 200 });
    expect(prefetch.used).toBe(1);
  });

  it("reads the build's own layers at once, beside a base layer still being read", async () => {
    const { fetchBlob } = await registry();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow: typeof fetch = async (input, init) => (await held, fetchBlob(input, init));
    const prefetch = new LayerPrefetch(PINNED, new Map(), {
      fetch: slow,
      credentials: async () => undefined,
    });
    prefetch.pulling(PINNED, layer('a'));
    const after = afterwards();
    const reading = prefetch.readingFirst(after).read([layer('a'), layer('c')]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(after.asked).toEqual([[layer('c')]]);
    release();
    const read = await reading;
    expect(read.get(layer('a'))).toMatchObject({ bytes: 100 });
    expect(after.asked).toEqual([[layer('c')]]);
  });

  it('asks nothing of the registry after the build when every layer was read during it', async () => {
    const { fetchBlob } = await registry();
    const prefetch = new LayerPrefetch(PINNED, new Map(), {
      fetch: fetchBlob,
      credentials: async () => undefined,
    });
    prefetch.pulling(PINNED, layer('c'));
    const after = afterwards();
    const read = await prefetch.readingFirst(after).read([layer('c')]);
    expect(after.asked).toEqual([]);
    expect(read.get(layer('c'))).toMatchObject({ bytes: 300 });
  });
});

describe('LayerPrefetch, once BuildKit resolved the base', () => {
  it("reads the platform's layers no earlier run measured, though the builder pulls none", async () => {
    const { gets, fetchBlob, pinned } = await registry();
    const known = new Map<string, KnownLayer>([[layer('b'), {} as KnownLayer]]);
    const prefetch = new LayerPrefetch('127.0.0.1:5000/python:3.11-slim', known, {
      fetch: fetchBlob,
      credentials: async () => undefined,
      platform: 'linux/amd64',
    });
    prefetch.resolved(pinned);
    prefetch.resolved(pinned);
    // The builder pulling it after all does not read it twice.
    prefetch.pulling(pinned, layer('a'));
    const after = afterwards();
    const read = await prefetch.readingFirst(after).read([layer('a'), layer('d')]);
    expect(gets.filter((get) => get.includes('/blobs/sha256:' + 'a'.repeat(64)))).toHaveLength(1);
    expect(gets.some((get) => get.endsWith(layer('b')) || get.endsWith(layer('c')))).toBe(false);
    expect(read.get(layer('a'))).toMatchObject({ bytes: 100, files: 1 });
    expect(after.asked).toEqual([[layer('d')]]);
    expect(prefetch.used).toBe(1);
  });

  it("takes the other platform's image when the build names it", async () => {
    const { fetchBlob, pinned } = await registry();
    const prefetch = new LayerPrefetch('127.0.0.1:5000/python:3.11-slim', new Map(), {
      fetch: fetchBlob,
      credentials: async () => undefined,
      platform: 'linux/arm64',
    });
    prefetch.resolved(pinned);
    const after = afterwards();
    const read = await prefetch.readingFirst(after).read([layer('c')]);
    expect(after.asked).toEqual([]);
    expect(read.get(layer('c'))).toMatchObject({ bytes: 300 });
  });

  it("reads nothing for another stage's base, and leaves an unresolvable base to the read after the build", async () => {
    const { gets, fetchBlob, pinned } = await registry();
    const options = { fetch: fetchBlob, credentials: async () => undefined, platform: 'linux/amd64' };
    const other = new LayerPrefetch('127.0.0.1:5000/python:3.12', new Map(), options);
    other.resolved(pinned);
    const unknown = new LayerPrefetch('127.0.0.1:5000/python:3.11-slim', new Map(), options);
    const after = afterwards();
    const said = await stdoutOf(async () => {
      unknown.resolved(`127.0.0.1:5000/python:3.11-slim@sha256:${'9'.repeat(64)}`);
      await unknown.readingFirst(after).read([layer('a')]);
    });
    expect(said).toMatch(/::debug::The base image .* was not resolved in its registry: .*answered 404/);
    expect(after.asked).toEqual([[layer('a')]]);
    expect(gets.some((get) => get.includes('/blobs/'))).toBe(false);
  });
});

describe('runnerPlatform', () => {
  it("names this runner's architecture as docker does", () => {
    expect(runnerPlatform()).toBe(process.arch === 'x64' ? 'linux/amd64' : `linux/${process.arch}`);
  });
});

describe('sameImage', () => {
  it.each([
    ['docker.io/library/python:3.11-slim@sha256:' + 'a'.repeat(64), 'python:3.11-slim', true],
    ['docker.io/library/python:latest@sha256:' + 'a'.repeat(64), 'python', true],
    ['docker.io/library/python:3.11@sha256:' + 'a'.repeat(64), 'python:3.11-slim', false],
    ['ghcr.io/library/python:3.11-slim@sha256:' + 'a'.repeat(64), 'python:3.11-slim', false],
    ['docker.io/library/python@sha256:' + 'a'.repeat(64), 'python@sha256:' + 'a'.repeat(64), true],
    ['docker.io/library/python:3.11@sha256:' + 'a'.repeat(64), 'python:3.11@sha256:' + 'b'.repeat(64), false],
    ['127.0.0.1:5000/python:3.11-slim@sha256:' + 'a'.repeat(64), '${BASE}', false],
  ])('%s is %s: %s', (pulled, named, same) => {
    expect(sameImage(pulled, named)).toBe(same);
  });
});
