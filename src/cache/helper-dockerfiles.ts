// The two helper builds that carry a cache mount's contents in and out of BuildKit.
// The mount options are copied from the user's Dockerfile: BuildKit finds a cache by them.
import { mountSlug } from './keys.js';
import { cacheMountId, type CacheMount } from './mounts.js';

export const NONCE_ARG = 'DFB_NONCE';
export const RESTORED_DIR = '/dfb-restored';
export const EXTRACT_DIR = '/dfb-extract';

/** The one file that carries a whole cache mount between BuildKit and the host: a tar keeps owners, modes and links. */
export const ARCHIVE_NAME = 'cache.tar';
/** Only what a build added or changed in the mount since the injection, to go over its base entry. */
export const DELTA_ARCHIVE_NAME = 'delta.tar';

// A cache of its own holds one file per mount, touched when an injection ends: what the build writes
// after it is newer. Kept out of the user's mount so that nothing foreign appears in their cache.
const INJECTED_MARKS_ID = 'docker-fast-build-injected';
const INJECTED_MARKS_DIR = '/dfb-injected';

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

const MARKS_MOUNT_FLAG = `--mount=type=cache,target=${INJECTED_MARKS_DIR},id=${INJECTED_MARKS_ID},sharing=shared`;

function injectedMark(mount: CacheMount): string {
  return `${INJECTED_MARKS_DIR}/${mountSlug(mount)}`;
}

/** Exec form with JSON strings: a target path can never be read as shell. */
function execForm(argv: string[]): string {
  return JSON.stringify(argv);
}

// GNU tar and busybox tar both take these; numeric owners keep uids that have no name in the image.
// "$0" is the mount directory in every script below.
const TAR_CREATE = `tar --numeric-owner -cpf "${EXTRACT_DIR}/${ARCHIVE_NAME}" .`;
const UNPACK_RESTORED = [
  `for archive in "$1/${ARCHIVE_NAME}" "$1/${DELTA_ARCHIVE_NAME}"; do`,
  `if [ -f "$archive" ]; then tar --numeric-owner -xpf "$archive" -C "$0" || exit 1; fi;`,
  `done && touch "$2"`,
].join(' ');
// The inode change time is set by the kernel on every write, rename, chmod or chown, and tar
// cannot set it back, so `-cnewer` finds what the build touched even when a file keeps an old mtime.
// Only GNU find compares it to the nanosecond; anywhere else, or on any error, the whole mount goes.
const TAR_CHANGED_SINCE_MARK = [
  `if [ -f "$1" ] && find --version 2>/dev/null | grep -q GNU`,
  `&& find . -cnewer "$1" -print0 > /tmp/dfb-changed`,
  `&& tar --numeric-owner --no-recursion --null -cpf "${EXTRACT_DIR}/${DELTA_ARCHIVE_NAME}" -T /tmp/dfb-changed;`,
  `then :; else rm -f "${EXTRACT_DIR}/${DELTA_ARCHIVE_NAME}" && ${TAR_CREATE}; fi`,
].join(' ');

/**
 * Unpacks the restored archive, and the delta over it when there is one (the build context), into
 * the cache mount, then marks the time. The nonce argument changes every time, so the step is
 * never itself served from cache.
 */
export function injectDockerfile(mount: CacheMount, image: string): string {
  return [
    `FROM ${image}`,
    `ARG ${NONCE_ARG}`,
    `RUN ${mountFlag(mount)} ${MARKS_MOUNT_FLAG} --mount=type=bind,source=.,target=${RESTORED_DIR} \\`,
    `    ${execForm(['sh', '-c', UNPACK_RESTORED, mountDir(mount), RESTORED_DIR, injectedMark(mount)])}`,
    '',
  ].join('\n');
}

/**
 * Packs the cache mount into one archive, in a stage exported with `--output type=local`: the whole
 * mount as `cache.tar`, or with `sinceInjection` only what changed after this run's injection, as
 * `delta.tar` (the whole mount again when that cannot be told).
 */
export function extractDockerfile(mount: CacheMount, image: string, sinceInjection = false): string {
  const [marksMount, pack, args] = sinceInjection
    ? [` ${MARKS_MOUNT_FLAG}`, TAR_CHANGED_SINCE_MARK, [mountDir(mount), injectedMark(mount)]]
    : ['', TAR_CREATE, [mountDir(mount)]];
  return [
    `FROM ${image} AS pack`,
    `ARG ${NONCE_ARG}`,
    `RUN ${mountFlag(mount)}${marksMount} \\`,
    `    ${execForm(['sh', '-c', `mkdir -p ${EXTRACT_DIR} && cd "$0" && ${pack}`, ...args])}`,
    'FROM scratch',
    `COPY --from=pack ${EXTRACT_DIR}/ /`,
    '',
  ].join('\n');
}

function mountDir(mount: CacheMount): string {
  return mount.target.replace(/(.)\/+$/, '$1');
}
