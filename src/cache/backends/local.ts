import { execFile } from 'node:child_process';
import { mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import type { DependencyCacheBackend } from './types.js';

const run = promisify(execFile);

/** Like the Actions cache: an entry nobody restored or saved for a week goes. */
const UNUSED_ENTRY_MS = 7 * 24 * 3600 * 1000;

/**
 * Archives in a directory on a persistent (self-hosted) runner. An entry appears by rename only
 * when complete, so a killed run never leaves half an archive under a real key.
 */
export function createLocalBackend(cacheDir: string): DependencyCacheBackend {
  const entriesDir = path.join(cacheDir, 'dependency-caches');
  let compression: Promise<Compression> | undefined;
  const compressor = () => (compression ??= detectCompression());

  async function entries(): Promise<{ key: string; file: string; mtimeMs: number }[]> {
    let names: string[];
    try {
      names = await readdir(entriesDir);
    } catch {
      return [];
    }
    const found = [];
    for (const name of names) {
      const match = /^(.+)\.tar\.(zst|gz)$/.exec(name);
      if (!match?.[1]) continue;
      const file = path.join(entriesDir, name);
      found.push({ key: match[1], file, mtimeMs: (await stat(file)).mtimeMs });
    }
    return found.sort((a, b) => b.mtimeMs - a.mtimeMs);
  }

  return {
    name: 'local',
    async restore(dir, primaryKey, restoreKeys) {
      const all = await entries();
      const entry =
        all.find((e) => e.key === primaryKey) ??
        restoreKeys.map((prefix) => all.find((e) => e.key.startsWith(prefix))).find(Boolean);
      if (!entry) return undefined;
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const zstd = entry.file.endsWith('.zst');
      // GNU tar drops leading '/' and refuses '..' members, so an entry cannot write outside dir.
      await run('tar', [zstd ? '--zstd' : '--gzip', '-xf', entry.file, '-C', dir], {
        maxBuffer: 16 * 1024 * 1024,
      });
      // The modification time doubles as "last used", for the eviction in save().
      const now = new Date();
      await utimes(entry.file, now, now);
      return entry.key;
    },
    async save(dir, key) {
      await mkdir(entriesDir, { recursive: true });
      const { flag, extension } = await compressor();
      const final = path.join(entriesDir, `${key}.tar.${extension}`);
      const partial = `${final}.partial-${process.pid}`;
      try {
        await run('tar', [flag, '-cf', partial, '-C', dir, '.'], { maxBuffer: 16 * 1024 * 1024 });
        await rename(partial, final);
      } finally {
        await rm(partial, { force: true });
      }
      const unusedSince = Date.now() - UNUSED_ENTRY_MS;
      for (const stale of (await entries()).filter((e) => e.mtimeMs < unusedSince))
        await rm(stale.file, { force: true });
    },
  };
}

interface Compression {
  flag: string;
  extension: 'zst' | 'gz';
}

async function detectCompression(): Promise<Compression> {
  try {
    await run('zstd', ['--version']);
    return { flag: '--zstd', extension: 'zst' };
  } catch {
    return { flag: '--gzip', extension: 'gz' };
  }
}
