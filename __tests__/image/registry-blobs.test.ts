import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

import tar from 'tar-stream';

import {
  parseLayerCacheBlobs,
  bearerChallenge,
  blobEndpoint,
  imageOfIndex,
  readPushedImage,
  registryBaseLayers,
  registryLayers,
} from '../../src/image/registry-blobs.js';
import { tokenRegistry } from './token-registry.js';

const digest = `sha256:${'a'.repeat(64)}`;

async function layerBlob(): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name: 'etc/os-release', size: 12 }, Buffer.alloc(12, 1));
  pack.entry({ name: 'usr/share/doc/.wh.x' }, '');
  pack.finalize();
  const parts: Buffer[] = [];
  for await (const chunk of pack) parts.push(chunk as Buffer);
  return gzipSync(Buffer.concat(parts));
}

describe('blobEndpoint', () => {
  it.each([
    ['python:3.11-slim', 'https://registry-1.docker.io', 'library/python'],
    ['docker.io/library/python:3.11', 'https://registry-1.docker.io', 'library/python'],
    ['ghcr.io/org/base@sha256:' + 'b'.repeat(64), 'https://ghcr.io', 'org/base'],
    ['127.0.0.1:5000/python:3.11-slim', 'http://127.0.0.1:5000', 'python'],
    ['localhost:5000/team/base', 'http://localhost:5000', 'team/base'],
  ])('%s → %s/v2/%s/blobs/…', (image, base, repository) => {
    expect(blobEndpoint(image)).toEqual({ base, repository });
  });

  it('names none for an unresolved reference', () => {
    expect(blobEndpoint('${BASE}')).toBeUndefined();
  });
});

describe('bearerChallenge', () => {
  it('reads the parameters Docker Hub sends', () => {
    expect(
      bearerChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/python:pull"',
      ),
    ).toEqual({
      realm: 'https://auth.docker.io/token',
      service: 'registry.docker.io',
      scope: 'repository:library/python:pull',
    });
    expect(bearerChallenge('Basic realm="x"')).toBeUndefined();
    expect(bearerChallenge(null)).toBeUndefined();
  });
});

describe('registryBaseLayers', () => {
  it('takes an anonymous token when challenged, then measures the blob as it streams', async () => {
    const blob = await layerBlob();
    const requests: string[] = [];
    const registry = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input);
      const auth = new Headers(init?.headers).get('authorization');
      requests.push(`${url} ${auth ?? '-'}`);
      if (url.startsWith('https://auth.example/token')) return Response.json({ token: 't0k' });
      if (auth !== 'Bearer t0k')
        return new Response('', {
          status: 401,
          headers: { 'www-authenticate': 'Bearer realm="https://auth.example/token",service="reg"' },
        });
      return new Response(blob);
    }) as typeof fetch;
    const layers = await registryBaseLayers('reg.example/base:1', registry).read([digest]);
    expect(requests).toEqual([
      `https://reg.example/v2/base/blobs/${digest} -`,
      'https://auth.example/token?service=reg&scope=repository%3Abase%3Apull -',
      `https://reg.example/v2/base/blobs/${digest} Bearer t0k`,
    ]);
    const layer = layers.get(digest)!;
    expect(layer.bytes).toBe(12);
    expect([...layer.table.files]).toEqual([['etc/os-release', 12]]);
    expect(layer.table.whiteouts).toEqual(['usr/share/doc/x']);
  });

  it.each([['null'], ['{"token": 5}'], ['[]']])(
    'takes no token from a token answer of %s',
    async (answer) => {
      const registry = (async (input: string | URL | Request) =>
        String(input).startsWith('https://auth.example/token')
          ? new Response(answer, { headers: { 'content-type': 'application/json' } })
          : new Response('', {
              status: 401,
              headers: { 'www-authenticate': 'Bearer realm="https://auth.example/token"' },
            })) as typeof fetch;
      await expect(registryBaseLayers('reg.example/base:1', registry).read([digest])).rejects.toThrow(
        'the registry gave no anonymous pull token',
      );
    },
  );

  it('says which layer it could not read', async () => {
    const missing = (async () => new Response('', { status: 404 })) as typeof fetch;
    await expect(registryBaseLayers('reg.example/base:1', missing).read([digest])).rejects.toThrow(
      `reading layer ${digest} from https://reg.example answered 404`,
    );
  });
});

