import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { BuildxCli } from '../buildx/toolkit.js';
import { BuildProgress } from '../buildx/progress.js';
import { fileBytes } from './archive.js';
import {
  DELTA_ARCHIVE_NAME,
  extractDockerfile,
  injectDockerfile,
  NONCE_ARG,
  probeDockerfile,
} from './helper-dockerfiles.js';
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
  ): Promise<ExtractedArchive>;
  /** Mount id → the entry each non-empty mount is marked as holding, on this builder. */
  probe(mounts: readonly CacheMount[]): Promise<Map<string, string>>;
}

export function createMountTransfer(
  buildx: BuildxCli,
  builderName: string,
  scratchDir: string,
): MountTransfer {
  async function helperBuild(
    kind: 'inject' | 'extract' | 'probe',
    mount: Pick<CacheMount, 'id' | 'target'>,
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

  // The context of extract and probe is never read; an empty directory keeps the upload to nothing.
  async function emptyContext(): Promise<string> {
    const dir = path.join(scratchDir, 'empty-context');
    await mkdir(dir, { recursive: true });
    return dir;
  }

  return {
    async inject(mount, fromDir, holds) {
      await helperBuild(
        'inject',
        mount,
        injectDockerfile(mount, requireImage(mount), holds),
        'type=cacheonly',
        fromDir,
      );
    },
    async extract(mount, toDir, sinceInjection, holds) {
      await rm(toDir, { recursive: true, force: true });
      await mkdir(toDir, { recursive: true });
      await helperBuild(
        'extract',
        mount,
        extractDockerfile(mount, requireImage(mount), sinceInjection, holds),
        `type=local,dest=${toDir}`,
        await emptyContext(),
      );
      return (await fileBytes(path.join(toDir, DELTA_ARCHIVE_NAME))) > 0 ? 'delta' : 'full';
    },
    async probe(mounts) {
      const found = new Map<string, string>();
      const probed = mounts.filter((mount) => mount.helperImage);
      if (probed.length === 0) return found;
      const toDir = path.join(scratchDir, 'probe');
      await rm(toDir, { recursive: true, force: true });
      await mkdir(toDir, { recursive: true });
      await helperBuild(
        'probe',
        { id: 'probe', target: 'marks' },
        probeDockerfile(probed.map((mount) => ({ mount, image: requireImage(mount) }))),
        `type=local,dest=${toDir}`,
        await emptyContext(),
      );
      for (const mount of probed) {
        const holds = await readFile(path.join(toDir, mountSlug(mount)), 'utf8').catch(() => undefined);
        if (holds) found.set(cacheMountId(mount), holds.trim());
      }
      return found;
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
