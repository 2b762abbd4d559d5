import { createHash } from 'node:crypto';

import { mountCacheKeys } from '../../../src/cache/keys.js';
import {
  CACHE_KEY_ANNOTATION,
  chooseRegistryEntry,
  MAX_ENTRY_LAYERS,
  parseCacheManifest,
  planRegistryMountRefs,
  registryCacheTag,
  registrySaveOutput,
  repositoryOf,
  saveOver,
  type RegistryEntry,
} from '../../../src/cache/registry/refs.js';
import { planCacheScopes } from '../../../src/cache/scopes.js';
import { cacheMount } from '../sample-mount.js';

const pip = cacheMount();
const facts = { os: 'linux', arch: 'X64' };
const keysFor = (lockfileHash: string, runStamp = '7.1') =>
  mountCacheKeys(pip, { os: 'linux', arch: 'X64', lockfileHash, runStamp });
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

describe('registryCacheTag', () => {
  it('names the mount and the scope, readable, each with a hash of the exact value', () => {
    const tag = registryCacheTag(pip, facts, 'refs/heads/main');
    expect(tag).toMatch(/^depcache-v1-root-.cache-pip-[0-9a-f]{10}-heads-main-[0-9a-f]{10}$/);
    expect(tag).toMatch(TAG);
  });

  it('keeps scopes that differ only by case or punctuation apart', () => {
    const tags = ['refs/heads/main', 'refs/heads/MAIN', 'refs/heads/main-', 'refs/pull/7/merge'].map((s) =>
      registryCacheTag(pip, facts, s),
    );
    expect(new Set(tags).size).toBe(4);
  });

  it('keeps mounts, ids and architectures apart', () => {
    const tags = [
      registryCacheTag(cacheMount({ target: '/a/b' }), facts, 'refs/heads/main'),
      registryCacheTag(cacheMount({ target: '/a-b' }), facts, 'refs/heads/main'),
      registryCacheTag(cacheMount({ target: '/a/b', id: 'other' }), facts, 'refs/heads/main'),
      registryCacheTag(cacheMount({ target: '/a/b' }), { os: 'linux', arch: 'ARM64' }, 'refs/heads/main'),
    ];
    expect(new Set(tags).size).toBe(4);
  });

  it('stays a valid tag for very long mounts and branches', () => {
    const tag = registryCacheTag(
      cacheMount({ target: `/${'deep/'.repeat(40)}cache` }),
      facts,
      `refs/heads/${'feature/'.repeat(30)}x`,
    );
    expect(tag).toMatch(TAG);
  });
});

describe('planRegistryMountRefs', () => {
  const repository = '127.0.0.1:5000/app';
  const push = (branch: string) => ({
    eventName: 'push',
    ref: `refs/heads/${branch}`,
    branch,
    baseBranch: '',
    defaultBranch: 'main',
    pullRequestNumber: undefined,
  });

  it('a push to a branch reads its own tag, then the default branch’s, and writes its own', () => {
    const refs = planRegistryMountRefs(
      repository,
      pip,
      facts,
      planCacheScopes(push('feature/x'), 'registry'),
    );
    expect(refs.read).toEqual([
      `${repository}:${registryCacheTag(pip, facts, 'refs/heads/feature/x')}`,
      `${repository}:${registryCacheTag(pip, facts, 'refs/heads/main')}`,
    ]);
    expect(refs.write).toBe(refs.read[0]);
  });

  it('a pull request writes only its own tag, never one its base or the default branch reads', () => {
    const scopes = planCacheScopes(
      {
        eventName: 'pull_request',
        ref: 'refs/pull/9/merge',
        branch: 'main', // a fork's main
        baseBranch: 'release',
        defaultBranch: 'main',
        pullRequestNumber: 9,
      },
      'registry',
    );
    const refs = planRegistryMountRefs(repository, pip, facts, scopes);
    const mainReads = planRegistryMountRefs(
      repository,
      pip,
      facts,
      planCacheScopes(push('main'), 'registry'),
    );
    const releaseReads = planRegistryMountRefs(
      repository,
      pip,
      facts,
      planCacheScopes(push('release'), 'registry'),
    );
    expect(refs.write).toBe(`${repository}:${registryCacheTag(pip, facts, 'refs/pull/9/merge')}`);
    expect(mainReads.read).not.toContain(refs.write);
    expect(releaseReads.read).not.toContain(refs.write);
    expect(refs.read).toEqual([refs.write, releaseReads.read[0], mainReads.read[0]]);
  });

  it('writes nothing when the run may not save', () => {
    expect(
      planRegistryMountRefs(repository, pip, facts, { read: ['refs/heads/main'], write: undefined }).write,
    ).toBe(undefined);
  });
});

