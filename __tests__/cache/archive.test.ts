import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

import * as tarStream from 'tar-stream';

import { cacheArchiveRefusal, fileBytes, pruneArchive } from '../../src/cache/archive.js';

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
      sanitisedMembers: 0,
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
      sanitisedMembers: 0,
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
      sanitisedMembers: 0,
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
      sanitisedMembers: 0,
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
      sanitisedMembers: 0,
    });
    expect(names(await readArchive(archive))).toEqual(['wheels/', 'wheels/latest.whl']);
  });

  it('leaves no partial file behind', async () => {
    await pruneArchive(archive, 150);
    expect(await readdir(dir)).toEqual(['cache.tar']);
  });
});

describe('pruneArchive with hard links, contiguous files and what a cache must not carry', () => {
  let dir: string;
  let archive: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dfb-archive-links-'));
    archive = path.join(dir, 'cache.tar');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const file = (
    name: string,
    size: number,
    mtime: number,
    extra: Partial<EntryHeader> = {},
  ): ArchiveEntry => ({
    header: { name, type: 'file', size, mode: 0o644, mtime: at(mtime), ...extra },
    content: Buffer.alloc(size, 'x'),
  });
  const link = (name: string, target: string): ArchiveEntry => ({
    header: { name, type: 'link', linkname: target, size: 0, mode: 0o644, mtime: at(1_700_000_000) },
    content: Buffer.alloc(0),
  });
  const special = (name: string, type: 'character-device' | 'block-device' | 'fifo'): ArchiveEntry => ({
    header: { name, type, size: 0, mode: 0o600, devmajor: 1, devminor: 3, mtime: at(1_700_000_000) },
    content: Buffer.alloc(0),
  });

  /** GNU tar unpacks it without an error: the test that failed every inject when a link lost its file. */
  function unpacksCleanly(): void {
    const out = path.join(dir, 'out');
    execFileSync('mkdir', ['-p', out]);
    execFileSync('tar', ['-xf', archive, '-C', out]);
  }

  it('a hard link goes with the file it links to, so the archive still unpacks', async () => {
    await writeArchive(archive, [
      file('wheels/old.whl', 300, 1_700_000_000),
      link('wheels/old-again.whl', 'wheels/old.whl'),
      file('wheels/new.whl', 100, 1_700_500_000),
      link('wheels/new-again.whl', 'wheels/new.whl'),
    ]);
    expect(await pruneArchive(archive, 200)).toMatchObject({ files: 1, prunedFiles: 1, keptBytes: 100 });
    expect(names(await readArchive(archive))).toEqual(['wheels/new.whl', 'wheels/new-again.whl']);
    expect(await cacheArchiveRefusal(archive)).toBeUndefined();
    unpacksCleanly();
  });

  it('counts contiguous files (type 7) against the limit and prunes them like any file', async () => {
    await writeArchive(archive, [
      file('big.bin', 5000, 1_700_000_000, { type: 'contiguous-file' }),
      file('small.bin', 100, 1_700_500_000),
    ]);
    expect(await pruneArchive(archive, 1000)).toMatchObject({
      files: 1,
      keptBytes: 100,
      prunedBytes: 5000,
      prunedFiles: 1,
    });
    expect(names(await readArchive(archive))).toEqual(['small.bin']);
  });

  it('leaves out devices, fifos and links without their file, and clears setuid and setgid bits', async () => {
    await writeArchive(archive, [
      special('dev/null-ish', 'character-device'),
      special('dev/disk', 'block-device'),
      special('queue', 'fifo'),
      link('orphan', 'not-in-the-archive'),
      file('bin/su', 10, 1_700_000_000, { mode: 0o6755 }),
    ]);
    expect(await pruneArchive(archive, 1e9)).toMatchObject({ files: 1, prunedFiles: 0, sanitisedMembers: 5 });
    const left = await readArchive(archive);
    expect(names(left)).toEqual(['bin/su']);
    expect(left[0]!.header.mode).toBe(0o755);
    expect(await cacheArchiveRefusal(archive)).toBeUndefined();
  });
});

describe('cacheArchiveRefusal', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dfb-archive-refusal-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function refusalOf(entries: ArchiveEntry[]): Promise<string | undefined> {
    const archive = path.join(dir, 'cache.tar');
    await writeArchive(archive, entries);
    return cacheArchiveRefusal(archive);
  }
  const member = (header: EntryHeader, content = ''): ArchiveEntry => ({
    header: { type: 'file', mode: 0o644, size: content.length, ...header },
    content: Buffer.from(content),
  });

  it('accepts what the extract helper writes: files, directories, symlinks anywhere, hard links to earlier files', async () => {
    expect(
      await refusalOf([
        member({ name: './', type: 'directory', mode: 0o755 }),
        member({ name: './a.whl' }, 'data'),
        member({ name: './b.whl', type: 'link', linkname: './a.whl' }),
        member({ name: './bin/python', type: 'symlink', linkname: '/usr/bin/python3' }),
      ]),
    ).toBeUndefined();
  });

  it('a truncated archive is an error to catch, not a crash', async () => {
    const archive = path.join(dir, 'cache.tar');
    await writeArchive(archive, [
      member({ name: 'a.whl' }, 'x'.repeat(5000)),
      member({ name: 'b.whl' }, 'y'.repeat(5000)),
    ]);
    const whole = await readFile(archive);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(archive, whole.subarray(0, 3000));
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      await expect(cacheArchiveRefusal(archive)).rejects.toThrow();
      await expect(pruneArchive(archive, 10)).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('unhandledRejection', record);
    }
    expect(unhandled).toEqual([]);
  });

  it.each<[string, ArchiveEntry[], string]>([
    ['a device', [member({ name: 'null', type: 'character-device' })], "'null' is a character-device"],
    ['a fifo', [member({ name: 'q', type: 'fifo' })], "'q' is a fifo"],
    ['a setuid file', [member({ name: 'su', mode: 0o4755 }, 'x')], "'su' has a setuid or setgid bit"],
    ['a setgid directory', [member({ name: 'd/', type: 'directory', mode: 0o2755 })], 'setuid or setgid'],
    [
      'a hard link to a file it does not hold',
      [member({ name: 'passwd', type: 'link', linkname: '/etc/passwd' })],
      "'passwd' is a hard link to '/etc/passwd'",
    ],
    [
      'a hard link before its file',
      [member({ name: 'b', type: 'link', linkname: 'a' }), member({ name: 'a' }, 'x')],
      "'b' is a hard link to 'a'",
    ],
    ['an absolute path', [member({ name: '/etc/cron.d/x' }, 'x')], 'leaves the cache mount'],
    ['a path with ..', [member({ name: 'a/../../x' }, 'x')], 'leaves the cache mount'],
  ])('refuses %s', async (_what, entries, reason) => {
    expect(await refusalOf(entries)).toContain(reason);
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

describe('a truncated archive', () => {
  it('is an error of the call, never an unhandled rejection that ends the process', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dfb-truncated-'));
    const whole = path.join(dir, 'whole.tar');
    const pack = tarStream.pack();
    pack.entry({ name: 'big.bin', size: 4096 }, Buffer.alloc(4096, 7));
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const chunk of pack) chunks.push(chunk as Buffer);
    await writeFile(whole, Buffer.concat(chunks));
    const truncated = path.join(dir, 'cache.tar');
    await writeFile(truncated, (await readFile(whole)).subarray(0, 1024));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await expect(cacheArchiveRefusal(truncated)).rejects.toThrow(/Unexpected end of data/);
      await expect(pruneArchive(truncated, 1)).rejects.toThrow(/Unexpected end of data/);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
