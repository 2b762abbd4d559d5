import { lstat, readdir, rm, chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';

import { ENTRY_MEMBERS } from './types.js';

/** No entry of ours unpacks to more than this many times its compressed size (caches of wheels: 1-3×). */
export const MAX_EXPANSION = 20;
/** Room for the small files (a report compresses well) and tar's headers. */
const SLACK_BYTES = 8 * 1024 * 1024;

/**
 * The most bytes a restore may unpack: an entry holds a mount pruned to dependency-cache-max-size and a delta
 * over it, and compresses by far less than MAX_EXPANSION. Past it the entry was not saved by us (a
 * small archive of zeros that fills the disk), and the restore is abandoned.
 */
export function restoreByteLimit(compressedBytes: number | undefined, maxCacheSize: number): number {
  const configured = 2 * maxCacheSize + SLACK_BYTES;
  return compressedBytes === undefined
    ? configured
    : Math.min(configured, MAX_EXPANSION * compressedBytes + SLACK_BYTES);
}

export class RestoreTooLargeError extends Error {
  constructor(limit: number) {
    super(`the entry unpacks to more than ${limit} bytes, more than an entry of ours can; it is abandoned`);
    this.name = 'RestoreTooLargeError';
  }
}

/**
 * Checks what a restore left in `dir`: only the files an entry of ours holds, each a plain file.
 * Anything else — another name, a directory, a link, a device, a setuid bit — means the entry is not
 * one we wrote, and so does more than `maxBytes` in all: `dir` is emptied and the restore fails (a
 * warning and a build without that cache).
 * Modes are reset to owner-only, whatever the archive said.
 */
export async function checkRestoredMembers(dir: string, maxBytes = Number.POSITIVE_INFINITY): Promise<void> {
  const problems: string[] = [];
  let bytes = 0;
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    const info = await lstat(file);
    if (!ENTRY_MEMBERS.has(name)) problems.push(`'${name}' is not a file of a cache entry`);
    else if (!info.isFile()) problems.push(`'${name}' is not a regular file`);
    else if ((info.mode & 0o7000) !== 0) problems.push(`'${name}' has a setuid, setgid or sticky bit`);
    else await chmod(file, 0o600);
    bytes += info.size;
  }
  if (bytes > maxBytes) problems.push(new RestoreTooLargeError(maxBytes).message);
  if (problems.length === 0) return;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  throw new Error(`the entry is refused: ${problems.join('; ')}`);
}
