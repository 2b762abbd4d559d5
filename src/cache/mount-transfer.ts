import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

import type { BuildxCli } from '../buildx/toolkit.js';
import { fileBytes } from './archive.js';
import { timeoutBound } from './backends/with-timeout.js';
import { createHelperBuildRunner, helperImageOf, type HelperBuild } from './helper-build.js';
import {
  DELTA_ARCHIVE_NAME,
  extractDockerfile,
  type DownloadsToDrop,
  injectDockerfile,
  probeDockerfile,
} from './mount-dockerfiles.js';
import { mountSlug } from './keys.js';
import { cacheMountId, type CacheMount } from './mounts.js';

/** `full`: the whole mount, as `cache.tar`; `delta`: only what changed since the injection, as `delta.tar`. */
export type ExtractedArchive = 'full' | 'delta';

/** Moves a cache mount's contents between the host and BuildKit by two small helper builds. */
export interface MountTransfer {
  /**
   * Unpacks `<dir>/cache.tar`, then `<dir>/delta.tar`, whichever are there; with `holds`, marks the
   * mount as holding that entry in full.
   */
  inject(mount: CacheMount, fromDir: string, holds?: string): Promise<void>;
  /**
   * With `sinceInjection`, only what the build changed after this run's inject, where that can be
   * told; with `holds`, marks the mount as holding that entry in full once packed.
   */
  extract(
    mount: CacheMount,
    toDir: string,
    sinceInjection: boolean,
    holds?: string,
    /** Weighs the mount's downloads and leaves them out when they do not pay (see download-policy.ts). */
    downloads?: DownloadsToDrop,
  ): Promise<ExtractedArchive>;
  /** Mount id → the entry each non-empty mount is marked as holding, on this builder. */
  probe(mounts: readonly CacheMount[]): Promise<Map<string, string>>;
}

/**
 * Each helper build is bounded by `dependency-cache-timeout` (`timeoutSeconds`), like the registry's: a
 * BuildKit that stops answering costs that cache, not the job's whole time limit.
 */
export function createMountTransfer(
  buildx: BuildxCli,
  builderName: string,
  scratchDir: string,
  timeoutSeconds = Number.POSITIVE_INFINITY,
): MountTransfer {
  const runHelperBuild = createHelperBuildRunner(buildx, builderName, scratchDir);
  const bounded = Number.isFinite(timeoutSeconds) ? timeoutBound(timeoutSeconds) : undefined;
  const helperBuild = (build: HelperBuild) =>
    bounded
      ? bounded(`${build.kind} of cache mount ${build.mount.target}`, (signal) =>
          runHelperBuild({ ...build, signal }),
        )
      : runHelperBuild(build);

  return {
    async inject(mount, fromDir, holds) {
      await helperBuild({
        kind: 'inject',
        mount,
        dockerfile: injectDockerfile(mount, helperImageOf(mount), holds),
        output: 'type=cacheonly',
        context: fromDir,
      });
    },
    async extract(mount, toDir, sinceInjection, holds, downloads) {
      await rm(toDir, { recursive: true, force: true });
      await mkdir(toDir, { recursive: true });
      await helperBuild({
        kind: 'extract',
        mount,
        dockerfile: extractDockerfile(mount, helperImageOf(mount), sinceInjection, holds, downloads),
        output: `type=local,dest=${toDir}`,
      });
      return (await fileBytes(path.join(toDir, DELTA_ARCHIVE_NAME))) > 0 ? 'delta' : 'full';
    },
    async probe(mounts) {
      const found = new Map<string, string>();
      const probed = mounts.filter((mount) => mount.helperImage);
      if (probed.length === 0) return found;
      const toDir = path.join(scratchDir, 'probe');
      await rm(toDir, { recursive: true, force: true });
      await mkdir(toDir, { recursive: true });
      await helperBuild({
        kind: 'probe',
        mount: { id: 'probe', target: 'marks' },
        dockerfile: probeDockerfile(probed.map((mount) => ({ mount, image: helperImageOf(mount) }))),
        output: `type=local,dest=${toDir}`,
      });
      for (const mount of probed) {
        const holds = await readFile(path.join(toDir, mountSlug(mount)), 'utf8').catch(() => undefined);
        if (holds) found.set(cacheMountId(mount), holds.trim());
      }
      return found;
    },
  };
}
