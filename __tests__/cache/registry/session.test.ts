import { DependencyCacheSession } from '../../../src/cache/dependency-cache.js';
import { mountCacheKeys, type MountCacheKeys } from '../../../src/cache/keys.js';
import type { MountTransfer } from '../../../src/cache/mount-transfer.js';
import type { DependencyCachePlan } from '../../../src/cache/plan.js';
import type { RegistryMountStore } from '../../../src/cache/registry/mount-store.js';
import { registryCacheStore } from '../../../src/cache/registry/registry-store.js';
import type { RegistryEntry, RegistryMountRefs } from '../../../src/cache/registry/refs.js';
import { cacheMount } from '../sample-mount.js';

const mount = cacheMount();
const keysFor = (lockfileHash: string, runStamp = '9.1') =>
  mountCacheKeys(mount, { os: 'linux', arch: 'x64', lockfileHash, runStamp });

/** Tags in memory: a save moves the tag to an image one layer over what it was pushed over. */
function memoryRegistry(options: { failLookup?: boolean; failSave?: boolean; failInject?: boolean } = {}) {
  const tags = new Map<string, RegistryEntry>();
  const calls = { injected: [] as [string, string | undefined][], savedOver: [] as (string | undefined)[] };
  const store: RegistryMountStore = {
    name: 'registry',
    async lookup(refs) {
      if (options.failLookup) throw new Error('could not read r: connection refused');
      return refs.map((ref) => tags.get(ref));
    },
    async inject(_mount, entry, holds) {
      calls.injected.push([entry.key, holds]);
      if (options.failInject) throw new Error('inject of cache mount /root/.cache/pip failed: denied');
      return { baseSeconds: 0 };
    },
    async save(_mount, ref, keys, over) {
      if (options.failSave) throw new Error('save of cache mount /root/.cache/pip failed: EOF');
      calls.savedOver.push(over?.key);
      const entry: RegistryEntry = {
        ref,
        pinned: `r@sha256:${String(tags.size).padStart(64, '0')}`,
        key: keys.saveKey,
        layers: (over?.layers ?? 0) + 1,
        bytes: (over?.bytes ?? 0) + 1000,
      };
      tags.set(ref, entry);
      return entry;
    },
  };
  return { store, tags, calls };
}

const transfer: MountTransfer = {
  probe: async () => new Map(),
  inject: async () => ({ baseSeconds: 0 }),
  extract: async () => 'full',
};

function session(
  keys: MountCacheKeys,
  store: RegistryMountStore,
  refs: RegistryMountRefs,
  warnings: string[] = [],
) {
  const plan: DependencyCachePlan = {
    enabled: true,
    mounts: [{ mount, keys, dir: '/unused', stepFingerprint: undefined }],
    skipped: [],
    unknownTargets: [],
  };
  return new DependencyCacheSession(plan, {
    store: registryCacheStore(store, new Map([['/root/.cache/pip', refs]]), () => undefined),
    transfer,
    warn: (message) => warnings.push(message),
    info: () => undefined,
  });
}

const mainRefs = { read: ['app:main'], write: 'app:main' };

