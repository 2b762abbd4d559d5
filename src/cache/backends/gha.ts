import * as cache from '@actions/cache';

import type { DependencyCacheBackend } from './types.js';

/**
 * The Actions cache service through @actions/cache. The directory path is part of the entry's
 * version, so callers must use the same path on save and restore.
 */
export function createGhaBackend(): DependencyCacheBackend {
  return {
    name: 'gha',
    async restore(dir, primaryKey, restoreKeys) {
      return (await cache.restoreCache([dir], primaryKey, restoreKeys, {}, false)) ?? undefined;
    },
    async save(dir, key) {
      await cache.saveCache([dir], key);
    },
  };
}
