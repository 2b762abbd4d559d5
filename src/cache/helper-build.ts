import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import * as core from '@actions/core';

import type { BuildxCli } from '../buildx/toolkit.js';
import { BuildProgress } from '../buildx/progress.js';
import { isInert } from '../runner-log.js';
import { NONCE_ARG } from './mount-dockerfiles.js';
import { mountSlug } from './keys.js';
import type { CacheMount } from './mounts.js';

export interface HelperBuild {
  /** What the build does, for its file name and its error: `inject of cache mount /x failed: …`. */
  kind: string;
  mount: Pick<CacheMount, 'id' | 'target'>;
  dockerfile: string;
  /** The `--output` value. */
  output: string;
  /** The build context; undefined for an empty one (the build reads none). */
  context?: string;
  /** Stops the build (see RunOptions.signal). */
  signal?: AbortSignal;
  /** The nonce build argument; a fresh one when not given. The same one again is served from BuildKit's cache. */
  nonce?: string;
}

/** What a helper build's seconds went to, as far as the caller weighs them. */
export interface HelperBuildTimes {
  /** Seconds its FROM step took from its start: the base image's pull and unpack into the builder. */
  baseSeconds: number;
}

export function newNonce(): string {
  return randomBytes(8).toString('hex');
}

/**
 * Runs the small builds that move cache mounts in and out of BuildKit (archives or registry
 * images): no provenance or SBOM, a fresh nonce so nothing is taken from BuildKit's cache, and
 * BuildKit's own first error when it fails.
 */
export function createHelperBuildRunner(
  buildx: BuildxCli,
  builderName: string,
  scratchDir: string,
): (build: HelperBuild) => Promise<HelperBuildTimes> {
  return async ({ kind, mount, dockerfile, output, context, signal, nonce = newNonce() }) => {
    const file = path.join(scratchDir, `${kind}-${mountSlug(mount)}.Dockerfile`);
    await writeFile(file, dockerfile);
    const contextDir = context ?? path.join(scratchDir, 'empty-context');
    if (context === undefined) await mkdir(contextDir, { recursive: true });
    const progress = new BuildProgress();
    const started = performance.now();
    const startedAt = new Date();
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
        `${NONCE_ARG}=${nonce}`,
        '--file',
        file,
        '--output',
        output,
        contextDir,
      ],
      { onStderrLine: (line) => void progress.feed(line), ...(signal && { signal }) },
    );
    // Where a slow inject or extract spent its time. Step names come from the Dockerfile: a line
    // that could read as a workflow command keeps only the seconds.
    const seconds = `${kind}: ${((performance.now() - started) / 1000).toFixed(1)} s`;
    const detail = `${seconds} for cache mount ${mount.target}; slowest: ${progress.slowest(3, startedAt).join('; ') || 'none'}`;
    core.debug(isInert(detail) ? detail : seconds);
    if (result.exitCode !== 0) {
      const reason =
        progress.firstError ?? result.stderr.trim().split('\n').pop() ?? `exit code ${result.exitCode}`;
      throw new Error(`${kind} of cache mount ${mount.target} failed: ${reason}`);
    }
    return { baseSeconds: progress.baseSeconds(startedAt) };
  };
}

/** The image the helper builds run in: the stage's own, which has the shell and tar they need. */
export function helperImageOf(mount: CacheMount): string {
  if (!mount.helperImage) {
    throw new Error(
      `no base image with a shell was found for cache mount ${mount.target} (line ${mount.line})`,
    );
  }
  return mount.helperImage;
}
