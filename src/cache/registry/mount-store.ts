import type { BuildxCli } from '../../buildx/toolkit.js';
import { timeoutBound } from '../backends/with-timeout.js';
import { createHelperBuildRunner, helperImageOf, type HelperBuildTimes } from '../helper-build.js';
import type { MountCacheKeys } from '../keys.js';
import type { CacheMount } from '../mounts.js';
import { registryInjectDockerfile, registrySaveDockerfile } from './mount-image-dockerfiles.js';
import { parseCacheManifest, registrySaveOutput, type RegistryEntry } from './refs.js';

/**
 * Moves cache mounts between BuildKit and the registry directly (`dependency-cache-backend: registry`): the
 * runner only asks the registry what a tag holds; the bytes go builder ↔ registry.
 */
export interface RegistryMountStore {
  readonly name: 'registry';
  /** What each ref holds, in order: undefined where the tag does not exist or is not an entry of ours. */
  lookup(
    refs: readonly string[],
    keys: MountCacheKeys,
    signal?: AbortSignal,
  ): Promise<(RegistryEntry | undefined)[]>;
  inject(
    mount: CacheMount,
    entry: RegistryEntry,
    holds?: string,
    signal?: AbortSignal,
  ): Promise<HelperBuildTimes>;
  /** Pushes the mount to `ref` under `key`, over `over` when given; returns the entry pushed. */
  save(
    mount: CacheMount,
    ref: string,
    keys: MountCacheKeys,
    over: RegistryEntry | undefined,
    signal?: AbortSignal,
  ): Promise<RegistryEntry | undefined>;
}

export function createRegistryMountStore(
  buildx: BuildxCli,
  builderName: string,
  scratchDir: string,
): RegistryMountStore {
  async function inspect(
    ref: string,
    keys: MountCacheKeys,
    signal?: AbortSignal,
  ): Promise<RegistryEntry | undefined> {
    // Through the builder: its registry settings (an insecure or mirrored registry) apply here too.
    const result = await buildx.run(
      ['imagetools', 'inspect', '--builder', builderName, '--raw', ref],
      signal && { signal },
    );
    if (result.exitCode === 0) return parseCacheManifest(ref, result.stdout, keys);
    const reason = result.stderr.trim().split('\n').pop() ?? `exit code ${result.exitCode}`;
    // A tag nobody has saved yet is a miss; anything else (no registry, no access) is a fault.
    if (/not found|manifest unknown|name unknown/i.test(reason)) return undefined;
    throw new Error(`could not read ${ref}: ${reason}`);
  }

  const helperBuild = createHelperBuildRunner(buildx, builderName, scratchDir);

  return {
    name: 'registry',
    lookup: (refs, keys, signal) => Promise.all(refs.map((ref) => inspect(ref, keys, signal))),
    inject(mount, entry, holds, signal) {
      return helperBuild({
        kind: 'inject',
        mount,
        dockerfile: registryInjectDockerfile(mount, helperImageOf(mount), entry.pinned, holds),
        output: 'type=cacheonly',
        ...(signal && { signal }),
      });
    },
    async save(mount, ref, keys, over, signal) {
      await helperBuild({
        kind: 'save',
        mount,
        dockerfile: registrySaveDockerfile(mount, helperImageOf(mount), {
          ...(over ? { overPinnedRef: over.pinned } : {}),
          holds: keys.exactPrefix,
        }),
        output: registrySaveOutput(ref, keys.saveKey),
        ...(signal && { signal }),
      });
      // Only for the report's sizes: the push itself has succeeded.
      return inspect(ref, keys, signal).catch(() => undefined);
    },
  };
}

/** Bounds every registry lookup, inject and save by `dependency-cache-timeout`, stopping the buildx behind it. */
export function withRegistryTimeout(store: RegistryMountStore, seconds: number): RegistryMountStore {
  const bounded = timeoutBound(seconds);
  return {
    name: store.name,
    lookup: (refs, keys) => bounded('registry lookup', (signal) => store.lookup(refs, keys, signal)),
    inject: (mount, entry, holds) =>
      bounded('inject from the registry', (signal) => store.inject(mount, entry, holds, signal)),
    save: (mount, ref, keys, over) =>
      bounded('save to the registry', (signal) => store.save(mount, ref, keys, over, signal)),
  };
}
