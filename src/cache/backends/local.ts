import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGunzip } from 'node:zlib';

import * as tarStream from 'tar-stream';

import type { CacheScopes } from '../scopes.js';
import { restoreByteLimit, RestoreTooLargeError } from './entry-members.js';
import { ENTRY_MEMBERS, type ArchiveStore } from './types.js';

const run = promisify(execFile);

/** Like the Actions cache: an entry nobody restored or saved for a week goes. */
const UNUSED_ENTRY_MS = 7 * 24 * 3600 * 1000;
/** A half-written archive nobody has written to for this long belongs to a save that died elsewhere. */
const ABANDONED_PARTIAL_MS = 3600 * 1000;
const ENTRY_FILE = /^(.+)\.tar\.(zst|gz)$/;
const PARTIAL_FILE = /\.partial-(.+)-(\d+)-[0-9a-f]+$/;

/**
 * Archives in a directory on a persistent (self-hosted) runner, one directory per cache scope, read
 * and written as GitHub scopes the Actions cache (see scopes.ts). An entry appears by rename only
 * when complete, so a killed run never leaves half an archive under a real key.
 */
export function createLocalBackend(
  cacheDir: string,
  scopes: Pick<CacheScopes, 'read' | 'write'>,
  maxCacheSize = Number.POSITIVE_INFINITY,
): ArchiveStore {
  const entriesRoot = path.join(cacheDir, 'dependency-caches');
  let compression: Promise<Compression> | undefined;
  const compressor = () => (compression ??= detectCompression());

  /** The entries `restore` tries, in its order: scope by scope, the exact key first, then each prefix. */
  async function* candidates(primaryKey: string, restoreKeys: readonly string[]) {
    for (const scope of scopes.read) {
      const entries = await listEntries(path.join(entriesRoot, scopeDirName(scope)));
      yield* entries.filter((e) => e.key === primaryKey);
      for (const prefix of restoreKeys) yield* entries.filter((e) => e.key.startsWith(prefix));
    }
  }

  return {
    name: 'local',
    stopsOnAbort: true,
    async restore(dir, primaryKey, restoreKeys, signal) {
      for await (const entry of candidates(primaryKey, restoreKeys)) {
        await rm(dir, { recursive: true, force: true });
        await mkdir(dir, { recursive: true });
        try {
          await unpackEntry(entry.file, dir, maxCacheSize, signal);
        } catch (error) {
          // Nothing half-written stays for the caller to inject or save.
          await rm(dir, { recursive: true, force: true });
          await mkdir(dir, { recursive: true });
          // Evicted by a concurrent save since it was listed: the next candidate will do.
          if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !(await exists(entry.file))) continue;
          throw error;
        }
        // The modification time doubles as "last used", for the eviction in save().
        const now = new Date();
        await utimes(entry.file, now, now).catch(() => undefined);
        return entry.key;
      }
      return undefined;
    },
    async lookup(_dir, prefix) {
      for await (const entry of candidates(prefix, [prefix])) return entry.key;
      return undefined;
    },
    async save(dir, key, signal) {
      if (scopes.write === undefined) throw new Error('this run has no cache scope to save into');
      const scopeDir = path.join(entriesRoot, scopeDirName(scopes.write));
      await mkdir(scopeDir, { recursive: true });
      const members = (await readdir(dir)).filter((name) => ENTRY_MEMBERS.has(name)).sort();
      if (members.length === 0) throw new Error(`nothing to save in ${dir}`);
      const { flag, extension } = await compressor();
      const final = path.join(scopeDir, `${key}.tar.${extension}`);
      const partial = path.join(
        scopeDir,
        `.${key}.partial-${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`,
      );
      try {
        // Abandoned before tar started (a timeout shorter than the steps above): start nothing.
        signal?.throwIfAborted();
        await packEntry(flag, partial, dir, members, signal);
        await rename(partial, final);
      } finally {
        // Only once tar is gone: removed earlier, a tar still starting could create the file again.
        await rm(partial, { force: true });
      }
      await sweep(entriesRoot);
    },
  };
}

/** `refs/heads/feature/X` → `heads-feature-x-<16 hex>`: readable, and the hash of the exact scope keeps `MAIN`, `main` and `main-x` apart. */
export function scopeDirName(scope: string): string {
  const readable = scope
    .replace(/^refs\//, '')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .slice(0, 60);
  return `${readable}-${createHash('sha256').update(scope).digest('hex').slice(0, 16)}`;
}

interface EntryFile {
  key: string;
  file: string;
  mtimeMs: number;
}

/** Entries of one scope, newest first; a file gone or replaced by something else since readdir is left out. */
async function listEntries(dir: string): Promise<EntryFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const found: EntryFile[] = [];
  for (const name of names) {
    const match = ENTRY_FILE.exec(name);
    if (!match?.[1]) continue;
    const file = path.join(dir, name);
    try {
      const info = await lstat(file);
      if (info.isFile()) found.push({ key: match[1], file, mtimeMs: info.mtimeMs });
    } catch {
      // Evicted between readdir and lstat.
    }
  }
  return found.sort((a, b) => b.mtimeMs - a.mtimeMs);
}

