// Where `dependency-cache-backend: registry` keeps each cache mount: one image per mount and cache scope, beside
// the layer cache, its tag moved forward by every save (so old entries are replaced, not kept), the
// key it was saved under in a manifest annotation. Pure: the effects are in mount-store.ts.
import { createHash } from 'node:crypto';

import * as v from 'valibot';

import { manifestSummarySchema } from '../../domain/oci-schema.js';

import { restoreStatus, type DependencyCacheStatus, type MountCacheKeys } from '../keys.js';
import { cacheMountId, type CacheMount } from '../mounts.js';
import type { CacheScopes } from '../scopes.js';

/** The manifest annotation that names the key an entry was saved under. */
export const CACHE_KEY_ANNOTATION = 'org.docker-fast-build.cache-key';
/**
 * A delta is one more layer over the image it restored; past this many layers the next save is whole
 * again, so that a restore never pulls a long chain (and files deleted from the mount finally go).
 */
export const MAX_ENTRY_LAYERS = 8;

const TAG_PREFIX = 'depcache';
const TAG_VERSION = 'v1';

/** A tag field: readable, lower case, anything outside [a-z0-9.-] made `-`, at most `length` characters. */
function readable(text: string, length: number): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, length)
      .replace(/[-.]+$/, '') || 'x'
  );
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}

export interface RegistryTagFacts {
  os: string;
  arch: string;
}

/**
 * `depcache-v1-root-.cache-pip-<hash>-heads-main-<hash>`: the mount (with the os and arch its files
 * were made for) and the cache scope, each readable and then a hash of the exact value, so that
 * `main` and `MAIN`, or `/a/b` and `/a-b`, never share a tag. Under 128 characters, as tags must be.
 */
export function registryCacheTag(
  mount: Pick<CacheMount, 'id' | 'target'>,
  facts: RegistryTagFacts,
  scope: string,
): string {
  const id = cacheMountId(mount);
  const mountField = `${readable(id, 30)}-${shortHash(`${TAG_VERSION}\n${facts.os}\n${facts.arch}\n${id}`)}`;
  const scopeField = `${readable(scope.replace(/^refs\//, ''), 40)}-${shortHash(scope)}`;
  return `${TAG_PREFIX}-${TAG_VERSION}-${mountField}-${scopeField}`;
}

export interface RegistryMountRefs {
  /** Refs a restore looks at, in the order of the scopes it may read. */
  read: string[];
  /** The one ref this run's save moves forward; undefined when it must save nothing. */
  write: string | undefined;
}

/** The same scopes as every backend (see scopes.ts): a pull request writes only its own, never what the default branch reads. */
export function planRegistryMountRefs(
  repository: string,
  mount: Pick<CacheMount, 'id' | 'target'>,
  facts: RegistryTagFacts,
  scopes: Pick<CacheScopes, 'read' | 'write'>,
): RegistryMountRefs {
  const ref = (scope: string) => `${repository}:${registryCacheTag(mount, facts, scope)}`;
  return { read: scopes.read.map(ref), write: scopes.write === undefined ? undefined : ref(scopes.write) };
}

/** One entry as the registry holds it (see parseCacheManifest). */
export interface RegistryEntry {
  /** The tag it was found under. */
  ref: string;
  /** `<repository>@sha256:…`: what the inject and a delta save use, so a save in between changes nothing. */
  pinned: string;
  key: string;
  layers: number;
  /** Compressed bytes of its layers. */
  bytes: number;
}

const MANIFEST_TYPES: ReadonlySet<string> = new Set([
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
]);

/**
 * Reads `imagetools inspect --raw` of a tag: undefined when it is no entry of ours (an index, no key
 * annotation, a key of another mount). The digest is the hash of those exact bytes.
 */
export function parseCacheManifest(
  ref: string,
  raw: string,
  keys: Pick<MountCacheKeys, 'restoreKeys'>,
): RegistryEntry | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const read = v.safeParse(manifestSummarySchema, parsed);
  if (!read.success) return undefined;
  const manifest = read.output;
  if (manifest.mediaType === undefined || !MANIFEST_TYPES.has(manifest.mediaType)) return undefined;
  const key = manifest.annotations?.[CACHE_KEY_ANNOTATION];
  const mountPrefix = keys.restoreKeys[keys.restoreKeys.length - 1] ?? '';
  if (typeof key !== 'string' || !/^[A-Za-z0-9._-]{1,512}$/.test(key) || !key.startsWith(mountPrefix))
    return undefined;
  const layers = manifest.layers ?? [];
  const digest = `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  return {
    ref,
    pinned: `${repositoryOf(ref)}@${digest}`,
    key,
    layers: layers.length,
    bytes: layers.reduce((sum, layer) => sum + (layer.size ?? 0), 0),
  };
}

/** `host:5000/app:tag` → `host:5000/app` (a port's colon is followed by a slash). */
export function repositoryOf(ref: string): string {
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':', lastSlash + 1);
  return colon < 0 ? ref : ref.slice(0, colon);
}

export interface ChosenEntry {
  entry: RegistryEntry;
  status: Exclude<DependencyCacheStatus, 'off' | 'miss'>;
}

/**
 * An entry made from the same lockfiles in any scope the run may read (its own first), else the
 * first scope's entry of the mount. Each scope holds one entry, the newest, so its own scope's
 * older lockfiles must not hide the base branch's exact entry.
 */
export function chooseRegistryEntry(
  keys: MountCacheKeys,
  found: readonly (RegistryEntry | undefined)[],
): ChosenEntry | undefined {
  const entries = found.filter((entry): entry is RegistryEntry => entry !== undefined);
  const exact = entries.find((entry) => restoreStatus(keys, entry.key) === 'exact');
  if (exact) return { entry: exact, status: 'exact' };
  return entries[0] && { entry: entries[0], status: 'partial' };
}

/** What a save pushes over: the restored image after a partial hit, unless its chain is long enough. */
export function saveOver(chosen: ChosenEntry | undefined): RegistryEntry | undefined {
  if (!chosen || chosen.status !== 'partial') return undefined;
  return chosen.entry.layers < MAX_ENTRY_LAYERS ? chosen.entry : undefined;
}

/**
 * `--output` of a save: the image is pushed by BuildKit, its layers zstd-compressed (fast both ways;
 * wheels are compressed already), with the key as a manifest annotation.
 */
export function registrySaveOutput(ref: string, key: string): string {
  return [
    'type=registry',
    `name=${ref}`,
    'oci-mediatypes=true',
    'compression=zstd',
    // Pushed only: the docker driver would otherwise keep every cache image in the engine too.
    'store=false',
    `annotation.${CACHE_KEY_ANNOTATION}=${key}`,
  ].join(',');
}
