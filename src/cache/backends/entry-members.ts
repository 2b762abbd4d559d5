import { lstat, readdir, rm, chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';

import { ENTRY_MEMBERS } from './types.js';

/**
 * Checks what a restore left in `dir`: only the files an entry of ours holds, each a plain file.
 * Anything else — another name, a directory, a link, a device, a setuid bit — means the entry is not
 * one we wrote: `dir` is emptied and the restore fails (a warning and a build without that cache).
 * Modes are reset to owner-only, whatever the archive said.
 */
export async function checkRestoredMembers(dir: string): Promise<void> {
  const problems: string[] = [];
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    const info = await lstat(file);
    if (!ENTRY_MEMBERS.has(name)) problems.push(`'${name}' is not a file of a cache entry`);
    else if (!info.isFile()) problems.push(`'${name}' is not a regular file`);
    else if ((info.mode & 0o7000) !== 0) problems.push(`'${name}' has a setuid, setgid or sticky bit`);
    else await chmod(file, 0o600);
  }
  if (problems.length === 0) return;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  throw new Error(`the entry is refused: ${problems.join('; ')}`);
}
