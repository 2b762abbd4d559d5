import { createHash } from 'node:crypto';

import { specFields } from '../inputs/parse.js';
import type { CacheMode, LayerCacheKind, PullRequestLayerCache } from '../domain/layer-cache.js';

/** Where BuildKit's layer cache is read from and written to for this build. */
export interface LayerCachePlan {
  kind: LayerCacheKind;
  /** Human-readable names of the caches read, most specific first (refs, scopes or directories). */
  readRefs: string[];
  /** The one cache this build writes; undefined when it writes none. */
  writeRef: string | undefined;
  /** Values for `--cache-from` and `--cache-to`, in order. */
  cacheFrom: string[];
  cacheTo: string[];
}

export interface LayerCacheFacts {
  kind: LayerCacheKind;
  mode: CacheMode;
  /**
   * What a pull request writes to the gha layer cache, which GitHub caps per repository (10 GB by
   * default) and where its entries evict the default branch's: `min` (its own scope, final layers
   * only), `max` (its own scope, `mode` as given) or `off`. A stranger's pull request never writes.
   */
  pullRequestWrites?: PullRequestLayerCache;
  /** Repository that holds the cache tags (layer-cache-repository, else image); only for `registry`. */
  repository: string;
  /** Image tags, for the inline cache. */
  tags: string[];
  cacheDir: string;
  branch: string;
  baseBranch: string;
  defaultBranch: string;
  pullRequestNumber: number | undefined;
  /** A fork's pull request, a pull_request_target run, a workflow_run of a fork's: a stranger's code. */
  untrustedHead?: boolean;
  /** The run saves nothing (see cache/save-policy.ts): it reads the caches and writes none. */
  readOnly?: boolean;
}

const TAG_PREFIX = 'buildcache-';
/**
 * A pull request's own cache. `_` right after `buildcache` is what no branch can get: every branch
 * tag is `buildcache-` and a slug, so a branch named `pr-7` or `PR/7` never reads or writes it.
 */
const PULL_REQUEST_TAG_PREFIX = 'buildcache_pr-';
const MAX_TAG_LENGTH = 128;

/** `feature/X_1` → `feature-x_1`: lower case, anything outside [a-z0-9_.-] becomes `-`. */
export function branchSlug(branch: string): string {
  const slug = branch.toLowerCase().replace(/[^a-z0-9_.-]/g, '-');
  const room = MAX_TAG_LENGTH - TAG_PREFIX.length;
  if (slug.length <= room) return slug || 'unknown';
  // Long names keep a hash so that two branches sharing a long prefix never share a cache tag.
  const hash = createHash('sha256').update(branch).digest('hex').slice(0, 8);
  return `${slug.slice(0, room - 9)}-${hash}`;
}

export function layerCacheTag(branch: string): string {
  return `${TAG_PREFIX}${branchSlug(branch)}`;
}

/** `buildcache_pr-7`: the pull request's namespace, apart from every branch's (see PULL_REQUEST_TAG_PREFIX). */
export function pullRequestLayerCacheTag(pullRequestNumber: number): string {
  return `${PULL_REQUEST_TAG_PREFIX}${pullRequestNumber}`;
}

/** A tag no other branch name maps to: the slug with a hash of the exact name. */
function distinctLayerCacheTag(branch: string): string {
  const hash = createHash('sha256').update(branch).digest('hex').slice(0, 8);
  return `${TAG_PREFIX}${branchSlug(branch).slice(0, MAX_TAG_LENGTH - TAG_PREFIX.length - 9)}-${hash}`;
}

/**
 * One cache per branch, read back through the base and default branches' caches.
 * A pull request never writes its base's or the default branch's cache, even when its head
 * branch has the same name (a fork's main), and a stranger’s pull request writes only its own `buildcache_pr-N`.
 */
