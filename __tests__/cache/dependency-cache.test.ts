import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as tarStream from 'tar-stream';

import type { ArchiveStore } from '../../src/cache/backends/types.js';
import { withTimeout } from '../../src/cache/backends/with-timeout.js';
import { archiveCacheStore } from '../../src/cache/archive-store.js';
import { DependencyCacheSession, type DependencyCacheEffects } from '../../src/cache/dependency-cache.js';
import { mountCacheKeys } from '../../src/cache/keys.js';
import type { DownloadsToDrop } from '../../src/cache/mount-dockerfiles.js';
import type { ExtractedArchive, MountTransfer } from '../../src/cache/mount-transfer.js';
import type { CacheMount } from '../../src/cache/mounts.js';
import type { DependencyCachePlan } from '../../src/cache/plan.js';
import { cacheMount } from './sample-mount.js';

const mount = cacheMount();
const facts = { os: 'linux', arch: 'x64', runStamp: '9.1' };
const keysFor = (lockfileHash: string) => mountCacheKeys(mount, { ...facts, lockfileHash });

/** The one pip mount, its entry directory under `root`. */
function pipPlan(lockfileHash: string, root: string): DependencyCachePlan {
  const planned = {
    mount,
    keys: keysFor(lockfileHash),
    dir: path.join(root, 'pip'),
    stepFingerprint: undefined,
  };
  return { enabled: true, mounts: [planned], skipped: [], unknownTargets: [] };
}

/** A session's effects over archives in `backend`, as setup.ts makes them. */
function archiveEffects(effects: {
  backend: ArchiveStore;
  transfer: MountTransfer;
  warn: (message: string) => void;
  info: (message: string) => void;
}): DependencyCacheEffects {
  const { backend, transfer, warn, info } = effects;
  return { store: archiveCacheStore(backend, transfer, info), transfer, warn, info };
}

/** A tar with one file, as the helper builds write it. */
async function tarWith(name: string): Promise<Buffer> {
  const pack = tarStream.pack();
  pack.entry({ name, size: 4 }, 'data');
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Entries in memory, as files by name; restore matches the key, then each prefix, newest first. */
function memoryBackend(entries: Map<string, Map<string, Buffer>>): ArchiveStore {
  return {
    name: 'local',
    stopsOnAbort: true,
    async restore(dir, primaryKey, restoreKeys) {
      const newestFirst = [...entries.keys()].reverse();
      const key =
        newestFirst.find((k) => k === primaryKey) ??
        restoreKeys.map((prefix) => newestFirst.find((k) => k.startsWith(prefix))).find(Boolean);
      if (!key) return undefined;
      for (const [name, content] of entries.get(key)!) writeFileSync(path.join(dir, name), content);
      return key;
    },
    async lookup(_dir, prefix) {
      return [...entries.keys()].reverse().find((k) => k.startsWith(prefix));
    },
    async save(dir, key) {
      entries.set(key, new Map(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name))])));
    },
  };
}

/** Records what each inject saw and which extract was asked for; `wholeOnly` is a helper image without GNU find. */
function fakeTransfer(
  options: {
    failInject?: boolean;
    wholeOnly?: boolean;
    held?: [string, string][];
    /** What the extract helper would report of the mount's downloads, e.g. '307200 dropped'. */
    downloadsReport?: string;
    /** How long each inject says it waited for its base image. */
    injectBaseSeconds?: number;
  } = {},
) {
  const calls = {
    downloads: [] as (DownloadsToDrop | undefined)[],
    injected: [] as string[][],
    extractedSinceInjection: [] as boolean[],
    holds: [] as (string | undefined)[],
    probes: 0,
  };
  const transfer: MountTransfer = {
    async probe() {
      calls.probes += 1;
      return new Map(options.held ?? []);
    },
    async inject(_mount, fromDir, holds) {
      calls.holds.push(holds);
      calls.injected.push(readdirSync(fromDir).sort());
      if (options.failInject) throw new Error('helper build failed');
      return { baseSeconds: options.injectBaseSeconds ?? 0 };
    },
    async extract(_mount, toDir, sinceInjection, holds, downloads): Promise<ExtractedArchive> {
      calls.extractedSinceInjection.push(sinceInjection);
      calls.downloads.push(downloads);
      calls.holds.push(holds);
      rmSync(toDir, { recursive: true, force: true });
      mkdirSync(toDir, { recursive: true });
      const delta = sinceInjection && !options.wholeOnly;
      writeFileSync(path.join(toDir, delta ? 'delta.tar' : 'cache.tar'), await tarWith('wheel.whl'));
      if (options.downloadsReport) writeFileSync(path.join(toDir, 'downloads'), options.downloadsReport);
      return delta ? 'delta' : 'full';
    },
  };
  return { transfer, calls };
}

