import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

import * as core from '@actions/core';

import { containerCopy, type BuilderContainer, type ContainerCopy } from '../buildx/builder-container.js';
import type { BuildxCli } from '../buildx/toolkit.js';
import { fileBytes } from './archive.js';
import { timeoutBound } from './backends/with-timeout.js';
import {
  createHelperBuildRunner,
  helperImageOf,
  newNonce,
  type HelperBuild,
  type HelperBuildTimes,
} from './helper-build.js';
import {
  DELTA_ARCHIVE_NAME,
  EXTRACT_DIR,
  extractDockerfile,
  type DownloadsToDrop,
  injectDockerfile,
  packedMarkName,
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
  inject(mount: CacheMount, fromDir: string, holds?: string): Promise<HelperBuildTimes>;
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

export interface MountTransferOptions {
  /**
   * `dependency-cache-timeout`: each helper build (and copy) is bounded by it, like the registry's: a
   * BuildKit that stops answering costs that cache, not the job's whole time limit.
   */
  timeoutSeconds?: number;
  /** A docker-container builder's container: extracts are copied out of it rather than exported through buildx. */
  container?: Promise<BuilderContainer | undefined>;
  info?: (message: string) => void;
}

export function createMountTransfer(
  buildx: BuildxCli,
  builderName: string,
  scratchDir: string,
  options: MountTransferOptions = {},
): MountTransfer {
  const { timeoutSeconds = Number.POSITIVE_INFINITY, info = () => undefined } = options;
  const runHelperBuild = createHelperBuildRunner(buildx, builderName, scratchDir);
  const bounded = Number.isFinite(timeoutSeconds) ? timeoutBound(timeoutSeconds) : undefined;
  const withinTimeout = <T>(what: string, operation: (signal?: AbortSignal) => Promise<T>) =>
    bounded ? bounded(what, operation) : operation();
  const helperBuild = (build: HelperBuild) =>
    withinTimeout(`${build.kind} of cache mount ${build.mount.target}`, (signal) =>
      runHelperBuild(signal ? { ...build, signal } : build),
    );
  const copier: Promise<ContainerCopy | undefined> = (options.container ?? Promise.resolve(undefined)).then(
    (container) => container && containerCopy(container),
    () => undefined,
  );
  /** Whether the finished pack of `nonce` came out of the container; what is half copied is removed. */
  const copiedOut = async (copy: ContainerCopy, mount: CacheMount, nonce: string, toDir: string) => {
    try {
      await withinTimeout(`copy of cache mount ${mount.target}`, (signal) =>
        copy.copyOut(path.basename(EXTRACT_DIR), packedMarkName(nonce), toDir, signal),
      );
      core.debug(`Dependency cache for ${mount.target}: copied out of the builder's container.`);
      return true;
    } catch (error) {
      info(
        `Dependency cache for ${mount.target}: not copied out of the builder's container (${(error as Error).message}); exporting it through buildx instead.`,
      );
      await rm(toDir, { recursive: true, force: true });
      await mkdir(toDir, { recursive: true });
      return false;
    }
  };

  return {
    inject(mount, fromDir, holds) {
      return helperBuild({
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
      const build = {
        kind: 'extract',
        mount,
        dockerfile: extractDockerfile(mount, helperImageOf(mount), sinceInjection, holds, downloads),
        // Kept for the export after a failed copy: BuildKit then serves the pack from its cache.
        nonce: newNonce(),
      };
      const copy = await copier;
      let copied = false;
      if (copy) {
        await helperBuild({ ...build, output: 'type=cacheonly' });
        copied = await copiedOut(copy, mount, build.nonce, toDir);
      }
      if (!copied) await helperBuild({ ...build, output: `type=local,dest=${toDir}` });
      await rm(path.join(toDir, packedMarkName(build.nonce)), { force: true });
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