export function planLayerCache(facts: LayerCacheFacts): LayerCachePlan {
  const isPullRequest = facts.pullRequestNumber !== undefined;
  // A pull request whose head is named like the branch it merges into, or like the default
  // branch (a fork's main), would overwrite that branch's cache: it gets a cache of its own.
  // So does every fork: its head branch is named in another repository, where `release` may be anything.
  const headSlug = branchSlug(facts.branch);
  const sharesProtectedName =
    headSlug === branchSlug(facts.defaultBranch) ||
    (facts.baseBranch !== '' && headSlug === branchSlug(facts.baseBranch));
  const ownCache = isPullRequest && (sharesProtectedName || facts.untrustedHead === true);
  // A push to `MAIN` or `Main` must not write main's cache: a branch spelled like a protected one
  // (the same slug, another name) gets a tag of its own.
  const spelledLikeProtected =
    !isPullRequest &&
    [facts.defaultBranch, facts.baseBranch].some(
      (name) => name !== '' && name !== facts.branch && branchSlug(name) === headSlug,
    );
  const ownTag =
    ownCache && facts.pullRequestNumber !== undefined
      ? pullRequestLayerCacheTag(facts.pullRequestNumber)
      : spelledLikeProtected
        ? distinctLayerCacheTag(facts.branch)
        : layerCacheTag(facts.branch);
  const readTags = unique([
    ownTag,
    ...[facts.baseBranch, facts.defaultBranch].filter(Boolean).map(layerCacheTag),
  ]);
  const writeTag = ownTag;
  // A stranger's code with no pull request of its own (a workflow_run of a fork's run) writes nothing.
  const writesNothing = facts.readOnly === true || (facts.untrustedHead === true && !isPullRequest);
  const ignoreError = 'ignore-error=true';

  switch (facts.kind) {
    case 'none':
      return { kind: 'none', readRefs: [], writeRef: undefined, cacheFrom: [], cacheTo: [] };
    case 'registry': {
      const ref = (tag: string) => `${facts.repository}:${tag}`;
      return {
        kind: 'registry',
        readRefs: readTags.map(ref),
        writeRef: writesNothing ? undefined : ref(writeTag),
        cacheFrom: readTags.map((tag) => `type=registry,ref=${ref(tag)}`),
        cacheTo: writesNothing
          ? []
          : [`type=registry,ref=${ref(writeTag)},mode=${facts.mode},${ignoreError}`],
      };
    }
    case 'gha': {
      const policy = isPullRequest ? (facts.pullRequestWrites ?? 'min') : 'max';
      const writes = !writesNothing && !(isPullRequest && (policy === 'off' || facts.untrustedHead === true));
      const mode = isPullRequest && policy === 'min' ? 'min' : facts.mode;
      return {
        kind: 'gha',
        readRefs: readTags,
        writeRef: writes ? writeTag : undefined,
        cacheFrom: readTags.map((tag) => `type=gha,scope=${tag}`),
        cacheTo: writes ? [`type=gha,scope=${writeTag},mode=${mode},${ignoreError}`] : [],
      };
    }
    case 'local': {
      // parseInputs has made sure local-cache-dir is set for the local layer cache.
      const dir = (tag: string) => `${facts.cacheDir.replace(/\/+$/, '')}/layers/${tag}`;
      return {
        kind: 'local',
        readRefs: readTags.map(dir),
        writeRef: writesNothing ? undefined : dir(writeTag),
        cacheFrom: readTags.map((tag) => `type=local,src=${dir(tag)}`),
        cacheTo: writesNothing ? [] : [`type=local,dest=${dir(writeTag)},mode=${facts.mode},${ignoreError}`],
      };
    }
    case 'inline':
      // Read-only or not: the inline cache is part of the image the workflow itself pushes.
      // The cache travels inside the pushed image itself, so it is read back from the image's own tags.
      return {
        kind: 'inline',
        readRefs: facts.tags,
        writeRef: facts.tags[0],
        cacheFrom: facts.tags.map((tag) => `type=registry,ref=${tag}`),
        cacheTo: ['type=inline'],
      };
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** build-push-action's layer cache inputs, which a workflow may still set. */
export interface ExplicitLayerCache {
  cacheFrom: string[];
  cacheTo: string[];
  noCache: boolean;
}

// What the stored report keeps of the caches read (untrusted.ts caps the list when reading it back).
const MAX_READ_REFS = 10;

/**
 * Explicit `cache-from`/`cache-to` replace the planned layer cache, both directions at once: a
 * workflow that names its caches keeps exactly those (as with build-push-action), not ours beside
 * them. `no-cache` drops the planned reads, which BuildKit would ignore, but keeps the write, so
 * the next build starts from a fresh cache. Returns the plan and what changed, for the log.
 */
export function applyExplicitLayerCache(
  planned: LayerCachePlan,
  explicit: ExplicitLayerCache,
): { layerCache: LayerCachePlan; notes: string[] } {
  const notes: string[] = [];
  let layerCache = planned;
  if (explicit.cacheFrom.length > 0 || explicit.cacheTo.length > 0) {
    const first = explicit.cacheTo[0] ?? explicit.cacheFrom[0] ?? '';
    const type = cacheSpecType(first);
    layerCache = {
      kind: (['registry', 'gha', 'local', 'inline'] as const).find((kind) => kind === type) ?? 'none',
      readRefs: explicit.cacheFrom.map(describeCacheSpec).slice(0, MAX_READ_REFS),
      writeRef: explicit.cacheTo[0] === undefined ? undefined : describeCacheSpec(explicit.cacheTo[0]),
      cacheFrom: explicit.cacheFrom,
      cacheTo: explicit.cacheTo,
    };
    notes.push(
      `cache-from/cache-to are set: they replace the planned ${planned.kind} layer cache (it would have read ${
        planned.readRefs.join(', ') || 'nothing'
      } and written ${planned.writeRef ?? 'nothing'})`,
    );
  }
  if (explicit.noCache && layerCache.readRefs.length > 0) {
    const explicitReads = explicit.cacheFrom.length > 0;
    layerCache = {
      ...layerCache,
      readRefs: [],
      // The user's own cache-from still reaches buildx, as build-push-action passes it.
      cacheFrom: explicitReads ? layerCache.cacheFrom : [],
    };
    notes.push(
      `no-cache: the layer cache is not read${layerCache.writeRef ? `; ${layerCache.writeRef} is still written` : ''}`,
    );
  }
  return { layerCache, notes };
}

/** `type=…` of a cache spec; a bare reference is a registry cache, as buildx reads it. */
function cacheSpecType(spec: string): string {
  return spec.includes('=') ? (specFields(spec).get('type') ?? '') : 'registry';
}

/**
 * What the log, the outputs and the report show of a cache spec: its ref, scope or directory, never
 * its other attributes (an s3 or azblob spec may carry a key).
 */
export function describeCacheSpec(spec: string): string {
  if (!spec.includes('=')) return spec;
  const fields = specFields(spec);
  const type = fields.get('type') ?? '';
  switch (type) {
    case 'registry':
      return fields.get('ref') ?? type;
    case 'gha':
      // BuildKit's default gha scope.
      return fields.get('scope') ?? 'buildkit';
    case 'local':
      return fields.get('src') ?? fields.get('dest') ?? type;
    default:
      return fields.has('name') ? `${type}:${fields.get('name')}` : type;
  }
}