describe('DependencyCacheSession with dependency-cache-backend: registry', () => {
  it('a miss pushes the whole mount; the same lockfiles then hit exactly and push nothing', async () => {
    const { store, tags, calls } = memoryRegistry();
    const cold = session(keysFor('a', '1.1'), store, mainRefs);
    await cold.restoreAndInject();
    await cold.extractAndSave(true, 1);
    expect(cold.report().mounts[0]).toMatchObject({
      status: 'miss',
      savedKey: keysFor('a', '1.1').saveKey,
      savedBytes: 1000,
    });
    expect(calls.savedOver).toEqual([undefined]);

    const warm = session(keysFor('a', '2.1'), store, mainRefs);
    await warm.restoreAndInject();
    await warm.extractAndSave(true, 1);
    expect(warm.report().mounts[0]).toMatchObject({
      status: 'exact',
      matchedKey: keysFor('a', '1.1').saveKey,
      restoredBytes: 1000,
    });
    expect(calls.injected).toEqual([[keysFor('a', '1.1').saveKey, keysFor('a', '2.1').exactPrefix]]);
    expect(calls.savedOver).toEqual([undefined]);
    expect(tags.get('app:main')?.key).toBe(keysFor('a', '1.1').saveKey);
  });

  it('after a partial hit pushes only what the build added, over the image it restored', async () => {
    const { store, tags, calls } = memoryRegistry();
    const cold = session(keysFor('a', '1.1'), store, mainRefs);
    await cold.restoreAndInject();
    await cold.extractAndSave(true, 1);

    const changed = session(keysFor('b', '2.1'), store, mainRefs);
    await changed.restoreAndInject();
    await changed.extractAndSave(true, 1);
    expect(changed.report().mounts[0]).toMatchObject({
      status: 'partial',
      savedDeltaOf: keysFor('a', '1.1').saveKey,
      savedBytes: 1000,
    });
    expect(calls.savedOver).toEqual([undefined, keysFor('a', '1.1').saveKey]);
    expect(tags.get('app:main')?.layers).toBe(2);
  });

  it('reads another scope but writes only its own', async () => {
    const { store, tags } = memoryRegistry();
    const main = session(keysFor('a', '1.1'), store, mainRefs);
    await main.restoreAndInject();
    await main.extractAndSave(true, 1);
    const pr = session(keysFor('a', '2.1'), store, { read: ['app:pr-1', 'app:main'], write: 'app:pr-1' });
    await pr.restoreAndInject();
    expect(pr.report().mounts[0]?.status).toBe('exact');
    const readOnly = session(keysFor('c', '3.1'), store, { read: ['app:main'], write: undefined });
    await readOnly.restoreAndInject();
    await readOnly.extractAndSave(true, 1);
    expect(readOnly.report().mounts[0]?.savedKey).toBeUndefined();
    expect([...tags.keys()]).toEqual(['app:main']);
  });

  it('a registry that cannot be read or written is a warning each, and never a failure', async () => {
    const warnings: string[] = [];
    const { store } = memoryRegistry({ failLookup: true, failSave: true });
    const run = session(keysFor('a'), store, mainRefs, warnings);
    await run.restoreAndInject();
    await run.extractAndSave(true, 1);
    expect(run.report().mounts[0]).toMatchObject({ status: 'miss', savedKey: undefined });
    expect(warnings).toEqual([
      'Dependency cache for /root/.cache/pip could not be restored; building without it: could not read r: connection refused',
      'Dependency cache for /root/.cache/pip could not be saved; the next build may be slower: save of cache mount /root/.cache/pip failed: EOF',
    ]);
  });

  it('pushes nothing while the build runs: a save waits for the build to have succeeded', async () => {
    const { store, calls } = memoryRegistry();
    const run = session(keysFor('a'), store, mainRefs);
    await run.restoreAndInject();
    run.saveEarly(1e9);
    run.stepFinished({
      name: '[stage-0 3/5] RUN --mount=type=cache,target=/root/.cache/pip pip install -r r.txt',
      cached: false,
      seconds: 5,
    });
    run.buildExporting();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls.savedOver).toEqual([]);
    await run.extractAndSave(true, 1);
    expect(calls.savedOver).toEqual([undefined]);
  });

  it('an image BuildKit could not take is a warning naming its tag, and the mount is pushed whole', async () => {
    const { store, calls } = memoryRegistry();
    const cold = session(keysFor('a', '1.1'), store, mainRefs);
    await cold.restoreAndInject();
    await cold.extractAndSave(true, 1);
    const warnings: string[] = [];
    const refused = session(
      keysFor('b', '2.1'),
      { ...store, ...memoryRegistry({ failInject: true }).store, lookup: store.lookup, save: store.save },
      mainRefs,
      warnings,
    );
    await refused.restoreAndInject();
    await refused.extractAndSave(true, 1);
    expect(warnings).toEqual([
      'Dependency cache for /root/.cache/pip was restored but could not be put into BuildKit: from app:main: inject of cache mount /root/.cache/pip failed: denied',
    ]);
    expect(refused.report().mounts[0]).toMatchObject({
      status: 'miss',
      savedKey: keysFor('b', '2.1').saveKey,
    });
    // Not over the image it could not take.
    expect(calls.savedOver).toEqual([undefined, undefined]);
  });

  it('saves nothing after a failed build', async () => {
    const { store, tags } = memoryRegistry();
    const run = session(keysFor('a'), store, mainRefs);
    await run.restoreAndInject();
    await run.extractAndSave(false, 1);
    expect(tags.size).toBe(0);
  });
});
