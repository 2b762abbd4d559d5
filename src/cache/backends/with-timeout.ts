import type { DependencyCacheBackend } from './types.js';

/**
 * Bounds every restore and save: @actions/cache has no timeout of its own, and a cache service that
 * stops answering must cost a warning, not a build stuck until the job's limit. The abandoned call
 * is aborted, so the local backend's tar and zstd stop instead of finishing after the warning.
 */
export function withTimeout(backend: DependencyCacheBackend, seconds: number): DependencyCacheBackend {
  const bounded = <T>(what: string, operation: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const abandon = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`${what} timed out after ${seconds} s (cache-timeout)`);
        abandon.abort(error);
        reject(error);
      }, seconds * 1000);
    });
    return Promise.race([operation(abandon.signal), timeout]).finally(() => clearTimeout(timer));
  };
  return {
    name: backend.name,
    restore: (dir, primaryKey, restoreKeys) =>
      bounded('restore', (signal) => backend.restore(dir, primaryKey, restoreKeys, signal)),
    save: (dir, key) => bounded('save', (signal) => backend.save(dir, key, signal)),
  };
}