describe('DependencyCacheSession with delta entries', () => {
  let root: string;
  let entries: Map<string, Map<string, Buffer>>;
  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'dfb-session-'));
    // One whole entry, saved by an earlier run from other lockfiles.
    entries = new Map([
      [`${keysFor('old').exactPrefix}1.1`, new Map([['cache.tar', await tarWith('old.whl')]])],
    ]);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function run(
    lockfileHash: string,
    transfer: MountTransfer,
    notWorthRestoring: ReadonlyMap<string, string> = new Map(),
    probe = false,
    covered: ReadonlySet<string> = new Set(),
    alwaysSave = false,
  ) {
    const keys = keysFor(lockfileHash);
    const plan: DependencyCachePlan = {
      enabled: true,
      mounts: [{ mount, keys, dir: path.join(root, 'pip'), stepFingerprint: undefined }],
      skipped: [],
      unknownTargets: [],
    };
    const warnings: string[] = [];
    const session = new DependencyCacheSession(
      plan,
      archiveEffects({
        backend: memoryBackend(entries),
        transfer,
        warn: (m) => warnings.push(m),
        info: () => undefined,
      }),
    );
    await session.restoreAndInject({
      coveredByLayerCache: covered,
      notWorthRestoring,
      alwaysSave,
      askBuilder: probe,
    });
    await session.extractAndSave(true, 1e9);
    const { mounts, seconds } = session.report();
    return { outcome: mounts[0]!, seconds, warnings, saved: entries.get(keys.saveKey) };
  }

  it("records the inject's wait for its base image, for the cost per MB the next run weighs", async () => {
    const { transfer } = fakeTransfer({ injectBaseSeconds: 9.9 });
    const { outcome, seconds } = await run('new', transfer);
    expect(outcome.status).toBe('partial');
    expect(seconds.injectBaseWait).toBe(9.9);
    // Nothing injected, nothing waited for.
    const missed = await run(
      'new',
      fakeTransfer({ injectBaseSeconds: 9.9 }).transfer,
      new Map([[mount.target, 'x']]),
    );
    expect(missed.seconds.injectBaseWait).toBeUndefined();
  });

  it('a partial hit on a whole entry saves a delta that names it', async () => {
    const { transfer, calls } = fakeTransfer();
    const { outcome, saved } = await run('new', transfer);
    expect(outcome.status).toBe('partial');
    expect(calls.extractedSinceInjection).toEqual([true]);
    expect([...saved!.keys()].sort()).toEqual(['delta.json', 'delta.tar']);
    expect(JSON.parse(saved!.get('delta.json')!.toString())).toEqual({
      base: `${keysFor('old').exactPrefix}1.1`,
    });
    expect(outcome.savedDeltaOf).toBe(`${keysFor('old').exactPrefix}1.1`);
  });

  it('an exact hit on that delta injects the whole entry and the delta together, and saves nothing', async () => {
    await run('new', fakeTransfer().transfer);
    const entriesBefore = entries.size;
    const { transfer, calls } = fakeTransfer();
    const { outcome } = await run('new', transfer);
    expect(outcome.status).toBe('exact');
    expect(outcome.restoredDeltaOf).toBe(`${keysFor('old').exactPrefix}1.1`);
    expect(calls.injected).toEqual([['cache.tar', 'delta.tar']]);
    expect(calls.extractedSinceInjection).toEqual([]);
    expect(outcome.savedKey).toBeUndefined();
    expect(entries.size).toBe(entriesBefore);
  });

  it('never a delta over a delta: a partial hit on a delta saves the whole mount', async () => {
    await run('new', fakeTransfer().transfer);
    const { transfer, calls } = fakeTransfer();
    const { outcome, saved } = await run('newer', transfer);
    expect(outcome.status).toBe('partial');
    expect(calls.injected).toEqual([['cache.tar', 'delta.tar']]);
    expect(calls.extractedSinceInjection).toEqual([false]);
    expect([...saved!.keys()]).toEqual(['cache.tar']);
    expect(outcome.savedDeltaOf).toBeUndefined();
  });

  it('a delta whose whole entry is gone: its files injected alone, partial, and saved whole', async () => {
    await run('new', fakeTransfer().transfer);
    entries.delete(`${keysFor('old').exactPrefix}1.1`);
    const { transfer, calls } = fakeTransfer();
    const { outcome, saved, warnings } = await run('new', transfer);
    expect(outcome.status).toBe('partial');
    expect(calls.injected).toEqual([['delta.tar']]);
    expect(calls.extractedSinceInjection).toEqual([false]);
    expect([...saved!.keys()]).toEqual(['cache.tar']);
    expect(warnings).toEqual([]);
  });

  it('an inject that fails is a miss, and the whole mount is saved', async () => {
    const { transfer, calls } = fakeTransfer({ failInject: true });
    const { outcome, saved, warnings } = await run('new', transfer);
    expect(outcome.status).toBe('miss');
    expect(calls.extractedSinceInjection).toEqual([false]);
    expect([...saved!.keys()]).toEqual(['cache.tar']);
    expect(warnings).toEqual([expect.stringContaining('could not be put into BuildKit')]);
  });

  it('a helper image that cannot tell what changed gives a whole entry, without a manifest', async () => {
    const { transfer, calls } = fakeTransfer({ wholeOnly: true });
    const { outcome, saved } = await run('new', transfer);
    expect(calls.extractedSinceInjection).toEqual([true]);
    expect([...saved!.keys()]).toEqual(['cache.tar']);
    expect(outcome.savedDeltaOf).toBeUndefined();
  });

  it('an entry holding a device, a setuid file or a dangling hard link is refused before it reaches BuildKit', async () => {
    for (const header of [
      { name: 'null', type: 'character-device' as const, devmajor: 1, devminor: 3 },
      { name: 'su', mode: 0o4755, size: 4 },
      { name: 'shadow', type: 'link' as const, linkname: '/etc/shadow' },
    ]) {
      const pack = tarStream.pack();
      pack.entry(header, header.size ? 'data' : '');
      pack.finalize();
      const chunks: Buffer[] = [];
      for await (const chunk of pack) chunks.push(chunk as Buffer);
      entries.set(
        `${keysFor('new').exactPrefix}${entries.size + 5}.1`,
        new Map([['cache.tar', Buffer.concat(chunks)]]),
      );
      const { transfer, calls } = fakeTransfer();
      const { outcome, warnings } = await run('new', transfer);
      expect(outcome.status).toBe('miss');
      expect(calls.injected).toEqual([]);
      expect(warnings).toEqual([expect.stringContaining('cache.tar was not written by this action')]);
    }
  });

  it('a malformed delta manifest is a restore failure: a warning and a miss', async () => {
    entries.set(`${keysFor('new').exactPrefix}2.1`, new Map([['delta.json', Buffer.from('{"base": 1}')]]));
    const { transfer, calls } = fakeTransfer();
    const { outcome, warnings } = await run('new', transfer);
    expect(outcome.status).toBe('miss');
    expect(calls.injected).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining('could not be restored')]);
  });

  const notWorthIt = 'restoring its 300 MB takes about 4.5 s, more than the 2.0 s its steps took without it';

  it('a restore not worth its cost is skipped as a miss, and what the build downloaded is saved whole', async () => {
    const { transfer, calls } = fakeTransfer();
    const { outcome, saved, warnings } = await run('new', transfer, new Map([[mount.target, notWorthIt]]));
    expect(outcome.status).toBe('miss');
    expect(outcome.restoreNotWorthIt).toBe(notWorthIt);
    expect(outcome.matchedKey).toBeUndefined();
    expect(outcome.keptEntry).toBeUndefined();
    expect(calls.injected).toEqual([]);
    expect(calls.extractedSinceInjection).toEqual([false]);
    expect([...saved!.keys()]).toEqual(['cache.tar']);
    expect(warnings).toEqual([]);
  });

  it('a restore not worth its cost, with an entry for these lockfiles kept: neither extracted nor saved again', async () => {
    const { transfer, calls } = fakeTransfer();
    const entriesBefore = [...entries.keys()];
    const { outcome, warnings } = await run('old', transfer, new Map([[mount.target, notWorthIt]]));
    expect(outcome.status).toBe('miss');
    expect(outcome.keptEntry).toBe(`${keysFor('old').exactPrefix}1.1`);
    expect(outcome.savedKey).toBeUndefined();
    expect(calls.extractedSinceInjection).toEqual([]);
    expect([...entries.keys()]).toEqual(entriesBefore);
    expect(warnings).toEqual([]);
  });

  it('restore-cache: false saves the mount even when an entry for these lockfiles is kept', async () => {
    const reason = new Map([[mount.target, 'restore-cache is false']]);
    const { outcome, saved } = await run('old', fakeTransfer().transfer, reason, false, new Set(), true);
    expect(outcome.keptEntry).toBeUndefined();
    expect(outcome.savedKey).toBe(keysFor('old').saveKey);
    expect([...saved!.keys()]).toEqual(['cache.tar']);
  });

  it('marks the mount as holding the entry after an exact inject and after every extract', async () => {
    await run('new', fakeTransfer().transfer);
    const { transfer, calls } = fakeTransfer();
    await run('new', transfer);
    expect(calls.holds).toEqual([keysFor('new').exactPrefix]);
    const partial = fakeTransfer();
    await run('newer', partial.transfer);
    // A partial inject holds less than the lockfiles need; the extract after the build holds it all.
    expect(partial.calls.holds).toEqual([undefined, keysFor('newer').exactPrefix]);
  });

  it('a builder that still holds the entry for these lockfiles: nothing restored, injected or saved', async () => {
    const { transfer, calls } = fakeTransfer({ held: [[mount.target, keysFor('old').exactPrefix]] });
    const { outcome } = await run('old', transfer, new Map(), true);
    expect(outcome.status).toBe('exact');
    expect(outcome.heldByBuilder).toBe(true);
    expect(outcome.matchedKey).toBeUndefined();
    expect(calls.injected).toEqual([]);
    expect(calls.extractedSinceInjection).toEqual([]);
  });

  it('asks the builder beside the download, and a held mount gets nothing injected from what was downloaded', async () => {
    const backend = memoryBackend(entries);
    let downloaded: () => void = () => undefined;
    const downloadDone = new Promise<void>((resolve) => (downloaded = resolve));
    const restore = backend.restore.bind(backend);
    backend.restore = async (...args) => {
      const key = await restore(...args);
      downloaded();
      return key;
    };
    const { transfer, calls } = fakeTransfer({ held: [[mount.target, keysFor('old').exactPrefix]] });
    const probe = transfer.probe.bind(transfer);
    // Answers only once the download is done: a download that waited for the answer fails the probe.
    transfer.probe = async (mounts) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('the download waited for the probe')), 2000);
      });
      await Promise.race([downloadDone, late]).finally(() => clearTimeout(timer));
      return probe(mounts);
    };
    const infos: string[] = [];
    const session = new DependencyCacheSession(
      pipPlan('old', root),
      archiveEffects({ backend, transfer, warn: () => undefined, info: (m) => infos.push(m) }),
    );
    await session.restoreAndInject({ askBuilder: true });
    const [outcome] = session.report().mounts;
    expect(outcome!.heldByBuilder).toBe(true);
    expect(outcome!.status).toBe('exact');
    expect(outcome!.restoredBytes).toBe(0);
    expect(calls.injected).toEqual([]);
    expect(infos).toContain(
      `Dependency cache for ${mount.target} not restored: the builder still holds it for these lockfiles.`,
    );
  });

  it('the builder is not asked about a mount the layer cache covers, and with none left the probe does not run', async () => {
    const { transfer, calls } = fakeTransfer({ held: [[mount.target, keysFor('old').exactPrefix]] });
    const { outcome } = await run('old', transfer, new Map(), true, new Set([mount.target]));
    expect(calls.probes).toBe(0);
    expect(outcome.status).toBe('exact');
    expect(outcome.restoreSkipped).toBe(true);
    expect(outcome.heldByBuilder).toBeUndefined();
    const notCovered = fakeTransfer();
    await run('old', notCovered.transfer, new Map(), true);
    expect(notCovered.calls.probes).toBe(1);
  });

  it('a mount with no entry stored at all is not asked about: nothing to restore, so nothing for the builder to spare', async () => {
    entries.clear();
    const { transfer, calls } = fakeTransfer({ held: [[mount.target, keysFor('new').exactPrefix]] });
    const { outcome, saved } = await run('new', transfer, new Map(), true);
    expect(calls.probes).toBe(0);
    expect(outcome.heldByBuilder).toBeUndefined();
    expect(outcome.status).toBe('miss');
    // Built without a restore, the mount is saved, so that a fresh runner finds it.
    expect(saved).toBeDefined();
  });

  it('a failed lookup still asks the builder', async () => {
    const { transfer, calls } = fakeTransfer({ held: [[mount.target, keysFor('new').exactPrefix]] });
    const failingLookup = memoryBackend(entries);
    failingLookup.lookup = async () => {
      throw new Error('cache service down');
    };
    const plan = pipPlan('new', root);
    const session = new DependencyCacheSession(
      plan,
      archiveEffects({
        backend: failingLookup,
        transfer,
        warn: () => undefined,
        info: () => undefined,
      }),
    );
    await session.restoreAndInject({ askBuilder: true });
    expect(calls.probes).toBe(1);
    expect(session.report().mounts[0]!.heldByBuilder).toBe(true);
  });

  it('a builder holding the entry of other lockfiles still gets a restore', async () => {
    const { transfer, calls } = fakeTransfer({ held: [[mount.target, keysFor('other').exactPrefix]] });
    const { outcome } = await run('new', transfer, new Map(), true);
    expect(outcome.heldByBuilder).toBeUndefined();
    expect(outcome.status).toBe('partial');
    expect(calls.injected).toHaveLength(1);
  });

  describe('extract while the build finishes', () => {
    const pipRun = (n: number) =>
      `[stage-0 ${n}/5] RUN --mount=type=cache,target=/root/.cache/pip pip install -r r${n}.txt`;

    const step = (name: string, seconds = 1) => ({ name, cached: false, seconds });

    function session(runSteps: number, transfer: MountTransfer) {
      const plan: DependencyCachePlan = {
        enabled: true,
        mounts: [
          {
            mount: { ...mount, runSteps },
            keys: keysFor('new'),
            dir: path.join(root, 'pip'),
            stepFingerprint: undefined,
          },
        ],
        skipped: [],
        unknownTargets: [],
      };
      return new DependencyCacheSession(
        plan,
        archiveEffects({
          backend: memoryBackend(entries),
          transfer,
          warn: () => undefined,
          info: () => undefined,
        }),
      );
    }

    it('starts once every RUN step using the mount has finished, and the save uses that extract', async () => {
      const { transfer, calls } = fakeTransfer();
      const caches = session(2, transfer);
      await caches.restoreAndInject();
      caches.stepFinished(step('[stage-0 2/5] COPY requirements.txt .'));
      caches.stepFinished(step(pipRun(3)));
      expect(calls.extractedSinceInjection).toEqual([]);
      caches.stepFinished(step(pipRun(4)));
      expect(calls.extractedSinceInjection).toEqual([true]);
      caches.stepFinished(step(pipRun(4)));
      await caches.extractAndSave(true, 1e9);
      expect(calls.extractedSinceInjection).toEqual([true]);
      expect(caches.report().mounts[0]!.savedKey).toBe(keysFor('new').saveKey);
    });

    it('extracts after the build when not every step using the mount ran', async () => {
      const { transfer, calls } = fakeTransfer();
      const caches = session(2, transfer);
      await caches.restoreAndInject();
      caches.stepFinished(step(pipRun(3)));
      await caches.extractAndSave(true, 1e9);
      expect(calls.extractedSinceInjection).toEqual([true]);
    });

    it('saves nothing of an early extract when the build fails afterwards', async () => {
      const { transfer, calls } = fakeTransfer();
      const caches = session(1, transfer);
      await caches.restoreAndInject();
      caches.stepFinished(step(pipRun(3)));
      const before = entries.size;
      await caches.extractAndSave(false, 1e9);
      expect(calls.extractedSinceInjection).toEqual([true]);
      expect(entries.size).toBe(before);
      expect(caches.report().mounts[0]!.savedKey).toBeUndefined();
    });

    /** Resolves once the entries hold more than `before`, or rejects after a second. */
    async function entriesGrow(before: number): Promise<void> {
      for (let i = 0; i < 200 && entries.size === before; i++)
        await new Promise((resolve) => setTimeout(resolve, 5));
      if (entries.size === before) throw new Error('nothing was saved');
    }

    /** A session that saves early, whose one RUN step using the mount has just finished. */
    async function pipStepDoneWithEarlySaves() {
      const caches = session(1, fakeTransfer().transfer);
      caches.saveEarly(1e9);
      await caches.restoreAndInject();
      const before = entries.size;
      caches.stepFinished(step(pipRun(3)));
      return { caches, before };
    }

    it('with saveEarly, saves the early extract when the build exports, before the build ends', async () => {
      const { caches, before } = await pipStepDoneWithEarlySaves();
      // Extracted, but not saved while a later step could still fail.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(entries.size).toBe(before);
      caches.buildExporting();
      await entriesGrow(before);
      expect(entries.has(keysFor('new').saveKey)).toBe(true);
      await caches.extractAndSave(true, 1e9);
      expect(entries.size).toBe(before + 1);
      expect(caches.report().mounts[0]!.savedKey).toBe(keysFor('new').saveKey);
    });

    it('with saveEarly, saves nothing when the build fails before its export', async () => {
      const { caches, before } = await pipStepDoneWithEarlySaves();
      await caches.extractAndSave(false, 1e9);
      expect(entries.size).toBe(before);
      expect(caches.report().mounts[0]!.savedKey).toBeUndefined();
    });

    it('with saveEarly, a save that began at the export is finished when the push then fails', async () => {
      const { caches, before } = await pipStepDoneWithEarlySaves();
      caches.buildExporting();
      await caches.extractAndSave(false, 1e9);
      // Every step had succeeded: what the mount holds is whole, and it is not left half saved.
      expect(entries.size).toBe(before + 1);
      expect(caches.report().mounts[0]!.savedKey).toBe(keysFor('new').saveKey);
    });
  });
});

