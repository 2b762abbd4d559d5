// The real @actions/cache (saveCache / restoreCache, cache service "v2") against the stack's stand-in
// for the Actions cache service: a Twirp endpoint and azurite for the blobs, on free ports of
// 127.0.0.1. No Docker needed, so it runs with the unit tests.
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import * as cache from '@actions/cache';

import { startCacheService, type CacheService } from '../../../scripts/harness/services/cache-service.js';

/** Relative path → 'dir', or '<mode> <sha256>' for a file. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const dirent of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const name = path.posix.join(rel, dirent.name);
      const full = path.join(dir, name);
      if (dirent.isDirectory()) {
        out[`${name}/`] = 'dir';
        walk(name);
      } else {
        const mode = (statSync(full).mode & 0o777).toString(8);
        out[name] = `${mode} ${createHash('sha256').update(readFileSync(full)).digest('hex')}`;
      }
    }
  };
  walk('');
  return out;
}

function emptyDir(dir: string): void {
  for (const name of readdirSync(dir)) rmSync(path.join(dir, name), { recursive: true, force: true });
}

/** A small dependency-cache-like tree; `flavour` changes every file's content. */
function writeTree(dir: string, flavour: string): Record<string, string> {
  emptyDir(dir);
  mkdirSync(path.join(dir, 'wheels', 'nested'), { recursive: true });
  writeFileSync(path.join(dir, 'README.txt'), `cache contents, flavour ${flavour}\n`);
  writeFileSync(path.join(dir, 'empty'), '');
  // Incompressible, so the archive is big enough that half of it ends in the middle of this file.
  writeFileSync(path.join(dir, 'wheels', 'nested', 'blob.whl'), randomBytes(384 * 1024));
  writeFileSync(path.join(dir, 'wheels', 'index.json'), JSON.stringify({ flavour, n: [1, 2, 3] }));
  writeFileSync(path.join(dir, 'tool.sh'), `#!/bin/sh\necho ${flavour}\n`);
  chmodSync(path.join(dir, 'tool.sh'), 0o755);
  return snapshot(dir);
}

interface Captured<T> {
  value?: T;
  error?: unknown;
  /** What @actions/core printed: `::warning::…`, `::error::…` commands and plain info lines. */
  out: string;
}

/** Run fn with stdout captured (@actions/core reports warnings there as workflow commands). */
async function capture<T>(fn: () => Promise<T>): Promise<Captured<T>> {
  const chunks: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as unknown as typeof process.stdout.write;
  try {
    const value = await fn();
    return { value, error: undefined, out: chunks.join('') };
  } catch (error) {
    return { value: undefined, error, out: chunks.join('') };
  } finally {
    process.stdout.write = write;
  }
}

/**
 * The Twirp client retries a 500 five times, sleeping ~3 s, 4.5–6.75 s, 6.75–10.1 s and
 * 10.1–15.2 s in between (24–35 s per call). Record those sleeps and make them 1 ms instead.
 */
