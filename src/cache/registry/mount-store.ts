import type { BuildxCli } from '../../buildx/toolkit.js';
import { createHelperBuildRunner, helperImageOf } from '../helper-build.js';
import type { MountCacheKeys } from '../keys.js';
import type { CacheMount } from '../mounts.js';
import { registryInjectDockerfile, registrySaveDockerfile } from './helper-dockerfiles.js';
import { parseCacheManifest, registrySaveOutput, type RegistryEntry } from './refs.js';

/**
 * Moves cache mounts between BuildKit and the registry directly (`cache-backend: registry`): the
 * runner only asks the registry what a tag holds; the bytes go builder ↔ registry.
 */
export interface RegistryMountStore {
  readonly name: 'registry';
  /** What each ref holds, in order: undefined where the tag does not exist or is not an entry of ours. */
  lookup(refs: readonly string[], keys: MountCacheKeys): Promise<(RegistryEntry | undefined)[]>;
  inject(mount: CacheMount, entry: RegistryEntry, holds?: string): Promise<void>;
  /** Pushes the mount to `ref` under `key`, over `over` when given; returns the entry pushed. */
  save(
    mount: CacheMount,
    ref: string,
    keys: MountCacheKeys,
    over: RegistryEntry | undefined,
  ): Promise<RegistryEntry | undefined>;
}

export function createRegistryMountStore(
  buildx: BuildxCli,
  builderName: string,
  scratchDir: string,
): RegistryMountStore {
  async function inspect(ref: string, keys: MountCacheKeys): Promise<RegistryEntry | undefined> {
    // Through the builder: its registry settings (an insecure or mirrored registry) apply here too.
    const result = await buildx.run(['imagetools', 'inspect', '--builder', builderName, '--raw', ref]);
    if (result.exitCode === 0) return parseCacheManifest(ref, result.stdout, keys);
    const reason = result.stderr.trim().split('\n').pop() ?? `exit code ${result.exitCode}`;
    // A tag nobody has saved yet is a miss; anything else (no registry, no access) is a fault.
    if (/not found|manifest unknown|name unknown/i.test(reason)) return undefined;
    throw new Error(`could not read ${ref}: ${reason}`);
  }

  const helperBuild = createHelperBuildRunner(buildx, builderName, scratchDir);

  return {
    name: 'registry',
    lookup: (refs, keys) => Promise.all(refs.map((ref) => inspect(ref, keys))),
    async inject(mount, entry, holds) {
      await helperBuild({
        kind: 'inject',
        mount,
        dockerfile: registryInjectDockerfile(mount, helperImageOf(mount), entry.pinned, holds),
        output: 'type=cacheonly',
      });
    },
    async save(mount, ref, keys, over) {
      await helperBuild({
        kind: 'save',
        mount,
        dockerfile: registrySaveDockerfile(mount, helperImageOf(mount), {
          ...(over ? { overPinnedRef: over.pinned } : {}),
          holds: keys.exactPrefix,
        }),
        output: registrySaveOutput(ref, keys.saveKey),
      });
      // Only for the report's sizes: the push itself has succeeded.
      return inspect(ref, keys).catch(() => undefined);
    },
  };
}
