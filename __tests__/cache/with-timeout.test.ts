import type { ArchiveStore } from '../../src/cache/backends/types.js';
import { withTimeout } from '../../src/cache/backends/with-timeout.js';

/** An in-memory backend: entries by key, restore by exact key then by prefix. */
function memoryBackend(): ArchiveStore & { calls: unknown[][]; entries: Map<string, string> } {
  const entries = new Map<string, string>();
  const calls: unknown[][] = [];
  return {
    name: 'local',
    stopsOnAbort: true,
    calls,
    entries,
    async restore(dir, primaryKey, restoreKeys) {
      calls.push(['restore', dir, primaryKey, restoreKeys]);
      if (entries.has(primaryKey)) return primaryKey;
      for (const prefix of restoreKeys) {
        const key = [...entries.keys()].find((k) => k.startsWith(prefix));
        if (key) return key;
      }
      return undefined;
    },
    async lookup(dir, prefix) {
      calls.push(['lookup', dir, prefix]);
      return [...entries.keys()].find((k) => k.startsWith(prefix));
    },
    async save(dir, key) {
      calls.push(['save', dir, key]);
      entries.set(key, dir);
    },
  };
}

const never = <T>() => new Promise<T>(() => undefined);

describe('withTimeout', () => {
  it('passes name, arguments and results through from a backend that answers in time', async () => {
    const backend = memoryBackend();
    const bounded = withTimeout(backend, 5);
    expect(bounded.name).toBe('local');

    await bounded.save('/tmp/a', 'k-hash-1');
    expect(await bounded.restore('/tmp/b', 'k-hash', ['k-hash-', 'k-'])).toBe('k-hash-1');
    expect(await bounded.restore('/tmp/c', 'other', ['other-'])).toBeUndefined();
    expect(backend.calls).toEqual([
      ['save', '/tmp/a', 'k-hash-1'],
      ['restore', '/tmp/b', 'k-hash', ['k-hash-', 'k-']],
      ['restore', '/tmp/c', 'other', ['other-']],
    ]);
    expect(backend.entries.get('k-hash-1')).toBe('/tmp/a');
  });

  it('rejects a restore that never answers, naming the operation and the seconds', async () => {
    const bounded = withTimeout({ ...memoryBackend(), restore: () => never() }, 0.05);
    await expect(bounded.restore('/tmp/a', 'k', [])).rejects.toThrow(
      new Error('restore timed out after 0.05 s (dependency-cache-timeout)'),
    );
  });

  it('rejects a save that never answers, naming the operation and the seconds', async () => {
    const bounded = withTimeout({ ...memoryBackend(), save: () => never() }, 0.05, 100);
    const started = Date.now();
    await expect(bounded.save('/tmp/a', 'k')).rejects.toThrow(
      'save timed out after 0.05 s (dependency-cache-timeout)',
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('gives an abandoned call its grace to clean up before the timeout is reported', async () => {
    let cleanedUp = false;
    const cleansUpOnAbort = (signal?: AbortSignal) =>
      new Promise<void>((_, reject) =>
        signal?.addEventListener('abort', () =>
          setTimeout(() => {
            cleanedUp = true;
            reject(new Error('stopped'));
          }, 200),
        ),
      );
    const bounded = withTimeout(
      { ...memoryBackend(), save: (_dir, _key, signal) => cleansUpOnAbort(signal) },
      0.05,
      5000,
    );
    await expect(bounded.save('/tmp/a', 'k')).rejects.toThrow(
      'save timed out after 0.05 s (dependency-cache-timeout)',
    );
    expect(cleanedUp).toBe(true);
  });

  it('reports the timeout after the grace when the abandoned call ignores its abort', async () => {
    const bounded = withTimeout({ ...memoryBackend(), restore: () => never() }, 0.05, 300);
    const started = Date.now();
    await expect(bounded.restore('/tmp/a', 'k', [])).rejects.toThrow('restore timed out after 0.05 s');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('propagates a backend error unchanged', async () => {
    const failure = new Error('Cache service responded with 503');
    const bounded = withTimeout(
      {
        ...memoryBackend(),
        restore: () => Promise.reject(failure),
        save: () => Promise.reject(failure),
      },
      5,
    );
    await expect(bounded.restore('/tmp/a', 'k', [])).rejects.toBe(failure);
    await expect(bounded.save('/tmp/a', 'k')).rejects.toBe(failure);
  });
});
