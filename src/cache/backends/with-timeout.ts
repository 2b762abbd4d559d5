import { Input } from '../../constants.js';
import type { ArchiveStore } from './types.js';

/** How long an abandoned call may take to clean up after its abort, before the warning is given anyway. */
const ABANDON_GRACE_MS = 3000;

/** A call abandoned after `dependency-cache-timeout`; what it started may still be running. */
export class CacheTimeoutError extends Error {
  override name = 'CacheTimeoutError';
}

/**
 * Bounds every restore and save: @actions/cache has no timeout of its own, and a cache service that
 * stops answering must cost a warning, not a build stuck until the job's limit. The abandoned call
 * is aborted, so the local backend's tar and zstd stop instead of finishing after the warning; the
 * action exits at once when its step is done, so the call gets a short grace to remove what it
 * half-wrote before the timeout is reported.
 */
export function withTimeout(
  backend: ArchiveStore,
  seconds: number,
  graceMs = ABANDON_GRACE_MS,
): ArchiveStore {
  const bounded = timeoutBound(seconds, graceMs);
  return {
    name: backend.name,
    stopsOnAbort: backend.stopsOnAbort,
    restore: (dir, primaryKey, restoreKeys) =>
      bounded('restore', (signal) => backend.restore(dir, primaryKey, restoreKeys, signal)),
    lookup: (dir, prefix) => bounded('lookup', (signal) => backend.lookup(dir, prefix, signal)),
    save: (dir, key) => bounded('save', (signal) => backend.save(dir, key, signal)),
  };
}

/**
 * Runs an operation for at most `seconds`; past it the operation is aborted and, after a grace to
 * clean up, the call rejects with an error naming `what` and dependency-cache-timeout.
 */
export function timeoutBound(
  seconds: number,
  graceMs = ABANDON_GRACE_MS,
): <T>(what: string, operation: (signal: AbortSignal) => Promise<T>) => Promise<T> {
  return <T>(what: string, operation: (signal: AbortSignal) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const abandon = new AbortController();
      const running = operation(abandon.signal);
      const timer = setTimeout(() => {
        const error = new CacheTimeoutError(
          `${what} timed out after ${seconds} s (${Input.DependencyCacheTimeout})`,
        );
        abandon.abort(error);
        let grace: NodeJS.Timeout | undefined;
        const graceOver = new Promise<void>((done) => {
          grace = setTimeout(done, graceMs);
        });
        const settled = running.then(
          () => undefined,
          () => undefined,
        );
        void Promise.race([settled, graceOver]).then(() => {
          clearTimeout(grace);
          reject(error);
        });
      }, seconds * 1000);
      // What the call does once abandoned is not its answer: the timeout is.
      running.then(
        (value) => {
          if (abandon.signal.aborted) return;
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          if (abandon.signal.aborted) return;
          clearTimeout(timer);
          reject(error);
        },
      );
    });
}