describe('DependencyCacheSession when a restore is abandoned after dependency-cache-timeout', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(path.join(tmpdir(), 'dfb-session-abandoned-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A restore that answers only after the timeout, then unpacks into its directory, as @actions/cache would. */
  function lateBackend(stopsOnAbort: boolean, saved: string[]): ArchiveStore {
    return {
      name: stopsOnAbort ? 'local' : 'gha',
      stopsOnAbort,
      async restore(dir, primaryKey) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        writeFileSync(path.join(dir, 'cache.tar'), 'from the abandoned restore');
        return primaryKey;
      },
      async lookup() {
        return undefined;
      },
      async save(_dir, key) {
        saved.push(key);
      },
    };
  }

  async function run(stopsOnAbort: boolean) {
    const saved: string[] = [];
    const warnings: string[] = [];
    const plan = pipPlan('abc', root);
    const session = new DependencyCacheSession(
      plan,
      archiveEffects({
        backend: withTimeout(lateBackend(stopsOnAbort, saved), 0.02, 10),
        transfer: fakeTransfer().transfer,
        warn: (m) => warnings.push(m),
        info: () => undefined,
      }),
    );
    await session.restoreAndInject();
    await session.extractAndSave(true, 1e9);
    return { saved, warnings, outcome: session.report().mounts[0]! };
  }

  it('saves nothing of a mount whose restore may still be writing (gha cannot stop it)', async () => {
    const { saved, warnings, outcome } = await run(false);
    expect(outcome.status).toBe('miss');
    expect(saved).toEqual([]);
    expect(warnings).toEqual([
      expect.stringMatching(
        /timed out after 0\.02 s \(dependency-cache-timeout\)\. The abandoned restore may still write/,
      ),
    ]);
  });

  it('saves the mount as usual when the abandoned restore was stopped (local)', async () => {
    const { saved, outcome } = await run(true);
    expect(outcome.status).toBe('miss');
    expect(saved).toEqual([keysFor('abc').saveKey]);
  });
});

