// The helper builds that carry a cache mount's contents in and out of BuildKit, and the one that
// asks a builder which entries its mounts still hold.
// The mount options are copied from the user's Dockerfile: BuildKit finds a cache by them.
import { mountSlug } from './keys.js';
import type { DownloadDecision } from './download-policy.js';
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

export function mountFlag(mount: CacheMount): string {
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

export const MARKS_MOUNT_FLAG = `--mount=type=cache,target=${INJECTED_MARKS_DIR},id=${INJECTED_MARKS_ID},sharing=shared`;

export function injectedMark(mount: CacheMount): string {
  return `${INJECTED_MARKS_DIR}/${mountSlug(mount)}`;
}

/**
 * Names the entry (its lockfiles' key prefix) the mount holds in full: written by an inject of an
 * exact hit and by the extract after a successful build. A builder that outlives the job (remote,
 * kubernetes, an existing one) keeps it with the mount, so the next run need not restore.
 */
export function holdsMark(mount: CacheMount): string {
  return `${INJECTED_MARKS_DIR}/${mountSlug(mount)}.holds`;
}

const PROBE_DIR = '/dfb-probe';

/** Exec form with JSON strings: a target path can never be read as shell. */
export function execForm(argv: string[]): string {
  return JSON.stringify(argv);
}

// GNU tar and busybox tar both take these; numeric owners keep uids that have no name in the image.
// "$0" is the mount directory in every script below.
/** The mount, less the paths given (./-relative globs of our own, quoted so the shell keeps them). */
function tarCreate(excluded: readonly string[]): string {
  const excludes = excluded.map((glob) => ` --exclude='./${glob}'`).join('');
  return `tar --numeric-owner${excludes} -cpf "${EXTRACT_DIR}/${ARCHIVE_NAME}" .`;
}
const UNPACK_RESTORED = [
  `for archive in "$1/${ARCHIVE_NAME}" "$1/${DELTA_ARCHIVE_NAME}"; do`,
  `if [ -f "$archive" ]; then tar --numeric-owner -xpf "$archive" -C "$0" || exit 1; fi;`,
  `done && touch "$2"`,
].join(' ');
// The inode change time is set by the kernel on every write, rename, chmod or chown, and tar
// cannot set it back, so `-cnewer` finds what the build touched even when a file keeps an old mtime.
// Only GNU find compares it to the nanosecond; anywhere else, or on any error, the whole mount goes.
function tarChangedSinceMark(excluded: readonly string[]): string {
  const prune =
    excluded.length === 0
      ? ''
      : `\\( ${excluded.map((glob) => `-path './${glob}'`).join(' -o ')} \\) -prune -o `;
  return [
    `if [ -f "$1" ] && find --version 2>/dev/null | grep -q GNU`,
    `&& find . ${prune}-cnewer "$1" -print0 > /tmp/dfb-changed`,
    `&& tar --numeric-owner --no-recursion --null -cpf "${EXTRACT_DIR}/${DELTA_ARCHIVE_NAME}" -T /tmp/dfb-changed;`,
    `then :; else rm -f "${EXTRACT_DIR}/${DELTA_ARCHIVE_NAME}" && ${tarCreate(excluded)}; fi`,
  ].join(' ');
}

/**
 * The empty file the extract writes last, named after its nonce: the snapshot that has it holds a
 * finished pack, and no other snapshot does (see builder-container.ts).
 */
export function packedMarkName(nonce: string): string {
  if (!/^[0-9a-f]{8,64}$/.test(nonce)) throw new Error(`packedMarkName: '${nonce}' is not a hex nonce`);
  return `dfb-packed-${nonce}`;
}
const PACKED_MARK = `"${EXTRACT_DIR}/dfb-packed-$${NONCE_ARG}"`;

/** The file the extract leaves beside its archive: `<KB> dropped|kept` of the mount's downloads. */
export const DOWNLOADS_REPORT = 'downloads';

const OWN_GLOB = /^[A-Za-z0-9*._-]+$/;

/**
 * Measures the mount's download paths and sets `drop` when they came faster than carrying them is
 * worth (see download-policy.ts); writes what it found for the host to read.
 */
function measureDownloads(downloads: DownloadsToDrop, sinceInjection: boolean): string {
  for (const glob of downloads.paths)
    if (!OWN_GLOB.test(glob)) throw new Error(`download path '${glob}' is not one of ours`);
  const { stepMilliseconds, dropAboveKBps } = downloads;
  if (!Number.isSafeInteger(stepMilliseconds) || !Number.isSafeInteger(dropAboveKBps))
    throw new Error('download thresholds must be whole numbers');
  const paths = downloads.paths.join(' ');
  // After an injection only what this build fetched counts (files newer than the mark); where that
  // cannot be told, nothing is counted, so everything is kept, as before.
  const measure = sinceInjection
    ? [
        `kb=0; if [ -f "$1" ] && find --version 2>/dev/null | grep -q GNU; then`,
        `kb=$(find ${paths} -type f -cnewer "$1" -printf '%s\\n' 2>/dev/null | awk '{ s += $1 } END { printf "%d", s / 1024 }');`,
        `fi;`,
      ]
    : [
        `kb=0; for p in ${paths}; do [ -e "$p" ] || continue;`,
        `k=$(du -sk "$p" | cut -f1); kb=$((kb + k)); done;`,
      ];
  return [
    ...measure,
    `if [ "$kb" -gt 0 ] && [ $((kb * 1000 / ${stepMilliseconds})) -ge ${dropAboveKBps} ];`,
    `then drop=1; echo "$kb dropped" > "${EXTRACT_DIR}/${DOWNLOADS_REPORT}";`,
    `else drop=; echo "$kb kept" > "${EXTRACT_DIR}/${DOWNLOADS_REPORT}"; fi`,
  ].join(' ');
}

/** What the extract needs to drop a mount's downloads when they do not pay. */
export type DownloadsToDrop = Pick<
  Extract<DownloadDecision, { keep: 'made' }>,
  'paths' | 'stepMilliseconds' | 'dropAboveKBps'
>;

/**
 * Unpacks the restored archive, and the delta over it when there is one (the build context), into
 * the cache mount, then marks the time. The nonce argument changes every time, so the step is
 * never itself served from cache.
 */
/** With `holds` (an exact hit), the mount is also marked as holding that entry in full. */
export function injectDockerfile(mount: CacheMount, image: string, holds?: string): string {
  const args = [mountDir(mount), RESTORED_DIR, injectedMark(mount)];
  const argv =
    holds === undefined
      ? ['sh', '-c', UNPACK_RESTORED, ...args]
      : ['sh', '-c', `${UNPACK_RESTORED} && ${writeHolds(3)}`, ...args, holds, holdsMark(mount)];
  return [
    `FROM ${image}`,
    `ARG ${NONCE_ARG}`,
    `RUN ${mountFlag(mount)} ${MARKS_MOUNT_FLAG} --mount=type=bind,source=.,target=${RESTORED_DIR} \\`,
    `    ${execForm(argv)}`,
    '',
  ].join('\n');
}

/**
 * Packs the cache mount into one archive, in a stage exported with `--output type=local`: the whole
 * mount as `cache.tar`, or with `sinceInjection` only what changed after this run's injection, as
 * `delta.tar` (the whole mount again when that cannot be told).
 */
export function extractDockerfile(
  mount: CacheMount,
  image: string,
  sinceInjection = false,
  holds?: string,
  downloads?: DownloadsToDrop,
): string {
  const packing = (excluded: readonly string[]) =>
    sinceInjection ? tarChangedSinceMark(excluded) : tarCreate(excluded);
  const [marksMount, args] = sinceInjection
    ? [` ${MARKS_MOUNT_FLAG}`, [mountDir(mount), injectedMark(mount)]]
    : ['', [mountDir(mount)]];
  // Measured first, then packed with or without the downloads, as the measure decided.
  const pack = downloads
    ? `{ ${measureDownloads(downloads, sinceInjection)}; if [ -n "$drop" ]; then ${packing(downloads.paths)}; else ${packing([])}; fi; }`
    : packing([]);
  let script = `mkdir -p ${EXTRACT_DIR} && cd "$0" && { ${pack}; } && : > ${PACKED_MARK}`;
  let mounts = marksMount;
  if (holds !== undefined) {
    // Grouped, so the marks are written only when the packing (either branch of it) succeeded.
    script = `mkdir -p ${EXTRACT_DIR} && cd "$0" && { ${pack}; } && ${writeHolds(args.length)} && : > ${PACKED_MARK}`;
    args.push(holds, holdsMark(mount));
    mounts = ` ${MARKS_MOUNT_FLAG}`;
  }
  return [
    `FROM ${image} AS pack`,
    `ARG ${NONCE_ARG}`,
    `RUN ${mountFlag(mount)}${mounts} \\`,
    `    ${execForm(['sh', '-c', script, ...args])}`,
    'FROM scratch',
    `COPY --from=pack ${EXTRACT_DIR}/ /`,
    '',
  ].join('\n');
}

/** `printf` of positional parameter N into the file named by N+1: values never become shell text. */
export function writeHolds(first: number): string {
  return `printf %s "$${first}" > "$${first + 1}"`;
}

/**
 * One stage per mount that copies its holds mark out, only when the mount is not empty (a builder
 * may have pruned the mount and kept the mark); exported with `--output type=local` as
 * `<mount slug>` files.
 */
export function probeDockerfile(mounts: readonly { mount: CacheMount; image: string }[]): string {
  const lines: string[] = [];
  mounts.forEach(({ mount, image }, index) => {
    const script = `mkdir -p ${PROBE_DIR} && if [ -n "$(ls -A "$0" 2>/dev/null)" ] && [ -f "$1" ]; then cp "$1" "${PROBE_DIR}/$2"; fi`;
    lines.push(
      `FROM ${image} AS probe${index}`,
      `ARG ${NONCE_ARG}`,
      `RUN ${mountFlag(mount)} ${MARKS_MOUNT_FLAG} \\`,
      `    ${execForm(['sh', '-c', script, mountDir(mount), holdsMark(mount), mountSlug(mount)])}`,
    );
  });
  lines.push('FROM scratch');
  mounts.forEach((_, index) => lines.push(`COPY --from=probe${index} ${PROBE_DIR}/ /`));
  lines.push('');
  return lines.join('\n');
}

export function mountDir(mount: CacheMount): string {
  return mount.target.replace(/(.)\/+$/, '$1');
}
