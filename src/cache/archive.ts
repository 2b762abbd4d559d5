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
  /** Members left out or changed because a cache must not carry them (see cacheArchiveRefusal). */
  sanitisedMembers: number;
}

interface Member {
  name: string;
  type: tarStream.Header['type'];
  size: number;
  mtimeMs: number;
  mode: number;
  linkname: string | undefined;
}

// tar's '0' (and old '\0') and '7' (contiguous) are both regular files with content.
const REGULAR: ReadonlySet<string> = new Set(['file', 'contiguous-file']);
const SPECIAL: ReadonlySet<string> = new Set(['block-device', 'character-device', 'fifo']);
const SET_ID_BITS = 0o6000;

/** Bytes of a file, or 0 when it does not exist. */
export async function fileBytes(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function listMembers(archive: string): Promise<Member[]> {
  const members: Member[] = [];
  const extract = tarStream.extract();
  const reading = pipeline(createReadStream(archive, { highWaterMark: 1024 * 1024 }), extract);
  // A truncated archive fails both the loop and the pipeline: the loop's error is the one thrown.
  reading.catch(() => undefined);
  for await (const entry of extract) {
    const { header } = entry;
    members.push({
      name: header.name,
      type: header.type,
      size: REGULAR.has(header.type ?? '') ? (header.size ?? 0) : 0,
      mtimeMs: header.mtime?.getTime() ?? 0,
      mode: header.mode ?? 0,
      linkname: header.linkname ?? undefined,
    });
    entry.resume();
  }
  await reading;
  return members;
}

/**
 * Why an archive must not go into BuildKit's cache mount, or undefined. Our own saves never hold
 * any of this (pruneArchive leaves it out), so an archive that does was not written by us: a
 * device or fifo, a set-id bit, a path leaving the mount, or a hard link to a file it does not
 * hold before the link (such an archive fails every unpack, so the entry would never recover).
 */
export async function cacheArchiveRefusal(archive: string): Promise<string | undefined> {
  const present = new Set<string>();
  for (const member of await listMembers(archive)) {
    const { name, type } = member;
    if (name.startsWith('/') || name.split('/').includes('..')) return `'${name}' leaves the cache mount`;
    if (SPECIAL.has(type ?? '')) return `'${name}' is a ${type}`;
    if ((member.mode & SET_ID_BITS) !== 0) return `'${name}' has a setuid or setgid bit`;
    if (type === 'link' && !present.has(member.linkname ?? ''))
      return `'${name}' is a hard link to '${member.linkname}', which the archive does not hold before it`;
    if (REGULAR.has(type ?? '') || type === 'link') present.add(name);
  }
  return undefined;
}

/**
 * Keeps a cache archive within `maxBytes` by dropping the least recently modified files, streaming
 * it through once more only when it is over, or holds what a cache must not carry (devices, fifos,
 * set-id bits, hard links without their file). A hard link goes with the file it links to, so what
 * is left always unpacks. Owners, modes and symlinks pass unchanged.
 */
export async function pruneArchive(archive: string, maxBytes: number): Promise<ArchivePruneResult> {
  const members = await listMembers(archive);
  const files = members.filter((m) => REGULAR.has(m.type ?? ''));
  const total = files.reduce((sum, f) => sum + f.size, 0);

  const dropped = new Set<string>();
  let kept = total;
  for (const file of [...files].sort((a, b) => a.mtimeMs - b.mtimeMs)) {
    if (kept <= maxBytes) break;
    dropped.add(file.name);
    kept -= file.size;
  }
  const prunedFiles = dropped.size;
  // Links follow their files out; in archive order, so a link to a dropped link goes too.
  const present = new Set<string>();
  let sanitisedMembers = 0;
  for (const member of members) {
    const special = SPECIAL.has(member.type ?? '');
    const danglingLink = member.type === 'link' && !present.has(member.linkname ?? '');
    if (special || danglingLink) {
      if (!dropped.has(member.name) && (special || !dropped.has(member.linkname ?? ''))) sanitisedMembers++;
      dropped.add(member.name);
    } else if ((member.mode & SET_ID_BITS) !== 0) {
      sanitisedMembers++;
    }
    if (!dropped.has(member.name) && (REGULAR.has(member.type ?? '') || member.type === 'link'))
      present.add(member.name);
  }
  const result = {
    files: files.length - prunedFiles,
    keptBytes: kept,
    prunedBytes: total - kept,
    prunedFiles,
  };
  if (dropped.size === 0 && sanitisedMembers === 0) return { ...result, sanitisedMembers };

  const partial = `${archive}.partial`;
  const extract = tarStream.extract();
  const pack = tarStream.pack();
  const writing = pipeline(pack, createWriteStream(partial));
  const reading = pipeline(createReadStream(archive, { highWaterMark: 1024 * 1024 }), extract);
  for (const stream of [writing, reading]) stream.catch(() => undefined);
  try {
    for await (const entry of extract) {
      if (dropped.has(entry.header.name)) {
        entry.resume();
        continue;
      }
      const header = { ...entry.header, mode: (entry.header.mode ?? 0) & ~SET_ID_BITS };
      await new Promise<void>((resolve, reject) => {
        const sink = pack.entry(header, (error) => (error ? reject(error) : resolve()));
        entry.pipe(sink);
      });
    }
    pack.finalize();
    await Promise.all([reading, writing]);
    await rename(partial, archive);
  } finally {
    await rm(partial, { force: true });
  }
  return { ...result, sanitisedMembers };
}
