import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { BuildxCli } from '../buildx/toolkit.js';
import { BuildProgress } from '../buildx/progress.js';
import { fileBytes } from './archive.js';
import { DELTA_ARCHIVE_NAME, extractDockerfile, injectDockerfile, NONCE_ARG } from './helper-dockerfiles.js';
import { mountSlug } from './keys.js';
import type { CacheMount } from './mounts.js';

/** `full`: the whole mount, as `cache.tar`; `delta`: only what changed since the injection, as `delta.tar`. */
export type ExtractedArchive = 'full' | 'delta';

/** Moves a cache mount's contents between the host and BuildKit by two small helper builds. */
export interface MountTransfer {
  /** Unpacks `<dir>/cache.tar`, then `<dir>/delta.tar`, whichever are there. */
  inject(mount: CacheMount, fromDir: string): Promise<void>;
  /** With `sinceInjection`, only what the build changed after this run's inject, where that can be told. */
  extract(mount: CacheMount, toDir: string, sinceInjection: boolean): Promise<ExtractedArchive>;
}

export function createMountTransfer(
  buildx: BuildxCli,
  builderName: string,
  scratchDir: string,
): MountTransfer {
  async function helperBuild(
    kind: 'inject' | 'extract',
    mount: CacheMount,
    dockerfile: string,
    output: string,
    context: string,
  ) {
    const file = path.join(scratchDir, `${kind}-${mountSlug(mount)}.Dockerfile`);
    await writeFile(file, dockerfile);
    const progress = new BuildProgress();
    const result = await buildx.run(
      [
        'build',
        '--builder',
        builderName,
        '--progress',
        'rawjson',
        '--provenance=false',
        '--sbom=false',
        '--build-arg',
        `${NONCE_ARG}=${randomBytes(8).toString('hex')}`,
        '--file',
        file,
        '--output',
        output,
        context,
      ],
      { onStderrLine: (line) => void progress.feed(line) },
    );
    if (result.exitCode !== 0) {
      const reason =
        progress.firstError ?? result.stderr.trim().split('\n').pop() ?? `exit code ${result.exitCode}`;
      throw new Error(`${kind} of cache mount ${mount.target} failed: ${reason}`);
    }
  }

  return {
    async inject(mount, fromDir) {
      await helperBuild(
        'inject',
        mount,
        injectDockerfile(mount, requireImage(mount)),
        'type=cacheonly',
        fromDir,
      );
    },
    async extract(mount, toDir, sinceInjection) {
      await rm(toDir, { recursive: true, force: true });
      await mkdir(toDir, { recursive: true });
      // The helper's context is never read; an empty directory keeps the upload to nothing.
      const emptyContext = path.join(scratchDir, 'empty-context');
      await mkdir(emptyContext, { recursive: true });
      await helperBuild(
        'extract',
        mount,
        extractDockerfile(mount, requireImage(mount), sinceInjection),
        `type=local,dest=${toDir}`,
        emptyContext,
      );
      return (await fileBytes(path.join(toDir, DELTA_ARCHIVE_NAME))) > 0 ? 'delta' : 'full';
    },
  };
}

function requireImage(mount: CacheMount): string {
  if (!mount.helperImage) {
    throw new Error(
      `no base image with a shell was found for cache mount ${mount.target} (line ${mount.line})`,
    );
  }
  return mount.helperImage;
}
