import type { DependencyCacheBackend } from './types.js';

/**
 * Bounds every restore and save: @actions/cache has no timeout of its own, and a cache service that
 * stops answering must cost a warning, not a build stuck until the job's limit.
 */
export function withTimeout(backend: DependencyCacheBackend, seconds: number): DependencyCacheBackend {
  const bounded = <T>(what: string, operation: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what} timed out after ${seconds} s (cache-timeout)`)),
        seconds * 1000,
      );
    });
    return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
  };
  return {
    name: backend.name,
    restore: (dir, primaryKey, restoreKeys) =>
      bounded('restore', backend.restore(dir, primaryKey, restoreKeys)),
    save: (dir, key) => bounded('save', backend.save(dir, key)),
  };
}