describe('registryLayers (the layers a build pushed)', () => {
  const credentials = async (host: string) =>
    host === 'reg.example' ? { username: 'ci', password: 's3cret' } : undefined;
  const basic = `Basic ${Buffer.from('ci:s3cret').toString('base64')}`;

  it('asks the token service with the credentials docker would send', async () => {
    const blob = await layerBlob();
    const requests: string[] = [];
    const registry = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input);
      const auth = new Headers(init?.headers).get('authorization');
      requests.push(`${url} ${auth ?? '-'}`);
      if (url.startsWith('https://auth.example/token'))
        return auth === basic ? Response.json({ access_token: 'pr1v' }) : new Response('', { status: 401 });
      if (auth !== 'Bearer pr1v')
        return new Response('', {
          status: 401,
          headers: { 'www-authenticate': 'Bearer realm="https://auth.example/token",service="reg"' },
        });
      return new Response(blob);
    }) as typeof fetch;
    const layers = await registryLayers('reg.example/team/app:pr-1', { fetch: registry, credentials }).read([
      digest,
    ]);
    expect(requests).toEqual([
      `https://reg.example/v2/team/app/blobs/${digest} -`,
      `https://auth.example/token?service=reg&scope=repository%3Ateam%2Fapp%3Apull ${basic}`,
      `https://reg.example/v2/team/app/blobs/${digest} Bearer pr1v`,
    ]);
    expect(layers.get(digest)!.bytes).toBe(12);
  });

  it('answers a Basic challenge with the credentials, and asks for them once', async () => {
    const blob = await layerBlob();
    let asked = 0;
    const registry = (async (_input: string | URL | Request, init?: RequestInit) =>
      new Headers(init?.headers).get('authorization') === basic
        ? new Response(blob)
        : new Response('', {
            status: 401,
            headers: { 'www-authenticate': 'Basic realm="reg"' },
          })) as typeof fetch;
    const other = `sha256:${'c'.repeat(64)}`;
    const layers = await registryLayers('reg.example/app:1', {
      fetch: registry,
      credentials: async (host) => (asked++, credentials(host)),
    }).read([digest, other]);
    expect([...layers.keys()]).toEqual([digest, other]);
    expect(asked).toBe(1);
  });

  it('reads several layers at once, all on the one token the first refusal asked for', async () => {
    const blob = await layerBlob();
    const digests = ['c', 'd', 'e'].map((letter) => `sha256:${letter.repeat(64)}`);
    let reading = 0;
    let mostAtOnce = 0;
    const registry = tokenRegistry('pr1v', async () => {
      reading += 1;
      mostAtOnce = Math.max(mostAtOnce, reading);
      // Each answer waits a moment, so reads one after another never overlap.
      await new Promise((resolve) => setTimeout(resolve, 30));
      reading -= 1;
      return new Response(blob);
    });
    const layers = await registryLayers('reg.example/app:1', { fetch: registry.fetch, credentials }).read(
      digests,
    );
    expect([...layers.keys()]).toEqual(digests);
    expect([...layers.values()].map((layer) => layer.bytes)).toEqual([12, 12, 12]);
    expect(registry.asked.tokens).toBe(1);
    expect(mostAtOnce).toBeGreaterThanOrEqual(2);
  });

  it('says so when the registry wants credentials the runner does not hold', async () => {
    const registry = (async () =>
      new Response('', {
        status: 401,
        headers: { 'www-authenticate': 'Basic realm="reg"' },
      })) as typeof fetch;
    await expect(
      registryLayers('other.example/app:1', { fetch: registry, credentials }).read([digest]),
    ).rejects.toThrow('https://other.example asks for credentials this runner does not hold');
  });

  it('names a registry it cannot reach, where fetch says only that it failed', async () => {
    const unreachable = (async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:5999') });
    }) as typeof fetch;
    await expect(
      registryLayers('127.0.0.1:5999/app:1', { fetch: unreachable, credentials }).read([digest]),
    ).rejects.toThrow('http://127.0.0.1:5999 could not be reached: connect ECONNREFUSED 127.0.0.1:5999');
  });

  it('sends no credentials to a token service over plain http elsewhere', async () => {
    const registry = (async () =>
      new Response('', {
        status: 401,
        headers: { 'www-authenticate': 'Bearer realm="http://auth.example/token"' },
      })) as typeof fetch;
    await expect(
      registryLayers('reg.example/app:1', { fetch: registry, credentials }).read([digest]),
    ).rejects.toThrow("the registry's token service http://auth.example is not https");
  });
});

