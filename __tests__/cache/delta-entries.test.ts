import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { ArchiveStore } from '../../src/cache/backends/types.js';
import { deltaBaseOf, restoreDeltaBase, writeDeltaManifest } from '../../src/cache/delta-entries.js';

/** Entries as files by key; restore matches the key exactly, then by prefix, like the Actions cache. */
function backendWith(entries: Record<string, Record<string, string>>): ArchiveStore {
  return {
    name: 'local',
    stopsOnAbort: true,
    async restore(dir, primaryKey) {
      const key =
        Object.keys(entries).find((k) => k === primaryKey) ??
        Object.keys(entries).find((k) => k.startsWith(primaryKey));
      if (!key) return undefined;
      for (const [name, content] of Object.entries(entries[key]!))
        writeFileSync(path.join(dir, name), content);
      return key;
    },
    async lookup() {
      throw new Error('not used');
    },
    async save() {
      throw new Error('not used');
    },
  };
}

describe('delta entries', () => {
  let root: string;
  let dir: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'dfb-delta-'));
    dir = path.join(root, 'root-.cache-pip-1234abcd');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function restoredDelta(): void {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'delta.tar'), 'new files');
  }

  it('reads back the base key a delta was written over; a whole entry has none', async () => {
    restoredDelta();
    expect(await deltaBaseOf(dir)).toBeUndefined();
    await writeDeltaManifest(dir, 'docker-fast-build-v1-linux-x64-pip-abc-41.1');
    expect(await deltaBaseOf(dir)).toBe('docker-fast-build-v1-linux-x64-pip-abc-41.1');
  });

  it.each([
    ['not JSON', 'base: x'],
    ['no base', '{}'],
    ['a base that is no key', '{"base":"a,b c"}'],
    ['a base that is not a string', '{"base":7}'],
  ])('refuses a manifest with %s', async (_what, text) => {
    restoredDelta();
    writeFileSync(path.join(dir, 'delta.json'), text);
    await expect(deltaBaseOf(dir)).rejects.toThrow();
  });

  it('restores the base into the same directory and keeps the delta beside it', async () => {
    restoredDelta();
    writeFileSync(path.join(dir, 'delta.json'), '{"base":"base-key"}');
    const found = await restoreDeltaBase(
      backendWith({ 'base-key': { 'cache.tar': 'all files' } }),
      dir,
      'base-key',
    );
    expect(found).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['cache.tar', 'delta.tar']);
    expect(readFileSync(path.join(dir, 'cache.tar'), 'utf8')).toBe('all files');
    expect(readFileSync(path.join(dir, 'delta.tar'), 'utf8')).toBe('new files');
    expect(existsSync(`${dir}.delta`)).toBe(false);
  });

  it.each([
    ['gone', {}],
    ['only a longer key matches by prefix', { 'base-key7': { 'cache.tar': 'other files' } }],
  ])('when the base is %s: false, and the delta alone in the directory', async (_what, entries) => {
    restoredDelta();
    const found = await restoreDeltaBase(backendWith(entries), dir, 'base-key');
    expect(found).toBe(false);
    expect(readdirSync(dir)).toEqual(['delta.tar']);
    expect(existsSync(`${dir}.delta`)).toBe(false);
  });

  it('a failing restore of the base throws and leaves no directory aside', async () => {
    restoredDelta();
    const failing: ArchiveStore = {
      ...backendWith({}),
      restore: () => Promise.reject(new Error('service down')),
    };
    await expect(restoreDeltaBase(failing, dir, 'base-key')).rejects.toThrow('service down');
    expect(existsSync(`${dir}.delta`)).toBe(false);
  });
});
