import { readdir, lstat, rm } from 'node:fs/promises';
import path from 'node:path';

export interface PruneResult {
  keptBytes: number;
  prunedBytes: number;
  prunedFiles: number;
}

interface FileFact {
  file: string;
  bytes: number;
  mtimeMs: number;
}

async function listFiles(dir: string): Promise<FileFact[]> {
  const files: FileFact[] = [];
  async function walk(current: string): Promise<void> {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else {
        const info = await lstat(full);
        files.push({ file: full, bytes: info.size, mtimeMs: info.mtimeMs });
      }
    }
  }
  await walk(dir);
  return files;
}

/** Bytes of the regular files below dir (0 when it does not exist). */
export async function directoryBytes(dir: string): Promise<number> {
  try {
    return (await listFiles(dir)).reduce((sum, f) => sum + f.bytes, 0);
  } catch {
    return 0;
  }
}

/** Deletes the least recently modified files until the directory fits in `maxBytes`. */
export async function pruneToSize(dir: string, maxBytes: number): Promise<PruneResult> {
  const files = await listFiles(dir);
  let total = files.reduce((sum, f) => sum + f.bytes, 0);
  let prunedBytes = 0;
  let prunedFiles = 0;
  files.sort((a, b) => a.mtimeMs - b.mtimeMs);
  for (const file of files) {
    if (total <= maxBytes) break;
    await rm(file.file, { force: true });
    total -= file.bytes;
    prunedBytes += file.bytes;
    prunedFiles += 1;
  }
  return { keptBytes: total, prunedBytes, prunedFiles };
}