describe('readPushedImage (the manifest and config a build pushed)', () => {
  const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
  const layer = { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest, size: 42 };
  const config = JSON.stringify({
    rootfs: { diff_ids: [`sha256:${'d'.repeat(64)}`] },
    history: [
      { created_by: 'ENV A=1', empty_layer: true },
      { created_by: 'RUN pip install -r requirements.txt' },
    ],
  });
  const manifest = JSON.stringify({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: sha(config),
      size: config.length,
    },
    layers: [layer],
  });
  const attestation = JSON.stringify({ config: { digest: sha('{}'), size: 2 }, layers: [] });
  const index = JSON.stringify({
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      { digest: sha(manifest), size: manifest.length, platform: { os: 'linux', architecture: 'amd64' } },
      {
        digest: sha(attestation),
        size: attestation.length,
        platform: { os: 'unknown', architecture: 'unknown' },
        annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
      },
    ],
  });

  function registry(documents: Record<string, string>, paths: string[] = []) {
    return (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input));
      paths.push(url.pathname);
      expect(new Headers(init?.headers).get('accept')).toContain('application/vnd.oci.image.index.v1+json');
      const name = url.pathname.split('/').pop()!;
      return name in documents ? new Response(documents[name]) : new Response('', { status: 404 });
    }) as typeof fetch;
  }

  it('follows the index to its one image, its attestation aside, and reads what the build record holds', async () => {
    const paths: string[] = [];
    const fetchFrom = registry(
      { [sha(index)]: index, [sha(manifest)]: manifest, [sha(config)]: config },
      paths,
    );
    const read = await readPushedImage('127.0.0.1:5000/team/app:pr-1', sha(index), undefined, {
      fetch: fetchFrom,
    });
    expect(read).toEqual({
      layers: [{ digest, compressedBytes: 42, mediaType: layer.mediaType }],
      diffIds: [`sha256:${'d'.repeat(64)}`],
      createdBy: ['RUN pip install -r requirements.txt'],
    });
    expect(paths).toEqual([
      `/v2/team/app/manifests/${sha(index)}`,
      `/v2/team/app/manifests/${sha(manifest)}`,
      `/v2/team/app/blobs/${sha(config)}`,
    ]);
  });

  it('refuses a document that does not match the digest it was asked for', async () => {
    const fetchFrom = registry({ [sha(manifest)]: manifest.replace('42', '43') });
    await expect(
      readPushedImage('127.0.0.1:5000/app:1', sha(manifest), undefined, { fetch: fetchFrom }),
    ).rejects.toThrow(`the manifest ${sha(manifest)} from http://127.0.0.1:5000 does not match its digest`);
  });

  it('says so when the build reported no digest, or the registry does not have it', async () => {
    const fetchFrom = registry({});
    await expect(
      readPushedImage('127.0.0.1:5000/app:1', '', undefined, { fetch: fetchFrom }),
    ).rejects.toThrow('the build reported no pushed digest (none)');
    await expect(
      readPushedImage('127.0.0.1:5000/app:1', sha(manifest), undefined, { fetch: fetchFrom }),
    ).rejects.toThrow(`reading the manifest ${sha(manifest)} from http://127.0.0.1:5000 answered 404`);
  });
});

describe('imageOfIndex', () => {
  const image = (letter: string, architecture: string) => ({
    digest: `sha256:${letter.repeat(64)}`,
    platform: { os: 'linux', architecture },
  });

  it("picks the named platform's image out of several", () => {
    expect(imageOfIndex([image('a', 'amd64'), image('b', 'arm64')], 'linux/arm64')).toBe(
      `sha256:${'b'.repeat(64)}`,
    );
  });

  it('names how many images it found when it cannot tell which one was built', () => {
    expect(() => imageOfIndex([image('a', 'amd64'), image('b', 'arm64')], undefined)).toThrow(
      'the pushed index holds 2 images, not one',
    );
    expect(() => imageOfIndex([image('a', 'amd64')], 'linux/s390x')).toThrow(
      'the pushed index holds 0 images for linux/s390x, not one',
    );
  });
});

describe('parseLayerCacheBlobs (a registry layer cache, by diff ID)', () => {
  const digest = (c: string) => `sha256:${c.repeat(64)}`;
  const gzipLayer = (c: string, diff: string, size: number) => ({
    mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
    digest: digest(c),
    size,
    annotations: { 'buildkit/createdat': '2026-12-06T13:44:26Z', 'containerd.io/uncompressed': digest(diff) },
  });
  const cacheConfig = {
    mediaType: 'application/vnd.buildkit.cacheconfig.v0',
    digest: digest('e'),
    size: 1664,
  };

  it('maps each layer of an image-manifest cache to its blob, leaving the cache config aside', () => {
    const text = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: cacheConfig,
      layers: [gzipLayer('a', '1', 185), gzipLayer('b', '2', 340_838_042)],
    });
    expect(parseLayerCacheBlobs(text)).toEqual(
      new Map([
        [
          digest('1'),
          { digest: digest('a'), compressedBytes: 185, mediaType: gzipLayer('a', '1', 1).mediaType },
        ],
        [
          digest('2'),
          { digest: digest('b'), compressedBytes: 340_838_042, mediaType: gzipLayer('a', '1', 1).mediaType },
        ],
      ]),
    );
  });

  it('reads the older index form, where the config is one of the manifests', () => {
    const text = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [gzipLayer('a', '1', 185), cacheConfig],
    });
    expect([...parseLayerCacheBlobs(text).keys()]).toEqual([digest('1')]);
  });

  it('leaves out a descriptor without a sha256 digest or a whole size', () => {
    const text = JSON.stringify({
      layers: [
        { ...gzipLayer('a', '1', 185), digest: 'md5:abc' },
        { ...gzipLayer('b', '2', 185), size: 1.5 },
        gzipLayer('c', '3', 7),
      ],
    });
    expect([...parseLayerCacheBlobs(text).keys()]).toEqual([digest('3')]);
  });
});
