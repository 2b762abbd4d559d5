import * as cache from '@actions/cache';

import { checkRestoredMembers, restoreByteLimit } from './entry-members.js';
import type { ArchiveStore } from './types.js';

/**
 * The Actions cache service through @actions/cache. The directory path is part of the entry's
 * version, so callers must use the same path on save and restore. The service scopes entries by
 * ref: a run reads its own branch's (or pull request's), its base branch's and the default
 * branch's, and writes its own.
 */
export function createGhaBackend(maxCacheSize = Number.POSITIVE_INFINITY): ArchiveStore {
  return {
    name: 'gha',
    stopsOnAbort: false,
    async restore(dir, primaryKey, restoreKeys) {
      const matched = (await cache.restoreCache([dir], primaryKey, restoreKeys, {}, false)) ?? undefined;
      // @actions/cache unpacks with the runner's tar, and says nothing of the archive's size: what it
      // left in our directory is checked here, against dependency-cache-max-size only.
      if (matched) await checkRestoredMembers(dir, restoreByteLimit(undefined, maxCacheSize));
      return matched;
    },
    async lookup(dir, prefix) {
      return (await cache.restoreCache([dir], prefix, [prefix], { lookupOnly: true }, false)) ?? undefined;
    },
    async save(dir, key) {
      await cache.saveCache([dir], key);
    },
  };
}
