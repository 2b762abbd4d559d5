// The local backend on a real directory with the real tar and zstd: scopes, what an entry may hold,
// concurrent runs on one host, and abandoned saves.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';

import * as tarStream from 'tar-stream';

import { createLocalBackend, scopeDirName } from '../../../src/cache/backends/local.js';
import type { CacheScopes } from '../../../src/cache/scopes.js';

const MAIN = 'refs/heads/main';
const PR = 'refs/pull/7/merge';
const pushToMain: CacheScopes = { read: [MAIN], write: MAIN };
const pullRequest: CacheScopes = { read: [PR, MAIN], write: PR };

type Member = Partial<tarStream.Header> & { name: string; content?: string };

async function tarOf(members: Member[]): Promise<Buffer> {
  const pack = tarStream.pack();
  for (const { content = '', ...header } of members)
    pack.entry(
      {
        type: 'file',
        mode: 0o644,
        ...header,
        size: header.type && header.type !== 'file' ? 0 : content.length,
      },
      content,
    );
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('local backend', () => {
  let cacheDir: string;
  let work: string;
  let n = 0;
  beforeEach(() => {
    cacheDir = mkdtempSync(path.join(tmpdir(), 'dfb-local-'));
    work = mkdtempSync(path.join(tmpdir(), 'dfb-local-work-'));
  });
  afterEach(() => {
    rmSync(cacheDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  /** A directory holding a cache.tar with `text` in it. */
  function entryDir(text: string): string {
    const dir = path.join(work, `in-${n++}`);
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'cache.tar'), text);
    return dir;
  }
  function emptyDir(): string {
    const dir = path.join(work, `out-${n++}`);
    mkdirSync(dir);
    return dir;
  }
  const scopeDir = (scope: string) => path.join(cacheDir, 'dependency-caches', scopeDirName(scope));
  /** Writes a crafted entry straight into a scope's directory, as someone with access to the disk could. */
  async function plant(scope: string, key: string, members: Member[]): Promise<void> {
    mkdirSync(scopeDir(scope), { recursive: true });
    const raw = path.join(work, `raw-${n++}.tar`);
    writeFileSync(raw, await tarOf(members));
    execFileSync('zstd', ['-q', '-f', raw, '-o', path.join(scopeDir(scope), `${key}.tar.zst`)]);
  }

  it("a pull request's save is never restored by the default branch, even under the exact key", async () => {
    await createLocalBackend(cacheDir, pullRequest).save(entryDir('from the pull request'), 'k_lock_1.1');
    const main = createLocalBackend(cacheDir, pushToMain);
    expect(await main.restore(emptyDir(), 'k_lock', ['k_lock_', 'k_'])).toBeUndefined();

    await main.save(entryDir('from main'), 'k_old_2.1');
    const dir = emptyDir();
    expect(await main.restore(dir, 'k_lock', ['k_lock_', 'k_'])).toBe('k_old_2.1');
    expect(readFileSync(path.join(dir, 'cache.tar'), 'utf8')).toBe('from main');
  });

  it('abandons an entry that unpacks past 20 times its size, leaving nothing half-written', async () => {
    // 64 MiB of zeros: a few kB compressed.
    await plant(MAIN, 'k_bomb', [{ name: 'cache.tar', content: '\0'.repeat(64 * 1024 * 1024) }]);
    const dir = emptyDir();
    await expect(createLocalBackend(cacheDir, pushToMain).restore(dir, 'k_bomb', [])).rejects.toThrow(
      /unpacks to more than \d+ bytes/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('abandons an entry larger than dependency-cache-max-size allows, and restores one within it', async () => {
    const big = entryDir(randomBytes(12 * 1024 * 1024).toString('latin1'));
    await createLocalBackend(cacheDir, pushToMain).save(big, 'k_big');
    const dir = emptyDir();
    await expect(createLocalBackend(cacheDir, pushToMain, 1e6).restore(dir, 'k_big', [])).rejects.toThrow(
      /unpacks to more than/,
    );
    expect(readdirSync(dir)).toEqual([]);
    expect(await createLocalBackend(cacheDir, pushToMain, 10e6).restore(dir, 'k_big', [])).toBe('k_big');
  });

  it('writes only its own scope', async () => {
    await createLocalBackend(cacheDir, pullRequest).save(entryDir('x'), 'k_lock_1.1');
    expect(readdirSync(scopeDir(PR))).toEqual(['k_lock_1.1.tar.zst']);
    expect(existsSync(scopeDir(MAIN))).toBe(false);
  });

  it('restores from its own scope first, then the base branch, then the default branch', async () => {
    const release = 'refs/heads/release';
    await createLocalBackend(cacheDir, { read: [MAIN], write: MAIN }).save(entryDir('main'), 'k_lock_1.1');
    const fromPullRequest: CacheScopes = { read: [PR, release, MAIN], write: PR };
    const restoreText = async () => {
      const dir = emptyDir();
      const key = await createLocalBackend(cacheDir, fromPullRequest).restore(dir, 'k_lock', [
        'k_lock_',
        'k_',
      ]);
      return [key, readFileSync(path.join(dir, 'cache.tar'), 'utf8')];
    };
    expect(await restoreText()).toEqual(['k_lock_1.1', 'main']);
    await createLocalBackend(cacheDir, { read: [release], write: release }).save(
      entryDir('release'),
      'k_lock_2.1',
    );
    expect(await restoreText()).toEqual(['k_lock_2.1', 'release']);
    // A partial match in its own scope comes before an exact one further down, as on GitHub.
    await createLocalBackend(cacheDir, fromPullRequest).save(entryDir('own'), 'k_other_3.1');
    expect(await restoreText()).toEqual(['k_other_3.1', 'own']);
  });

  it('scopes are exact: entries of main-evil, MAIN or main/x are not main’s', async () => {
    for (const scope of ['refs/heads/main-evil', 'refs/heads/MAIN', 'refs/heads/main/x', 'main'])
      await createLocalBackend(cacheDir, { read: [scope], write: scope }).save(entryDir(scope), 'k_lock_1.1');
    expect(
      await createLocalBackend(cacheDir, pushToMain).restore(emptyDir(), 'k_lock', ['k_']),
    ).toBeUndefined();
    expect(new Set(readdirSync(path.join(cacheDir, 'dependency-caches'))).size).toBe(4);
  });

  it('a run that may not save refuses to', async () => {
    const readOnly = createLocalBackend(cacheDir, { read: [MAIN], write: undefined });
    await expect(readOnly.save(entryDir('x'), 'k_1')).rejects.toThrow('no cache scope to save into');
    expect(existsSync(path.join(cacheDir, 'dependency-caches'))).toBe(false);
  });

  it('saves only the files of an entry', async () => {
    const dir = entryDir('whole');
    writeFileSync(path.join(dir, 'stray.txt'), 'not ours');
    await createLocalBackend(cacheDir, pushToMain).save(dir, 'k_1');
    const listing = execFileSync('tar', ['--zstd', '-tf', path.join(scopeDir(MAIN), 'k_1.tar.zst')], {
      encoding: 'utf8',
    });
    expect(listing.trim().split('\n')).toEqual(['cache.tar']);
  });

  describe('unpacks only the files of an entry, as plain files of the runner’s user', () => {
    it.each<[string, Member[]]>([
      [
        'another name',
        [
          { name: 'cache.tar', content: 'x' },
          { name: 'evil.sh', content: 'x' },
        ],
      ],
      ['a path into a subdirectory', [{ name: 'sub/cache.tar', content: 'x' }]],
      ['a path out of the directory', [{ name: '../cache.tar', content: 'x' }]],
      ['a character device', [{ name: 'cache.tar', type: 'character-device', devmajor: 1, devminor: 3 }]],
      [
        'a hard link',
        [
          { name: 'delta.json', content: '{}' },
          { name: 'cache.tar', type: 'link', linkname: '/etc/passwd' },
        ],
      ],
      ['a symlink', [{ name: 'cache.tar', type: 'symlink', linkname: '/etc/passwd' }]],
      ['a fifo', [{ name: 'cache.tar', type: 'fifo' }]],
      [
        'the same name twice',
        [
          { name: 'cache.tar', content: 'a' },
          { name: './cache.tar', content: 'b' },
        ],
      ],
    ])('refuses an entry holding %s, and writes nothing else', async (_what, members) => {
      await plant(MAIN, 'k_1', members);
      const dir = emptyDir();
      await expect(createLocalBackend(cacheDir, pushToMain).restore(dir, 'k_1', [])).rejects.toThrow(
        'not a file of a cache entry',
      );
      for (const name of readdirSync(dir)) expect(['cache.tar', 'delta.json']).toContain(name);
      expect(existsSync(path.join(work, 'evil.sh'))).toBe(false);
      expect(existsSync(path.join(work, 'cache.tar'))).toBe(false);
    });

    it('drops setuid bits and foreign owners', async () => {
      await plant(MAIN, 'k_1', [
        { name: './', type: 'directory', mode: 0o777 },
        { name: './cache.tar', content: 'payload', mode: 0o4755, uid: 4242, gid: 4242 },
      ]);
      const dir = emptyDir();
      expect(await createLocalBackend(cacheDir, pushToMain).restore(dir, 'k_1', [])).toBe('k_1');
      const info = statSync(path.join(dir, 'cache.tar'));
      expect(info.mode & 0o7777).toBe(0o600);
      expect(info.uid).toBe(process.getuid!());
      expect(readFileSync(path.join(dir, 'cache.tar'), 'utf8')).toBe('payload');
    });
  });

  it('an entry evicted between readdir and stat is passed over, not a failed restore', async () => {
    const backend = createLocalBackend(cacheDir, pushToMain);
    await backend.save(entryDir('kept'), 'k_lock_1.1');
    // Listed by readdir, gone by the time it is looked at: a dangling link behaves exactly so.
    symlinkSync(path.join(work, 'gone'), path.join(scopeDir(MAIN), 'k_lock_9.1.tar.zst'));
    const dir = emptyDir();
    expect(await backend.restore(dir, 'k_lock', ['k_lock_'])).toBe('k_lock_1.1');
    expect(readFileSync(path.join(dir, 'cache.tar'), 'utf8')).toBe('kept');
  });

  it('a save whose process was killed leaves a partial file that the next save removes', async () => {
    const killed = spawn('sleep', ['30']);
    await new Promise((resolve) => killed.once('spawn', resolve));
    killed.kill('SIGKILL');
    await new Promise((resolve) => killed.once('exit', resolve));
    mkdirSync(scopeDir(PR), { recursive: true });
    const dead = path.join(scopeDir(PR), `.k_1.partial-${hostname()}-${killed.pid}-0a1b2c3d`);
    const running = path.join(scopeDir(PR), `.k_2.partial-${hostname()}-${process.pid}-0a1b2c3d`);
    writeFileSync(dead, 'half an archive');
    writeFileSync(running, 'a save in progress');

    await createLocalBackend(cacheDir, pushToMain).save(entryDir('x'), 'k_3');
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(running)).toBe(true);
  });

  it('a save abandoned while tar writes is stopped: no partial file, no entry appears later', async () => {
    const dir = emptyDir();
    // Big enough that tar and zstd are still at work when the partial file is first seen.
    writeFileSync(path.join(dir, 'cache.tar'), randomBytes(192 * 1024 * 1024));
    const inScope = () => (existsSync(scopeDir(MAIN)) ? readdirSync(scopeDir(MAIN)) : []);
    const abandon = new AbortController();
    // Abandoned as dependency-cache-timeout would abandon it, but when tar is seen writing, not after a fixed
    // time: on a fast machine tar may finish 192 MB before any fixed timeout short enough to test.
    const watching = setInterval(() => {
      if (inScope().some((n) => n.includes('.partial-'))) abandon.abort(new Error('save timed out'));
    }, 2);
    try {
      await expect(
        createLocalBackend(cacheDir, pushToMain).save(dir, 'k_big', abandon.signal),
      ).rejects.toThrow('save timed out');
    } finally {
      clearInterval(watching);
    }
    expect(abandon.signal.aborted).toBe(true);
    // At once: the action exits right after its last step, so there is no later moment to clean up in.
    expect(inScope()).toEqual([]);
    // Long enough for tar to have finished the archive had it been left running.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(inScope()).toEqual([]);
  });

  it.each([0, 1, 2, 5, 10])(
    'a save abandoned %i ms after it starts leaves no partial file, however early the abort comes',
    async (afterMs) => {
      const dir = entryDir('x'.repeat(1024 * 1024));
      const abandon = new AbortController();
      const saving = createLocalBackend(cacheDir, pushToMain).save(dir, 'k_early', abandon.signal);
      setTimeout(() => abandon.abort(new Error('abandoned')), afterMs);
      await saving.catch(() => undefined);
      // Whatever tar had started is gone by the time the save settles: nothing appears later.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const left = readdirSync(scopeDir(MAIN));
      expect(left.filter((name) => name.includes('.partial-'))).toEqual([]);
    },
  );
});
