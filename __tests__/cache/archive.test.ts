import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

import * as tarStream from 'tar-stream';

import { fileBytes, pruneArchive } from '../../src/cache/archive.js';

type EntryHeader = Partial<tarStream.Header> & Pick<tarStream.Header, 'name'>;

interface ArchiveEntry {
  header: EntryHeader;
  content: Buffer;
}

const at = (seconds: number) => new Date(seconds * 1000);

/** A cache archive whose entry order differs from its age order, with a directory, a symlink and a foreign owner. */
function cacheEntries(): ArchiveEntry[] {
  const file = (name: string, size: number, mtime: number, extra: Partial<EntryHeader> = {}) => ({
    header: { name, type: 'file' as const, size, mode: 0o644, uid: 0, gid: 0, mtime: at(mtime), ...extra },
    content: Buffer.alloc(size, name),
  });
  return [
    {
      header: { name: 'wheels/', type: 'directory', mode: 0o755, uid: 0, gid: 0, mtime: at(1_700_000_000) },
      content: Buffer.alloc(0),
    },
    file('wheels/mid.whl', 200, 1_700_100_000),
    file('wheels/owned.whl', 100, 1_700_200_000, {
      uid: 1234,
      gid: 1234,
      mode: 0o600,
      uname: 'app',
      gname: 'app',
    }),
    file('wheels/old.whl', 300, 1_700_000_500),
    {
      header: {
        name: 'wheels/latest.whl',
        type: 'symlink',
        linkname: 'owned.whl',
        mode: 0o777,
        uid: 1234,
        gid: 1234,
        mtime: at(1_600_000_000),
      },
      content: Buffer.alloc(0),
    },
  ];
}

async function writeArchive(file: string, entries: ArchiveEntry[]): Promise<void> {
  const pack = tarStream.pack();
  const writing = pipeline(pack, createWriteStream(file));
  for (const { header, content } of entries) {
    await new Promise<void>((resolve, reject) =>
      pack.entry(header, content, (error) => (error ? reject(error) : resolve())),
    );
  }
  pack.finalize();
  await writing;
}

async function readArchive(file: string): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  const extract = tarStream.extract();
  const reading = pipeline(createReadStream(file), extract);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    // Where an entry sits in the file is not part of it.
    const header: EntryHeader & { byteOffset?: number } = { ...entry.header };
    delete header.byteOffset;
    entries.push({ header, content: Buffer.concat(chunks) });
  }
  await reading;
  return entries;
}

const names = (entries: ArchiveEntry[]) => entries.map((e) => e.header.name);

describe('pruneArchive', () => {
  let dir: string;
  let archive: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dfb-archive-test-'));
    archive = path.join(dir, 'cache.tar');
    await writeArchive(archive, cacheEntries());
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves an archive under the limit byte for byte as it was', async () => {
    const before = await readFile(archive);
    expect(await pruneArchive(archive, 10_000)).toEqual({
      files: 3,
      keptBytes: 600,
      prunedBytes: 0,
      prunedFiles: 0,
    });
    expect((await readFile(archive)).equals(before)).toBe(true);
  });

  it('leaves an archive exactly at the limit unchanged', async () => {
    const before = await readFile(archive);
    expect(await pruneArchive(archive, 600)).toEqual({
      files: 3,
      keptBytes: 600,
      prunedBytes: 0,
      prunedFiles: 0,
    });
    expect((await readFile(archive)).equals(before)).toBe(true);
  });

  it('drops the least recently modified file first, whatever its place in the archive', async () => {
    const original = await readArchive(archive);
    expect(await pruneArchive(archive, 599)).toEqual({
      files: 2,
      keptBytes: 300,
      prunedBytes: 300,
      prunedFiles: 1,
    });
    const pruned = await readArchive(archive);
    expect(pruned).toEqual(original.filter((e) => e.header.name !== 'wheels/old.whl'));
  });

  it('drops files oldest first until the rest fits', async () => {
    const original = await readArchive(archive);
    expect(await pruneArchive(archive, 150)).toEqual({
      files: 1,
      keptBytes: 100,
      prunedBytes: 500,
      prunedFiles: 2,
    });
    const pruned = await readArchive(archive);
    expect(names(pruned)).toEqual(['wheels/', 'wheels/owned.whl', 'wheels/latest.whl']);
    expect(pruned).toEqual(
      original.filter((e) => !['wheels/old.whl', 'wheels/mid.whl'].includes(e.header.name)),
    );
  });

  it('keeps owner, mode and link target of every entry it keeps', async () => {
    await pruneArchive(archive, 150);
    const byName = new Map((await readArchive(archive)).map((e) => [e.header.name, e]));
    expect(byName.get('wheels/owned.whl')!.header).toMatchObject({
      type: 'file',
      uid: 1234,
      gid: 1234,
      mode: 0o600,
      uname: 'app',
      gname: 'app',
      size: 100,
      mtime: at(1_700_200_000),
    });
    expect(byName.get('wheels/owned.whl')!.content.equals(Buffer.alloc(100, 'wheels/owned.whl'))).toBe(true);
    expect(byName.get('wheels/latest.whl')!.header).toMatchObject({
      type: 'symlink',
      linkname: 'owned.whl',
      uid: 1234,
      gid: 1234,
      mode: 0o777,
    });
    expect(byName.get('wheels/')!.header).toMatchObject({ type: 'directory', mode: 0o755 });
  });

  it('keeps directories and links when every file must go', async () => {
    expect(await pruneArchive(archive, 0)).toEqual({
      files: 0,
      keptBytes: 0,
      prunedBytes: 600,
      prunedFiles: 3,
    });
    expect(names(await readArchive(archive))).toEqual(['wheels/', 'wheels/latest.whl']);
  });

  it('leaves no partial file behind', async () => {
    await pruneArchive(archive, 150);
    expect(await readdir(dir)).toEqual(['cache.tar']);
  });
});

describe('fileBytes', () => {
  it('is the size of an existing file and 0 for a missing one', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dfb-bytes-test-'));
    try {
      const archive = path.join(dir, 'cache.tar');
      await writeArchive(archive, cacheEntries());
      // 5 headers, 600 bytes of content in 512-byte blocks, and the closing blocks.
      expect(await fileBytes(archive)).toBe((await readFile(archive)).length);
      expect(await fileBytes(archive)).toBeGreaterThanOrEqual(5 * 512 + 3 * 512);
      expect(await fileBytes(path.join(dir, 'missing.tar'))).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