describe('DependencyCacheSession weighing downloads', () => {
  let root: string;
  let entries: Map<string, Map<string, Buffer>>;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'dfb-session-downloads-'));
    entries = new Map();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const pipStep = {
    name: '[stage-0 3/5] RUN --mount=type=cache,target=/root/.cache/pip pip install -r r.txt',
    cached: false,
    seconds: 5,
  };

  async function run(
    transfer: MountTransfer,
    policy?: Parameters<DependencyCacheSession['useDownloadPolicy']>,
    notWorthRestoring: ReadonlyMap<string, string> = new Map(),
    mountOverrides: Partial<CacheMount> = {},
  ) {
    const infos: string[] = [];
    const plan: DependencyCachePlan = {
      enabled: true,
      mounts: [
        {
          mount: { ...mount, runSteps: 1, ...mountOverrides },
          keys: keysFor('abc'),
          dir: path.join(root, 'pip'),
          stepFingerprint: undefined,
        },
      ],
      skipped: [],
      unknownTargets: [],
    };
    const session = new DependencyCacheSession(
      plan,
      archiveEffects({
        backend: memoryBackend(entries),
        transfer,
        warn: () => undefined,
        info: (m) => infos.push(m),
      }),
    );
    if (policy) session.useDownloadPolicy(...policy);
    await session.restoreAndInject({ notWorthRestoring });
    session.stepFinished(pipStep);
    await session.extractAndSave(true, 1e9);
    return { outcome: session.report().mounts[0]!, infos, saved: entries.get(keysFor('abc').saveKey) };
  }

  it("asks the extract to weigh pip's downloads against what carrying them costs", async () => {
    const { transfer, calls } = fakeTransfer({ downloadsReport: '300000 dropped\n' });
    const { outcome, infos, saved } = await run(transfer, ['auto', 0.03]);
    expect(calls.downloads).toEqual([
      { keep: 'made', paths: ['http', 'http-v2'], stepMilliseconds: 5000, dropAboveKBps: 33333 },
    ]);
    expect(outcome.downloads).toMatchObject({ bytes: 300000 * 1024, dropped: true });
    expect(infos).toContainEqual(
      expect.stringMatching(
        /came at 61 MB\/s or faster, more than the 33 MB\/s .* only what the build made is saved/,
      ),
    );
    // The report file is the helper's note to the host, never part of an entry.
    expect([...saved!.keys()]).toEqual(['cache.tar']);
  });

  it('leaves out every download of a mount whose restore this run skipped as not paying', async () => {
    const { transfer, calls } = fakeTransfer({ downloadsReport: '20480 dropped\n' });
    const notWorthIt = new Map([[mount.target, 'restoring its 300 MB takes about 7.5 s, more than …']]);
    const { outcome, infos } = await run(transfer, ['auto', undefined], notWorthIt);
    expect(calls.downloads).toEqual([
      { keep: 'made', paths: ['http', 'http-v2'], stepMilliseconds: 1, dropAboveKBps: 0 },
    ]);
    expect(outcome.downloads).toMatchObject({ bytes: 20480 * 1024, dropped: true });
    expect(infos).toContainEqual(expect.stringMatching(/not saved, as restoring it did not pay/));
    // With restore-cache: false the skip is the user's choice, not a verdict on the downloads.
    entries.clear();
    const forced = fakeTransfer({ downloadsReport: '20480 kept\n' });
    await run(forced.transfer, ['false', undefined], new Map([[mount.target, 'restore-cache is false']]));
    expect(forced.calls.downloads[0]).toMatchObject({ keep: 'made', stepMilliseconds: 5000 });
  });

  it('saves nothing of an apt cache whose restore did not pay: it holds nothing but downloads', async () => {
    const apt = { target: '/var/cache/apt', kind: 'apt' as const };
    const notWorthIt = new Map([[apt.target, 'restoring it … takes about 4.2 s, more than …']]);
    const { transfer, calls } = fakeTransfer();
    const { outcome, infos, saved } = await run(transfer, ['auto', undefined], notWorthIt, apt);
    expect(outcome.saveNotWorthIt).toBe('all it holds is downloads, and restoring them does not pay');
    expect(outcome.savedKey).toBeUndefined();
    expect(calls.extractedSinceInjection).toEqual([]);
    expect(saved).toBeUndefined();
    expect(infos).toContainEqual(
      'Dependency cache for /var/cache/apt will not be saved: all it holds is downloads, and restoring them does not pay.',
    );
    // restore-cache: false is the user's choice: what the build downloads is saved as before.
    const forced = fakeTransfer();
    const kept = await run(
      forced.transfer,
      ['false', undefined],
      new Map([[apt.target, 'restore-cache is false']]),
      apt,
    );
    expect(kept.outcome.saveNotWorthIt).toBeUndefined();
    expect(forced.calls.extractedSinceInjection).toEqual([false]);
  });

  it('says so when the downloads came slowly and are kept', async () => {
    const { transfer } = fakeTransfer({ downloadsReport: '20480 kept\n' });
    const { outcome } = await run(transfer, ['auto', undefined]);
    expect(outcome.downloads).toMatchObject({ bytes: 20480 * 1024, dropped: false });
    expect(outcome.downloads!.reason).toMatch(/they are saved/);
  });

  it('keeps every mount whole with restore-cache: true, and when no policy is set', async () => {
    for (const policy of [['true', undefined] as const, undefined]) {
      const { transfer, calls } = fakeTransfer();
      const { outcome } = await run(
        transfer,
        policy as Parameters<DependencyCacheSession['useDownloadPolicy']> | undefined,
      );
      expect(calls.downloads).toEqual([undefined]);
      expect(outcome.downloads).toBeUndefined();
    }
  });
});