async function withShortRetrySleeps<T>(fn: () => Promise<T>): Promise<{ result: T; sleeps: number[] }> {
  const realSetTimeout = globalThis.setTimeout;
  const sleeps: number[] = [];
  globalThis.setTimeout = ((handler: () => void, ms?: number) => {
    if (typeof ms === 'number' && ms >= 3000 && ms < 20_000) {
      sleeps.push(ms);
      return realSetTimeout(handler, 1);
    }
    return realSetTimeout(handler, ms);
  }) as unknown as typeof setTimeout;
  try {
    return { result: await fn(), sleeps };
  } finally {
    globalThis.setTimeout = realSetTimeout;
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const ENV_NAMES = [
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_URL',
  'GITHUB_SERVER_URL',
  'RUNNER_TEMP',
  'GITHUB_WORKSPACE',
];

describe('local Actions cache service with the real @actions/cache', () => {
  const run = `t${Date.now().toString(36)}`;
  const savedEnv: Record<string, string | undefined> = {};
  let root: string;
  let dir: string;
  let service: CacheService;
  let saved: Record<string, string>;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'cache-service-'));
    dir = path.join(root, 'workspace', 'deps');
    mkdirSync(dir, { recursive: true });
    mkdirSync(path.join(root, 'runner-temp'));
    const started = performance.now();
    service = await startCacheService();
    console.log(`cache service up in ${Math.round(performance.now() - started)} ms`);
    for (const name of ENV_NAMES) savedEnv[name] = process.env[name];
    // @actions/cache reads these at call time. GITHUB_SERVER_URL must be github.com (or unset, or
    // *.ghe.com / *.localhost): any other host counts as GHES, which forces the v1 protocol.
    delete process.env.GITHUB_SERVER_URL;
    delete process.env.ACTIONS_CACHE_URL;
    Object.assign(process.env, service.env, {
      RUNNER_TEMP: path.join(root, 'runner-temp'),
      GITHUB_WORKSPACE: path.join(root, 'workspace'),
    });
  }, 60_000);

  afterEach(() => service?.setFault('none'));

  afterAll(async () => {
    await service?.close();
    for (const name of ENV_NAMES) {
      if (savedEnv[name] === undefined) delete process.env[name];
      else process.env[name] = savedEnv[name];
    }
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('saves a directory and restores it byte-identical into the emptied directory (exact hit)', async () => {
    expect(cache.isFeatureAvailable()).toBe(true);
    saved = writeTree(dir, 'full');
    const key = `${run}-full-v1`;

    const save = await capture(() => cache.saveCache([dir], key));
    expect(save.error).toBeUndefined();
    expect(save.value).toBeGreaterThan(0); // the entry_id from FinalizeCacheEntryUpload
    const entry = service.entries().find((e) => e.key === key);
    expect(entry).toMatchObject({ key, sizeBytes: expect.any(Number) });
    expect(entry?.sizeBytes).toBeGreaterThan(384 * 1024);
    expect(entry?.version).toMatch(/^[0-9a-f]{64}$/);

    emptyDir(dir);
    const restore = await capture(() => cache.restoreCache([dir], key));
    expect(restore.value).toBe(key);
    expect(restore.out).toContain(`Cache hit for: ${key}`);
    expect(snapshot(dir)).toEqual(saved);
  }, 30_000);

  it('falls back to restore keys in order, taking the newest entry for a prefix', async () => {
    const older = writeTree(dir, 'aaa');
    expect((await capture(() => cache.saveCache([dir], `${run}-lock-aaa`))).value).toBeGreaterThan(0);
    const newer = writeTree(dir, 'bbb');
    expect((await capture(() => cache.saveCache([dir], `${run}-lock-bbb`))).value).toBeGreaterThan(0);
    expect(older).not.toEqual(newer);

    emptyDir(dir);
    const hit = await capture(() => cache.restoreCache([dir], `${run}-lock-zzz`, [`${run}-lock-`]));
    expect(hit.value).toBe(`${run}-lock-bbb`);
    expect(hit.out).toContain(`Cache hit for restore-key: ${run}-lock-bbb`);
    expect(snapshot(dir)).toEqual(newer);

    // The first restore key that matches anything wins, even over newer entries of a later one.
    emptyDir(dir);
    const ordered = await capture(() =>
      cache.restoreCache([dir], `${run}-nothing`, [`${run}-none-`, `${run}-full`, `${run}-lock-`]),
    );
    expect(ordered.value).toBe(`${run}-full-v1`);
    expect(snapshot(dir)).toEqual(saved);

    // As GitHub documents it, the key itself is also tried as a prefix before the restore keys.
    emptyDir(dir);
    expect((await capture(() => cache.restoreCache([dir], `${run}-lock-`))).value).toBe(`${run}-lock-bbb`);
  }, 30_000);

  it('a miss returns undefined, and so does the right key with differently spelled paths', async () => {
    emptyDir(dir);
    const miss = await capture(() => cache.restoreCache([dir], `${run}-absent`, [`${run}-absent-`]));
    expect(miss).toMatchObject({ value: undefined, error: undefined });
    expect(readdirSync(dir)).toEqual([]);

    // The entry's version hashes the paths exactly as passed: the same directory named another
    // way (relative to the cwd, trailing slash, extra path) is a different version, so a miss.
    for (const paths of [[path.relative(process.cwd(), dir)], [`${dir}/`], [dir, path.join(root, 'x')]]) {
      const other = await capture(() => cache.restoreCache(paths, `${run}-full-v1`));
      expect(other).toMatchObject({ value: undefined, error: undefined });
    }
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);

  it('saving an existing key again is refused quietly: -1 and an info line, no throw', async () => {
    writeTree(dir, 'again');
    const before = service.entries().length;
    const again = await capture(() => cache.saveCache([dir], `${run}-full-v1`));
    expect(again.error).toBeUndefined();
    expect(again.value).toBe(-1);
    expect(again.out).toContain(`Failed to save: Unable to reserve cache with key ${run}-full-v1`);
    expect(again.out).not.toContain('::warning::');
    expect(service.entries()).toHaveLength(before);
  }, 30_000);

  it('the runtime token is a JWT of the shape BuildKit reads: an `ac` claim string, nbf and exp', () => {
    const [header, payload, signature] = service.env.ACTIONS_RUNTIME_TOKEN!.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toMatchObject({ typ: 'JWT' });
    expect(signature).toMatch(/^[\w-]{43}$/);
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    expect(JSON.parse(claims.ac)).toEqual([{ Scope: 'refs/heads/main', Permission: 3 }]);
    const now = Date.now() / 1000;
    expect(claims.nbf).toBeLessThanOrEqual(now);
    expect(claims.exp).toBeGreaterThan(now + 3600);
    const pr = service.envFor(['refs/pull/7/merge', 'refs/heads/main']).ACTIONS_RUNTIME_TOKEN!;
    expect(JSON.parse(JSON.parse(Buffer.from(pr.split('.')[1]!, 'base64url').toString()).ac)).toEqual([
      { Scope: 'refs/pull/7/merge', Permission: 3 },
      { Scope: 'refs/heads/main', Permission: 1 },
    ]);
  });

  it("entries are scoped as on GitHub: a pull request reads main's and its own, main never the PR's", async () => {
    const asPullRequest = async <T>(fn: () => Promise<T>) => {
      const mainToken = process.env.ACTIONS_RUNTIME_TOKEN;
      process.env.ACTIONS_RUNTIME_TOKEN = service.envFor([
        'refs/pull/7/merge',
        'refs/heads/main',
      ]).ACTIONS_RUNTIME_TOKEN;
      try {
        return await capture(fn);
      } finally {
        process.env.ACTIONS_RUNTIME_TOKEN = mainToken;
      }
    };
    const prTree = writeTree(dir, 'pr');
    expect((await asPullRequest(() => cache.saveCache([dir], `${run}-scoped-pr`))).value).toBeGreaterThan(0);
    expect(service.entries().find((e) => e.key === `${run}-scoped-pr`)?.scope).toBe('refs/pull/7/merge');
    // The same key main already has is free in the pull request's own scope.
    expect((await asPullRequest(() => cache.saveCache([dir], `${run}-full-v1`))).value).toBeGreaterThan(0);

    emptyDir(dir);
    expect((await capture(() => cache.restoreCache([dir], `${run}-scoped-pr`))).value).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
    const own = await asPullRequest(() => cache.restoreCache([dir], `${run}-scoped-`));
    expect(own.value).toBe(`${run}-scoped-pr`);
    expect(snapshot(dir)).toEqual(prTree);
    // Its own scope first: its `full-v1` wins over main's of the same key.
    emptyDir(dir);
    expect((await asPullRequest(() => cache.restoreCache([dir], `${run}-full-v1`))).value).toBe(
      `${run}-full-v1`,
    );
    expect(snapshot(dir)).toEqual(prTree);
    // Main's entries are read through the base scope.
    emptyDir(dir);
    expect((await asPullRequest(() => cache.restoreCache([dir], `${run}-lock-bbb`))).value).toBe(
      `${run}-lock-bbb`,
    );
  }, 30_000);

  it('a forged, unsigned or opaque token is refused with 401 unauthenticated', async () => {
    const [header, payload, signature] = service.env.ACTIONS_RUNTIME_TOKEN!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const widened = Buffer.from(
      JSON.stringify({ ...claims, ac: JSON.stringify([{ Scope: 'refs/heads/other', Permission: 3 }]) }),
    ).toString('base64url');
    const call = (token: string) =>
      fetch(
        `${service.env.ACTIONS_RESULTS_URL}twirp/github.actions.results.api.v1.CacheService/GetCacheEntryDownloadURL`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ key: 'x', version: 'y', restore_keys: [] }),
        },
      );
    expect((await call(service.env.ACTIONS_RUNTIME_TOKEN!)).status).toBe(200);
    for (const token of [
      `${header}.${widened}.${signature}`,
      'local-cache-opaque',
      `${header}.${payload}.`,
    ]) {
      const response = await call(token);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'unauthenticated' });
    }
  });

  it("'http-500': both calls give up after 5 attempts; restore warns, save only logs; neither throws", async () => {
    service.setFault('http-500');
    const callsBefore = service.calls().length;

    emptyDir(dir);
    const restore = await withShortRetrySleeps(() =>
      capture(() => cache.restoreCache([dir], `${run}-full-v1`, [`${run}-`])),
    );
    expect(restore.result).toMatchObject({ value: undefined, error: undefined });
    expect(restore.result.out).toContain(
      '::warning::Failed to restore: Failed to GetCacheEntryDownloadURL: Failed to make request after 5 attempts: Failed request: (500)',
    );
    expect(restore.sleeps).toHaveLength(4);
    expect(restore.sleeps[0]).toBe(3000);
    expect(restore.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(24_000);
    expect(readdirSync(dir)).toEqual([]);

    writeTree(dir, 'during-500');
    const save = await withShortRetrySleeps(() => capture(() => cache.saveCache([dir], `${run}-during-500`)));
    expect(save.result).toMatchObject({ value: -1, error: undefined });
    expect(save.result.out).toContain(`Failed to save: Unable to reserve cache with key ${run}-during-500`);
    expect(save.result.out).not.toContain('::warning::');
    expect(save.result.out).not.toContain('::error::');

    const faulted = service.calls().slice(callsBefore);
    expect(faulted.map((c) => `${c.method} ${c.status}`)).toEqual([
      ...Array(5).fill('GetCacheEntryDownloadURL 500'),
      ...Array(5).fill('CreateCacheEntry 500'),
    ]);
    expect(service.entries().map((e) => e.key)).not.toContain(`${run}-during-500`);
  }, 30_000);

  it("'hang': restoreCache has no timeout of its own; when the connection drops it warns and misses", async () => {
    service.setFault('hang');
    const callsBefore = service.calls().length;
    emptyDir(dir);
    let settled = false;
    const pending = capture(() => cache.restoreCache([dir], `${run}-full-v1`)).finally(() => {
      settled = true;
    });
    await waitFor(() => service.calls().length > callsBefore, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(settled).toBe(false);
    expect(service.calls().slice(callsBefore)).toEqual([
      { method: 'GetCacheEntryDownloadURL', status: 'hung' },
    ]);

    service.setFault('none'); // cuts the held connection
    const result = await pending;
    expect(result).toMatchObject({ value: undefined, error: undefined });
    expect(result.out).toContain(
      '::warning::Failed to restore: Failed to GetCacheEntryDownloadURL: Unable to make request: ECONNRESET',
    );
    // A network error is not retried.
    expect(service.calls().slice(callsBefore)).toHaveLength(1);
  }, 30_000);

  it("'truncate-download': half an archive passes the size check, fails extraction; restoreCache warns and misses", async () => {
    service.setFault('truncate-download');
    emptyDir(dir);
    const result = await capture(() => cache.restoreCache([dir], `${run}-full-v1`));
    expect(result).toMatchObject({ value: undefined, error: undefined });
    expect(result.out).toContain(`Cache hit for: ${run}-full-v1`);
    expect(result.out).toMatch(/::warning::Failed to restore: .*tar.* failed with error/);
    // Whatever tar extracted before the archive ran out stays behind: not the saved tree.
    expect(snapshot(dir)).not.toEqual(saved);

    // Lifting the fault restores the complete tree over the leftovers.
    service.setFault('none');
    expect((await capture(() => cache.restoreCache([dir], `${run}-full-v1`))).value).toBe(`${run}-full-v1`);
    expect(snapshot(dir)).toEqual(saved);
  }, 30_000);

  it('close() stops azurite and the endpoint; a second close() is harmless', async () => {
    const extra = await startCacheService();
    const { pid, accountUrl } = extra.azurite;
    expect(pid).toEqual(expect.any(Number));
    expect((await fetch(`${accountUrl}?comp=list`)).status).toBeLessThan(500);
    await extra.close();
    await extra.close();
    await expect(fetch(`${extra.env.ACTIONS_RESULTS_URL}twirp/x`, { method: 'POST' })).rejects.toThrow();
    await expect(fetch(`${accountUrl}?comp=list`)).rejects.toThrow();
    expect(() => process.kill(pid as number, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  }, 30_000);
});
