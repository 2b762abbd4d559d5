import { createHash } from 'node:crypto';

import { cacheMountId, type CacheMount } from './mounts.js';

export type DependencyCacheStatus = 'exact' | 'partial' | 'miss' | 'off';

/**
 * Keys of one mount's cache. Every save gets a key of its own (`…_<hash>_<run>`), because the
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
  /** Unique per run and attempt, e.g. `<run id>.<attempt>`. */
  runStamp: string;
}

const KEY_VERSION = 'v2';
// Between the fields of a key. No field holds one, so a prefix ending in it stands for whole fields:
// image `app` with branch `x-y` can never read as image `app-x` with branch `y`.
const SEPARATOR = '_';

/** A key field as it is, with anything outside [A-Za-z0-9.-] (the separator included) made `-`. */
function field(text: string): string {
  return text.replace(/[^A-Za-z0-9.-]+/g, '-') || '-';
}

/** A field for a free-form name (an image, a branch): readable, then a hash of the exact name. */
export function exactKeyField(name: string): string {
  return `${field(name).slice(0, 60)}-${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
}

/** Joins key fields; `open` leaves a trailing separator, for a prefix that only whole fields extend. */
export function joinKey(fields: string[], open = false): string {
  return `${fields.join(SEPARATOR)}${open ? SEPARATOR : ''}`;
}

/**
 * `/root/.cache/pip` → `root-.cache-pip-<8 hex>`: readable, and the hash of the exact id keeps
 * `/a/b` and `/a-b` apart.
 */
export function mountSlug(mount: Pick<CacheMount, 'id' | 'target'>): string {
  const id = cacheMountId(mount);
  const readable =
    id
      .replace(/^\/+|\/+$/g, '')
      .replace(/[^A-Za-z0-9.-]+/g, '-')
      .slice(0, 70) || 'root';
  return `${readable}-${createHash('sha256').update(id).digest('hex').slice(0, 8)}`;
}

export function mountCacheKeys(mount: Pick<CacheMount, 'id' | 'target'>, facts: KeyFacts): MountCacheKeys {
  const mountFields = [
    `docker-fast-build-${KEY_VERSION}`,
    field(facts.os),
    field(facts.arch),
    mountSlug(mount),
  ];
  const exactFields = [...mountFields, field(facts.lockfileHash)];
  const exactPrefix = joinKey(exactFields, true);
  return {
    primaryKey: joinKey(exactFields),
    restoreKeys: [exactPrefix, joinKey(mountFields, true)],
    saveKey: `${exactPrefix}${field(facts.runStamp)}`,
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