describe('DependencyCacheSession beside the builder start', () => {
  let root: string;
  let entries: Map<string, Map<string, Buffer>>;
  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'dfb-session-overlap-'));
    entries = new Map([[`${keysFor('a').exactPrefix}1.1`, new Map([['cache.tar', await tarWith('a.whl')]])]]);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function session(transfer: MountTransfer, restored: string[], warnings: string[]) {
    const backend = memoryBackend(entries);
    const plan = pipPlan('a', root);
    return new DependencyCacheSession(
      plan,
      archiveEffects({
        backend: {
          ...backend,
          restore: async (...args) => {
            restored.push(args[1]);
            return backend.restore(...args);
          },
        },
        transfer,
        warn: (m) => warnings.push(m),
        info: () => undefined,
      }),
    );
  }

  it('downloads before the builder is up, and injects only once it is', async () => {
    const { transfer, calls } = fakeTransfer();
    const restored: string[] = [];
    let builderUp!: () => void;
    const builderReady = new Promise<void>((resolve) => (builderUp = resolve));
    const done = session(transfer, restored, []).restoreAndInject({ builderReady });
    for (let i = 0; i < 50 && restored.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    expect(restored).toHaveLength(1);
    expect(calls.injected).toEqual([]);
    builderUp();
    await done;
    expect(calls.injected).toEqual([['cache.tar']]);
  });

  it('injects every restored mount at once, and one failed inject leaves the other', async () => {
    const apt = cacheMount({ target: '/var/cache/apt', kind: 'apt', sharing: 'locked' });
    const aptKeys = mountCacheKeys(apt, { ...facts, lockfileHash: 'a' });
    entries.set(`${aptKeys.exactPrefix}1.1`, new Map([['cache.tar', await tarWith('a.deb')]]));
    const backend = memoryBackend(entries);
    const started: string[] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const warnings: string[] = [];
    const caches = new DependencyCacheSession(
      {
        enabled: true,
        mounts: [
          { mount, keys: keysFor('a'), dir: path.join(root, 'pip'), stepFingerprint: undefined },
          { mount: apt, keys: aptKeys, dir: path.join(root, 'apt'), stepFingerprint: undefined },
        ],
        skipped: [],
        unknownTargets: [],
      },
      archiveEffects({
        backend,
        transfer: {
          ...fakeTransfer().transfer,
          async inject(injected) {
            started.push(injected.target);
            // The pip inject waits for the apt one to start: a serial loop would never get there.
            if (injected.target === mount.target) await firstHeld;
            else {
              releaseFirst();
              throw new Error('helper build failed');
            }
            return { baseSeconds: 0 };
          },
        },
        warn: (m) => warnings.push(m),
        info: () => undefined,
      }),
    );
    await caches.restoreAndInject();
    expect(started.sort()).toEqual(['/root/.cache/pip', '/var/cache/apt']);
    const statuses = caches.report().mounts.map((outcome) => outcome.status);
    expect(statuses).toEqual(['exact', 'miss']);
    expect(warnings).toEqual([
      expect.stringContaining('/var/cache/apt was restored but could not be put into BuildKit'),
    ]);
  });

  it('puts nothing into a builder that did not start, and warns of nothing: the build fails on it next', async () => {
    const { transfer, calls } = fakeTransfer();
    const warnings: string[] = [];
    const caches = session(transfer, [], warnings);
    await caches.restoreAndInject({ builderReady: Promise.reject(new Error('no builder')) });
    expect(calls.injected).toEqual([]);
    expect(warnings).toEqual([]);
    expect(caches.report().mounts[0]!.status).toBe('miss');
  });
});
