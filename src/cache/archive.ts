import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';

import * as tarStream from 'tar-stream';

export interface ArchivePruneResult {
  /** Regular files left in the archive and their bytes. */
  files: number;
  keptBytes: number;
  prunedBytes: number;
  prunedFiles: number;
}

interface FileEntry {
  name: string;
  size: number;
  mtimeMs: number;
}

/** Bytes of a file, or 0 when it does not exist. */
export async function fileBytes(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function listFiles(archive: string): Promise<FileEntry[]> {
  const files: FileEntry[] = [];
  const extract = tarStream.extract();
  const reading = pipeline(createReadStream(archive), extract);
  for await (const entry of extract) {
    const { header } = entry;
    if (header.type === 'file')
      files.push({ name: header.name, size: header.size ?? 0, mtimeMs: header.mtime?.getTime() ?? 0 });
    entry.resume();
  }
  await reading;
  return files;
}

/**
 * Keeps a cache archive within `maxBytes` by dropping the least recently modified files,
 * streaming it through once more only when it is over; owners, modes and links pass unchanged.
 */
export async function pruneArchive(archive: string, maxBytes: number): Promise<ArchivePruneResult> {
  const files = await listFiles(archive);
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total <= maxBytes) return { files: files.length, keptBytes: total, prunedBytes: 0, prunedFiles: 0 };

  const dropped = new Set<string>();
  let kept = total;
  for (const file of [...files].sort((a, b) => a.mtimeMs - b.mtimeMs)) {
    if (kept <= maxBytes) break;
    dropped.add(file.name);
    kept -= file.size;
  }

  const partial = `${archive}.partial`;
  const extract = tarStream.extract();
  const pack = tarStream.pack();
  const writing = pipeline(pack, createWriteStream(partial));
  const reading = pipeline(createReadStream(archive), extract);
  try {
    for await (const entry of extract) {
      if (entry.header.type === 'file' && dropped.has(entry.header.name)) {
        entry.resume();
        continue;
      }
      await new Promise<void>((resolve, reject) => {
        const sink = pack.entry(entry.header, (error) => (error ? reject(error) : resolve()));
        entry.pipe(sink);
      });
    }
    pack.finalize();
    await Promise.all([reading, writing]);
    await rename(partial, archive);
  } finally {
    await rm(partial, { force: true });
  }
  const prunedBytes = total - kept;
  return { files: files.length - dropped.size, keptBytes: kept, prunedBytes, prunedFiles: dropped.size };
}
