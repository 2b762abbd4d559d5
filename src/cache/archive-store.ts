// Entries as archives in an ArchiveStore (the Actions cache, a local directory): restored to the
// runner before the build, put into BuildKit by a helper build, taken out as soon as the build is
// done with the mount (see mount-transfer.ts) and saved from the runner.
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

import { plural } from '../units.js';
import { cacheArchiveRefusal, fileBytes, pruneArchive } from './archive.js';
import type { ArchiveStore } from './backends/types.js';
import { CacheTimeoutError } from './backends/with-timeout.js';
import { deltaBaseOf, restoreDeltaBase, writeDeltaManifest } from './delta-entries.js';
import { parseDownloadsReport } from './download-policy.js';
import { restoreStatus } from './keys.js';
import { ARCHIVE_NAME, DELTA_ARCHIVE_NAME, DOWNLOADS_REPORT } from './mount-dockerfiles.js';
import type { ExtractedArchive, MountTransfer } from './mount-transfer.js';
import { RestoreAbandonedError, type DependencyCacheStore, type FoundEntry, type TakenOut } from './store.js';

interface TakenArchive extends TakenOut {
  archive: ExtractedArchive;
}

export function archiveCacheStore(
  backend: ArchiveStore,
  transfer: MountTransfer,
  info: (message: string) => void,
): DependencyCacheStore<FoundEntry, TakenArchive> {
  /** Over a whole entry only what the build added is saved; never a delta over a delta. */
  const baseOf = (over: FoundEntry | undefined) =>
    over?.status === 'partial' && over.deltaOf === undefined ? over.key : undefined;

  return {
    name: backend.name,
    findsThroughBuilder: false,
    savesDuringBuild: true,
    anyEntryStored: async ({ dir, keys }) => {
      const broadest = keys.restoreKeys.at(-1);
      if (broadest === undefined) return true;
      return backend.lookup(dir, broadest).then(
        (key) => key !== undefined,
        () => true,
      );
    },
    keptEntry: ({ dir, keys }) => backend.lookup(dir, keys.exactPrefix).catch(() => undefined),
    async find({ mount, keys, dir }) {
      try {
        await rm(dir, { recursive: true, force: true });
        await mkdir(dir, { recursive: true });
        const key = await backend.restore(dir, keys.primaryKey, keys.restoreKeys);
        if (key === undefined) return undefined;
        const deltaOf = await deltaBaseOf(dir);
        const baseFound = deltaOf === undefined || (await restoreDeltaBase(backend, dir, deltaOf));
        await refuseForeignArchives(dir);
        const bytes =
          (await fileBytes(path.join(dir, ARCHIVE_NAME))) +
          (await fileBytes(path.join(dir, DELTA_ARCHIVE_NAME)));
        const status = restoreStatus(keys, key);
        if (!baseFound)
          info(
            `Dependency cache for ${mount.target}: ${key} goes over ${deltaOf}, which is gone; only its own files are used.`,
          );
        return {
          // Worth injecting without its base, but far from what the lockfiles need.
          status: baseFound && status === 'exact' ? 'exact' : 'partial',
          key,
          bytes,
          ...(deltaOf !== undefined && { deltaOf }),
        };
      } catch (error) {
        if (error instanceof CacheTimeoutError && !backend.stopsOnAbort)
          throw new RestoreAbandonedError(error.message, { cause: error });
        throw error;
      }
    },
    inject: ({ mount, keys, dir }, found) =>
      transfer.inject(mount, dir, found.status === 'exact' ? keys.exactPrefix : undefined),
    async takeOut({ mount, keys, dir }, over, drop) {
      const archive = await transfer.extract(mount, dir, baseOf(over) !== undefined, keys.exactPrefix, drop);
      const report = path.join(dir, DOWNLOADS_REPORT);
      const downloads = parseDownloadsReport(await readFile(report, 'utf8').catch(() => ''));
      // Not part of any entry: read, then gone before anything is saved.
      await rm(report, { force: true });
      return { archive, ...(downloads && { downloads }) };
    },
    async save({ mount, keys, dir }, taken, over, maxBytes) {
      const base = baseOf(over);
      const delta = taken.archive === 'delta';
      const pruned = await pruneArchive(path.join(dir, delta ? DELTA_ARCHIVE_NAME : ARCHIVE_NAME), maxBytes);
      const result = { prunedBytes: pruned.prunedBytes, prunedFiles: pruned.prunedFiles };
      if (pruned.sanitisedMembers > 0)
        info(
          `Dependency cache for ${mount.target}: ${plural(pruned.sanitisedMembers, 'member')} not saved as they were (devices, fifos, setuid or setgid bits, hard links without their file).`,
        );
      if (pruned.files === 0) return result;
      if (delta) await writeDeltaManifest(dir, base!);
      await backend.save(dir, keys.saveKey);
      if (delta)
        info(
          `Dependency cache for ${mount.target}: saved only what this build added (${plural(pruned.files, 'file')}), over ${base}.`,
        );
      return {
        ...result,
        saved: { key: keys.saveKey, bytes: pruned.keptBytes, ...(delta && { deltaOf: base! }) },
      };
    },
  };
}

/** The archives a restore brought must be ones this action could have saved (see cacheArchiveRefusal). */
async function refuseForeignArchives(dir: string): Promise<void> {
  for (const name of [ARCHIVE_NAME, DELTA_ARCHIVE_NAME]) {
    const archive = path.join(dir, name);
    if ((await fileBytes(archive)) === 0) continue;
    const refusal = await cacheArchiveRefusal(archive);
    if (refusal) throw new Error(`${name} was not written by this action: ${refusal}`);
  }
}
