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

/** The one file that carries a cache mount between BuildKit and the host: a tar keeps owners, modes and links. */
export const ARCHIVE_NAME = 'cache.tar';

// GNU tar and busybox tar both take these; numeric owners keep uids that have no name in the image.
const TAR_CREATE = `tar --numeric-owner -cpf "$1" -C "$0" .`;
const TAR_EXTRACT = `tar --numeric-owner -xpf "$1" -C "$0"`;

/**
 * Unpacks the restored archive (the build context) into the cache mount.
 * The nonce argument changes every time, so the step is never itself served from cache.
 */
export function injectDockerfile(mount: CacheMount, image: string): string {
  return [
    `FROM ${image}`,
    `ARG ${NONCE_ARG}`,
    `RUN ${mountFlag(mount)} --mount=type=bind,source=.,target=${RESTORED_DIR} \\`,
    `    ${execForm(['sh', '-c', TAR_EXTRACT, mountDir(mount), `${RESTORED_DIR}/${ARCHIVE_NAME}`])}`,
    '',
  ].join('\n');
}

/** Packs the cache mount into one archive, in a stage exported with `--output type=local`. */
export function extractDockerfile(mount: CacheMount, image: string): string {
  return [
    `FROM ${image} AS pack`,
    `ARG ${NONCE_ARG}`,
    `RUN ${mountFlag(mount)} \\`,
    `    ${execForm(['sh', '-c', `mkdir -p ${EXTRACT_DIR} && ${TAR_CREATE}`, mountDir(mount), `${EXTRACT_DIR}/${ARCHIVE_NAME}`])}`,
    'FROM scratch',
    `COPY --from=pack ${EXTRACT_DIR}/${ARCHIVE_NAME} /${ARCHIVE_NAME}`,
    '',
  ].join('\n');
}

function mountDir(mount: CacheMount): string {
  return mount.target.replace(/(.)\/+$/, '$1');
}
