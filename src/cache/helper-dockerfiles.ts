// The two helper builds that carry a cache mount's contents in and out of BuildKit.
// The mount options are copied from the user's Dockerfile: BuildKit finds a cache by them.
import { cacheMountId, type CacheMount } from './mounts.js';

export const NONCE_ARG = 'DFB_NONCE';
export const RESTORED_DIR = '/dfb-restored';
export const EXTRACT_DIR = '/dfb-extract';

function mountFlag(mount: CacheMount): string {
  const options = [
    `type=cache`,
    `target=${mount.target}`,
    `id=${cacheMountId(mount)}`,
    `sharing=${mount.sharing}`,
  ];
  if (mount.uid) options.push(`uid=${mount.uid}`);
  if (mount.gid) options.push(`gid=${mount.gid}`);
  if (mount.mode) options.push(`mode=${mount.mode}`);
  return `--mount=${options.join(',')}`;
}

/** Exec form with JSON strings: a target path can never be read as shell. */
function execForm(argv: string[]): string {
  return JSON.stringify(argv);
}

/**
 * Copies the build context (the restored cache) into the cache mount.
 * The nonce argument changes every time, so the copy is never itself served from cache.
 */
export function injectDockerfile(mount: CacheMount, image: string): string {
  return [
    `FROM ${image}`,
    `ARG ${NONCE_ARG}`,
    `RUN ${mountFlag(mount)} --mount=type=bind,source=.,target=${RESTORED_DIR} \\`,
    `    ${execForm(['cp', '-a', `${RESTORED_DIR}/.`, `${mount.target.replace(/\/+$/, '')}/`])}`,
    '',
  ].join('\n');
}

/** Copies the cache mount into a stage that is exported with `--output type=local`. */
export function extractDockerfile(mount: CacheMount, image: string): string {
  return [
    `FROM ${image} AS copy`,
    `ARG ${NONCE_ARG}`,
    `RUN ${mountFlag(mount)} \\`,
    `    ${execForm(['sh', '-c', 'mkdir -p "$1" && cp -a "$0"/. "$1"/', mount.target.replace(/\/+$/, ''), EXTRACT_DIR])}`,
    'FROM scratch',
    `COPY --from=copy ${EXTRACT_DIR}/ /`,
    '',
  ].join('\n');
}
