import { createHash } from 'node:crypto';

import { cacheMountId, type CacheMount } from './mounts.js';

export type DependencyCacheStatus = 'exact' | 'partial' | 'miss' | 'off';

/**
 * Keys of one mount's cache. Every save gets a key of its own (`…-<hash>-<run>`), because the
 * Actions cache cannot overwrite an entry: a corrupt one is then replaced by a newer save, which
 * restore prefers, instead of being served forever.
 */
export interface MountCacheKeys {
  /** What restore asks for first; never saved as such. */
  primaryKey: string;
  /** Newest entry of this lockfile hash, then newest entry of this mount. */
  restoreKeys: string[];
  /** The key a save in this run writes. */
  saveKey: string;
  /** Entries whose key starts with this were made from the same lockfiles. */
  exactPrefix: string;
}

export interface KeyFacts {
  os: string;
  arch: string;
  lockfileHash: string;
  /** Unique per run and attempt, without dashes, e.g. `<run id>.<attempt>`. */
  runStamp: string;
}

const KEY_VERSION = 'v1';

/**
 * `/root/.cache/pip` → `root-.cache-pip-<8 hex>`: readable, and the hash of the exact id keeps
 * `/a/b` and `/a-b` apart and stops one mount's key prefix from matching another's (`pip` / `pip-tools`).
 */
export function mountSlug(mount: Pick<CacheMount, 'id' | 'target'>): string {
  const id = cacheMountId(mount);
  const readable =
    id
      .replace(/^\/+|\/+$/g, '')
      .replace(/[^A-Za-z0-9_.-]+/g, '-')
      .slice(0, 70) || 'root';
  return `${readable}-${createHash('sha256').update(id).digest('hex').slice(0, 8)}`;
}

export function mountCacheKeys(mount: Pick<CacheMount, 'id' | 'target'>, facts: KeyFacts): MountCacheKeys {
  const mountPrefix = `docker-fast-build-${KEY_VERSION}-${facts.os}-${facts.arch}-${mountSlug(mount)}-`;
  const exactPrefix = `${mountPrefix}${facts.lockfileHash}-`;
  return {
    primaryKey: `${mountPrefix}${facts.lockfileHash}`,
    restoreKeys: [exactPrefix, mountPrefix],
    saveKey: `${exactPrefix}${facts.runStamp}`,
    exactPrefix,
  };
}

export function restoreStatus(
  keys: MountCacheKeys,
  matchedKey: string | undefined,
): Exclude<DependencyCacheStatus, 'off'> {
  if (!matchedKey) return 'miss';
  return matchedKey.startsWith(keys.exactPrefix) || matchedKey === keys.primaryKey ? 'exact' : 'partial';
}

/** One word for all mounts: exact only when every mount hit exactly, miss only when none restored anything. */
export function overallStatus(statuses: DependencyCacheStatus[]): DependencyCacheStatus {
  const active = statuses.filter((s) => s !== 'off');
  if (active.length === 0) return 'off';
  if (active.every((s) => s === 'exact')) return 'exact';
  if (active.every((s) => s === 'miss')) return 'miss';
  return 'partial';
}
