import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { checkRestoredMembers, restoreByteLimit } from '../../../src/cache/backends/entry-members.js';

describe('restoreByteLimit', () => {
  it('is 20 times the compressed size, within twice dependency-cache-max-size, with room for small files', () => {
    const MiB = 1024 * 1024;
    expect(restoreByteLimit(250 * 1024, 2e9)).toBe(20 * 250 * 1024 + 8 * MiB);
    expect(restoreByteLimit(1e9, 2e9)).toBe(4e9 + 8 * MiB);
    // The Actions cache does not say how big the archive was: dependency-cache-max-size alone.
    expect(restoreByteLimit(undefined, 1e9)).toBe(2e9 + 8 * MiB);
  });
});

describe('checkRestoredMembers', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dfb-members-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('empties the directory and refuses an entry that unpacked past the limit', async () => {
    writeFileSync(path.join(dir, 'cache.tar'), Buffer.alloc(3000));
    writeFileSync(path.join(dir, 'delta.tar'), Buffer.alloc(3000));
    await expect(checkRestoredMembers(dir, 5000)).rejects.toThrow(/unpacks to more than 5000 bytes/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps an entry within it', async () => {
    writeFileSync(path.join(dir, 'cache.tar'), Buffer.alloc(3000));
    await checkRestoredMembers(dir, 5000);
    expect(readdirSync(dir)).toEqual(['cache.tar']);
  });
});
