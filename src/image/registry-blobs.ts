// The base image's layers the listing cannot tell apart (it sees the base as one filesystem), read
// from the registry the base came from: one GET per layer no earlier run measured, streamed through
// the layer scanner. Measured here: 81 MB in 0.16 s from the local registry (1.5 s with the scan),
// against 6.2 s through `buildx history inspect attachment`. Anonymous only: a base that needs
// credentials falls back to the OCI layout, and is known by digest in every run after that one.
import { Readable } from 'node:stream';

import { parseImageRef } from '../dockerfile/image-ref.js';
import { PathBudget, scanLayerBlob } from './layers/analyse.js';
import { LAYER_DIGEST } from './layers/known-layers.js';
import type { BaseLayerSource, ListedLayer } from './listing.js';

/** Where `GET /v2/<repository>/blobs/<digest>` goes for an image reference; undefined for one we cannot name. */
export function blobEndpoint(image: string): { base: string; repository: string } | undefined {
  const ref = parseImageRef(image);
  if (!ref) return undefined;
  const registry = ref.registry ?? 'docker.io';
  const dockerHub = registry === 'docker.io' || registry === 'index.docker.io';
  const repository = dockerHub && !ref.path.includes('/') ? `library/${ref.path}` : ref.path;
  const host = dockerHub ? 'registry-1.docker.io' : registry;
  // As docker does, a registry on this machine is spoken to in plain HTTP.
  const local = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
  return { base: `${local ? 'http' : 'https'}://${host}`, repository };
}

/** `Bearer realm="…",service="…",scope="…"` → its parameters; undefined for another scheme. */
export function bearerChallenge(header: string | null): Record<string, string> | undefined {
  const match = /^Bearer\s+(.*)$/i.exec(header ?? '');
  if (!match) return undefined;
  const params: Record<string, string> = {};
  for (const [, key, value] of match[1]!.matchAll(/(\w+)="([^"]*)"/g)) params[key!.toLowerCase()] = value!;
  return params.realm ? params : undefined;
}

export function registryBaseLayers(image: string, fetchBlob: typeof fetch = fetch): BaseLayerSource {
  return {
    async read(digests) {
      const endpoint = blobEndpoint(image);
      if (!endpoint) throw new Error(`the base image ${image} names no registry blobs can be read from`);
      const budget = new PathBudget();
      const layers = new Map<string, ListedLayer>();
      let token: string | undefined;
      for (const digest of digests) {
        if (!LAYER_DIGEST.test(digest)) throw new Error(`unexpected layer digest ${digest}`);
        const url = `${endpoint.base}/v2/${endpoint.repository}/blobs/${digest}`;
        let response = await fetchBlob(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
        const challenge =
          response.status === 401 && bearerChallenge(response.headers.get('www-authenticate'));
        if (challenge) {
          await response.body?.cancel();
          token = await anonymousToken(challenge, endpoint.repository, fetchBlob);
          response = await fetchBlob(url, { headers: { authorization: `Bearer ${token}` } });
        }
        if (!response.ok || !response.body) {
          await response.body?.cancel();
          throw new Error(`reading base layer ${digest} from ${endpoint.base} answered ${response.status}`);
        }
        const scan = await scanLayerBlob(
          Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>),
          budget,
        );
        layers.set(digest, { bytes: scan.bytes, files: scan.files, table: scan.table });
      }
      return layers;
    },
  };
}

async function anonymousToken(
  challenge: Record<string, string>,
  repository: string,
  fetchToken: typeof fetch,
): Promise<string> {
  const url = new URL(challenge.realm!);
  if (challenge.service) url.searchParams.set('service', challenge.service);
  url.searchParams.set('scope', challenge.scope ?? `repository:${repository}:pull`);
  const response = await fetchToken(url);
  if (!response.ok) throw new Error(`the registry gave no anonymous pull token (${response.status})`);
  const body = (await response.json()) as { token?: unknown; access_token?: unknown };
  const token = typeof body.token === 'string' ? body.token : body.access_token;
  if (typeof token !== 'string') throw new Error('the registry gave no anonymous pull token');
  return token;
}