function manifest(
  key: string | undefined,
  layerSizes: number[],
  mediaType = 'application/vnd.oci.image.manifest.v1+json',
) {
  return JSON.stringify({
    schemaVersion: 2,
    mediaType,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: 'sha256:00', size: 2 },
    layers: layerSizes.map((size) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd', size })),
    ...(key ? { annotations: { [CACHE_KEY_ANNOTATION]: key } } : {}),
  });
}

describe('parseCacheManifest', () => {
  const ref = '127.0.0.1:5000/app:depcache-x';
  const keys = keysFor('aaa');

  it('reads the key, the layers and their bytes, and pins the digest of the exact bytes', () => {
    const raw = manifest(keys.saveKey, [100, 20]);
    const digest = createHash('sha256').update(raw).digest('hex');
    expect(parseCacheManifest(ref, raw, keys)).toEqual({
      ref,
      pinned: `127.0.0.1:5000/app@sha256:${digest}`,
      key: keys.saveKey,
      layers: 2,
      bytes: 120,
    });
  });

  it('refuses what is not an entry of this mount: no key, another mount’s key, an index, not JSON', () => {
    const otherMount = mountCacheKeys(cacheMount({ target: '/root/.cache/uv' }), {
      os: 'linux',
      arch: 'X64',
      lockfileHash: 'aaa',
      runStamp: '1.1',
    });
    expect(parseCacheManifest(ref, manifest(undefined, [1]), keys)).toBeUndefined();
    expect(parseCacheManifest(ref, manifest(otherMount.saveKey, [1]), keys)).toBeUndefined();
    expect(
      parseCacheManifest(ref, manifest(keys.saveKey, [1], 'application/vnd.oci.image.index.v1+json'), keys),
    ).toBeUndefined();
    expect(parseCacheManifest(ref, 'not json', keys)).toBeUndefined();
    expect(parseCacheManifest(ref, 'null', keys)).toBeUndefined();
  });

  it('reads an entry whose layers are left out as one of no layers, and a layer without a size as 0 bytes', () => {
    const key = { annotations: { [CACHE_KEY_ANNOTATION]: keys.saveKey } };
    const mediaType = 'application/vnd.oci.image.manifest.v1+json';
    expect(parseCacheManifest(ref, JSON.stringify({ mediaType, ...key, layers: null }), keys)).toMatchObject({
      layers: 0,
      bytes: 0,
    });
    expect(
      parseCacheManifest(
        ref,
        JSON.stringify({ mediaType, ...key, layers: [{ size: 5 }, {}, { size: '7' }] }),
        keys,
      ),
    ).toMatchObject({ layers: 3, bytes: 5 });
  });
});

describe('chooseRegistryEntry and saveOver', () => {
  const keys = keysFor('new');
  const entry = (key: string, layers = 1): RegistryEntry => ({
    ref: `r:${key}`,
    pinned: `r@sha256:${'0'.repeat(64)}`,
    key,
    layers,
    bytes: 10,
  });
  const old = entry(keysFor('old').saveKey);
  const exactInBase = entry(keysFor('new', '3.1').saveKey);

  it('prefers an exact entry in any readable scope over an older one in its own', () => {
    expect(chooseRegistryEntry(keys, [old, exactInBase])).toEqual({ entry: exactInBase, status: 'exact' });
  });

  it('falls back to the first scope’s entry as partial, and misses when no scope has one', () => {
    expect(chooseRegistryEntry(keys, [undefined, old, undefined])).toEqual({
      entry: old,
      status: 'partial',
    });
    expect(chooseRegistryEntry(keys, [undefined, undefined])).toBeUndefined();
  });

  it('saves a delta over a partial hit only, and whole again once the chain is long', () => {
    expect(saveOver({ entry: old, status: 'partial' })).toBe(old);
    expect(saveOver({ entry: exactInBase, status: 'exact' })).toBeUndefined();
    expect(saveOver(undefined)).toBeUndefined();
    expect(saveOver({ entry: entry(old.key, MAX_ENTRY_LAYERS), status: 'partial' })).toBeUndefined();
  });
});

describe('registrySaveOutput and repositoryOf', () => {
  it('pushes zstd layers with the key as a manifest annotation', () => {
    expect(registrySaveOutput('127.0.0.1:5000/app:depcache-x', 'k_1')).toBe(
      `type=registry,name=127.0.0.1:5000/app:depcache-x,oci-mediatypes=true,compression=zstd,store=false,annotation.${CACHE_KEY_ANNOTATION}=k_1`,
    );
  });

  it('keeps a registry port', () => {
    expect(repositoryOf('127.0.0.1:5000/app:tag')).toBe('127.0.0.1:5000/app');
    expect(repositoryOf('ghcr.io/org/app:tag')).toBe('ghcr.io/org/app');
  });
});