/**
 * Unpacks an entry's own files and nothing else: each member must be a plain file with one of the
 * names in ENTRY_MEMBERS. They are written by this process, owned by the runner's user, mode 0600,
 * whatever the archive says about owners, modes, devices or links.
 */
async function unpackEntry(
  file: string,
  dir: string,
  maxCacheSize: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const limit = restoreByteLimit((await stat(file)).size, maxCacheSize);
  let unpacked = 0;
  const zstd = file.endsWith('.zst');
  const decompressor = zstd
    ? spawn('zstd', ['-dcq', '--', file], { stdio: ['ignore', 'pipe', 'pipe'], signal })
    : undefined;
  const exited = decompressor ? exitOf(decompressor) : Promise.resolve();
  exited.catch(() => undefined);
  const extract = tarStream.extract();
  const reading = decompressor
    ? pipeline(decompressor.stdout!, extract, { signal })
    : pipeline(createReadStream(file), createGunzip(), extract, { signal });
  reading.catch(() => undefined);
  const written = new Set<string>();
  try {
    for await (const entry of extract) {
      const { type } = entry.header;
      const name = entry.header.name.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
      if (type === 'directory' && (name === '' || name === '.')) {
        entry.resume();
        continue;
      }
      if (type !== 'file' || !ENTRY_MEMBERS.has(name) || written.has(name))
        throw new Error(
          `the entry holds '${entry.header.name}' (${type}), which is not a file of a cache entry`,
        );
      written.add(name);
      // The header says how much follows; counted as it comes too, as the header may lie.
      if (unpacked + (entry.header.size ?? 0) > limit) throw new RestoreTooLargeError(limit);
      const counted = async function* (chunks: AsyncIterable<unknown>) {
        for await (const chunk of chunks) {
          unpacked += (chunk as Buffer).length;
          if (unpacked > limit) throw new RestoreTooLargeError(limit);
          yield chunk;
        }
      };
      await pipeline(entry, counted, createWriteStream(path.join(dir, name), { flags: 'wx', mode: 0o600 }));
    }
    await reading;
    await exited;
  } catch (error) {
    decompressor?.kill();
    extract.destroy();
    throw error;
  }
}

/**
 * `tar -c` of an entry's members into `file`. Aborted, tar is stopped and this rejects only once it
 * has exited (execFile would reject at once, while tar and its compressor still run), so the caller
 * can remove the file knowing nothing writes it any more.
 */
function packEntry(
  flag: string,
  file: string,
  dir: string,
  members: string[],
  signal: AbortSignal | undefined,
): Promise<void> {
  // Its own process group, so that stopping it stops the compressor tar starts as well.
  const tar = spawn('tar', [flag, '-cf', file, '-C', dir, '--', ...members], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const stop = () => {
    try {
      if (tar.pid !== undefined) process.kill(-tar.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  signal?.addEventListener('abort', stop, { once: true });
  let stderr = '';
  tar.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<void>((resolve, reject) => {
    tar.on('error', reject);
    tar.on('close', (code, killedBy) => {
      signal?.removeEventListener('abort', stop);
      if (signal?.aborted) reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      else if (code === 0) resolve();
      else reject(new Error(`tar failed (${killedBy ?? code}): ${stderr.trim()}`));
    });
  });
}

function exitOf(child: ReturnType<typeof spawn>): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`zstd failed (${signal ?? code}): ${stderr.trim()}`)),
    );
  });
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes entries unused for a week in every scope (and in the flat layout of earlier versions),
 * and half-written archives whose save has died: its process is gone from this host, or it has not
 * written for an hour (a save on another host sharing the directory).
 */
async function sweep(entriesRoot: string): Promise<void> {
  const now = Date.now();
  const dirs = [entriesRoot];
  for (const item of await readdir(entriesRoot, { withFileTypes: true }).catch(() => []))
    if (item.isDirectory()) dirs.push(path.join(entriesRoot, item.name));
  for (const dir of dirs) {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const file = path.join(dir, name);
      const info = await lstat(file).catch(() => undefined);
      if (!info?.isFile()) continue;
      const partial = PARTIAL_FILE.exec(name);
      const stale = partial
        ? now - info.mtimeMs > ABANDONED_PARTIAL_MS ||
          (partial[1] === hostname() && !isAlive(Number(partial[2])))
        : ENTRY_FILE.test(name) && now - info.mtimeMs > UNUSED_ENTRY_MS;
      if (stale) await rm(file, { force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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
