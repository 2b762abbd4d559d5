// `dependency-cache-backend: registry`: entries are images beside the layer cache. BuildKit pulls
// one into the mount and pushes the mount as one; no archive passes through the runner, which only
// asks the registry (through the builder) what each tag holds.
import { cacheMountId } from '../mounts.js';
import type { DependencyCacheStore, FoundEntry, TakenOut } from '../store.js';
import type { RegistryMountStore } from './mount-store.js';
import { chooseRegistryEntry, saveOver, type ChosenEntry, type RegistryMountRefs } from './refs.js';

interface FoundImage extends FoundEntry {
  chosen: ChosenEntry;
}

export function registryCacheStore(
  images: RegistryMountStore,
  /** Mount id → the refs it is read from and written to (planRegistryMountRefs). */
  refs: ReadonlyMap<string, RegistryMountRefs>,
  info: (message: string) => void,
): DependencyCacheStore<FoundImage, TakenOut> {
  return {
    name: 'registry',
    // Through the builder, so that its registry settings (insecure, mirrored) apply.
    findsThroughBuilder: true,
    // A save pushes from the mount as the build left it: only once the build has succeeded.
    savesDuringBuild: false,
    // Not told without asking the registry for every scope's tag; the probe asks the builder anyway.
    anyEntryStored: async () => true,
    // Each scope's tag holds its newest entry only: a kept entry is not told apart.
    keptEntry: async () => undefined,
    async find({ mount, keys }) {
      const read = refs.get(cacheMountId(mount))?.read;
      if (!read) return undefined;
      const chosen = chooseRegistryEntry(keys, await images.lookup(read, keys));
      return chosen && { status: chosen.status, key: chosen.entry.key, bytes: chosen.entry.bytes, chosen };
    },
    async inject({ mount, keys }, found) {
      const holds = found.status === 'exact' ? keys.exactPrefix : undefined;
      try {
        return await images.inject(mount, found.chosen.entry, holds);
      } catch (error) {
        throw new Error(`from ${found.chosen.entry.ref}: ${(error as Error).message}`, { cause: error });
      }
    },
    // BuildKit pushes the mount itself.
    takeOut: async () => ({}),
    async save({ mount, keys }, _taken, over) {
      const nothing = { prunedBytes: 0, prunedFiles: 0 };
      const ref = refs.get(cacheMountId(mount))?.write;
      if (!ref) return nothing;
      const under = saveOver(over?.chosen);
      const pushed = await images.save(mount, ref, keys, under);
      if (under)
        info(
          `Dependency cache for ${mount.target}: pushed only what this build added, as a layer over ${under.key}.`,
        );
      info(`Dependency cache for ${mount.target} pushed to ${ref}.`);
      return {
        ...nothing,
        saved: {
          key: keys.saveKey,
          bytes: Math.max(0, (pushed?.bytes ?? 0) - (under?.bytes ?? 0)),
          ...(under && { deltaOf: under.key }),
        },
      };
    },
  };
}
