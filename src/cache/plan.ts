import path from 'node:path';

import { mountCacheKeys, mountSlug, type KeyFacts, type MountCacheKeys } from './keys.js';
import { cacheMountId, type CacheMount } from './mounts.js';

export interface PlannedMountCache {
  mount: CacheMount;
  keys: MountCacheKeys;
  /** Host directory the mount's contents pass through; the same path on every run (it is part of the cache version). */
  dir: string;
  /** See cacheStepFingerprints; undefined when the mount's steps see more than the lockfiles. */
  stepFingerprint: string | undefined;
}

export interface DependencyCachePlan {
  enabled: boolean;
  mounts: PlannedMountCache[];
  /** Mounts found but left out, and why (shown as warnings). */
  skipped: { mount: CacheMount; reason: string }[];
  /** Targets named in `dependency-cache` that no RUN --mount=type=cache uses. */
  unknownTargets: string[];
}

export interface DependencyCacheFacts {
  /** The `dependency-cache` input: auto, off, or a list of mount targets (or ids). */
  setting: string;
  mounts: CacheMount[];
  keyFacts: KeyFacts;
  /** The same directory on every run of a runner (see actionTempDir), e.g. $RUNNER_TEMP/docker-fast-build/cache-mounts. */
  hostRoot: string;
  /** Mount id → fingerprint of the steps using it (cacheStepFingerprints). */
  stepFingerprints?: ReadonlyMap<string, string | undefined>;
}

export function planDependencyCache(facts: DependencyCacheFacts): DependencyCachePlan {
  const setting = facts.setting.trim();
  if (setting === 'off') return { enabled: false, mounts: [], skipped: [], unknownTargets: [] };
  const wanted =
    setting === 'auto' || setting === ''
      ? undefined
      : setting
          .split(/[\n,]/)
          .map((s) => s.trim().replace(/(.)\/+$/, '$1'))
          .filter(Boolean);
  const matches = (mount: CacheMount, name: string) =>
    name === mount.target.replace(/(.)\/+$/, '$1') || name === cacheMountId(mount);
  const chosen = wanted ? facts.mounts.filter((m) => wanted.some((name) => matches(m, name))) : facts.mounts;
  const unknownTargets = wanted ? wanted.filter((name) => !facts.mounts.some((m) => matches(m, name))) : [];
  const skipped = chosen
    .map((mount) => ({ mount, reason: whyNotCarried(mount) }))
    .filter((s): s is { mount: CacheMount; reason: string } => s.reason !== undefined);
  const mounts = chosen
    .filter((m) => whyNotCarried(m) === undefined)
    .map((mount) => ({
      mount,
      keys: mountCacheKeys(mount, facts.keyFacts),
      dir: path.join(facts.hostRoot, mountSlug(mount)),
      stepFingerprint: facts.stepFingerprints?.get(cacheMountId(mount)),
    }));
  return { enabled: true, mounts, skipped, unknownTargets };
}

// The helper builds repeat these values inside a --mount flag: anything that could end the flag or
// start shell text (spaces, quotes, commas, $) is refused rather than quoted.
const SAFE_MOUNT_VALUE = /^[A-Za-z0-9_./@:+=-]*$/;

function whyNotCarried(mount: CacheMount): string | undefined {
  if (!mount.helperImage) return 'no base image with a shell could be resolved for its stage';
  const unsafe = [mount.target, mount.id, mount.uid, mount.gid, mount.mode].find(
    (v) => !SAFE_MOUNT_VALUE.test(v),
  );
  if (unsafe === undefined) return undefined;
  // Left with a `$` only when findCacheMounts could not expand it: a build arg not given here, or a
  // variable of the base image's environment.
  const variables = /\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g;
  return unsafe !== unsafe.replace(variables, '') && SAFE_MOUNT_VALUE.test(unsafe.replace(variables, ''))
    ? `its options name a variable whose value is not known before the build ('${unsafe}'); name the path itself, or give the ARG a default or a build-arg`
    : `its options hold characters the helper builds cannot repeat safely ('${unsafe}')`;
}
