// The helper builds of `dependency-cache-backend: registry`: BuildKit itself pulls a cache image into the mount
// (a bind mount `from=` the image) and pushes the mount's contents as an image (`--output
// type=registry`); nothing passes through the runner. Mount options and marks as in ../mount-dockerfiles.ts.
import {
  EXTRACT_DIR,
  execForm,
  holdsMark,
  injectedMark,
  MARKS_MOUNT_FLAG,
  mountDir,
  mountFlag,
  NONCE_ARG,
  RESTORED_DIR,
  writeHolds,
} from '../mount-dockerfiles.js';
import type { CacheMount } from '../mounts.js';

// Repeated inside a --mount flag and a FROM line: a pinned reference and nothing else.
const PINNED_REF = /^[A-Za-z0-9._/:-]+@sha256:[0-9a-f]{64}$/;

function requirePinned(ref: string): string {
  if (!PINNED_REF.test(ref)) throw new Error(`'${ref}' is not a repository pinned by digest`);
  return ref;
}

// Entry by entry, never `.` itself: the mount directory keeps the owner and mode BuildKit gave it
// (uid=, gid=, mode=), whatever the image's root directory has. "$1" is the source, "$0" the mount.
const COPY_INTO_MOUNT = `cd "$1" && find . -mindepth 1 -maxdepth 1 -exec cp -a {} "$0"/ \\; && touch "$2"`;
const COPY_WHOLE_MOUNT = `cd "$0" && find . -mindepth 1 -maxdepth 1 -exec cp -a {} ${EXTRACT_DIR}/ \\;`;
// What changed after this run's inject (by inode change time, as the archive path's delta), where
// GNU find can tell it to the nanosecond; elsewhere the whole mount, which over the restored image
// is still right, only bigger.
const COPY_CHANGED = [
  `if [ -f "$1" ] && find --version 2>/dev/null | grep -q GNU; then`,
  `cd "$0" && find . -mindepth 1 -cnewer "$1" -print0 > /tmp/dfb-changed`,
  `&& tar --numeric-owner --no-recursion --null -cpf - -T /tmp/dfb-changed | tar --numeric-owner -xpf - -C ${EXTRACT_DIR};`,
  `else ${COPY_WHOLE_MOUNT}; fi`,
].join(' ');
// What a cache must not carry into anyone's build, left out as the archive path's pruneArchive does.
const SANITISE = [
  `find ${EXTRACT_DIR} \\( -type b -o -type c -o -type p -o -type s \\) -exec rm -f {} \\;`,
  `&& find ${EXTRACT_DIR} -type f \\( -perm -4000 -o -perm -2000 \\) -exec chmod ug-s {} \\;`,
].join(' ');

/**
 * Copies the cache image (pinned by digest, so a save in between changes nothing) into the cache
 * mount and marks the time; with `holds` (an exact hit) marks the mount as holding that entry.
 */
export function registryInjectDockerfile(
  mount: CacheMount,
  image: string,
  pinnedRef: string,
  holds?: string,
): string {
  const args = [mountDir(mount), RESTORED_DIR, injectedMark(mount)];
  const argv =
    holds === undefined
      ? ['sh', '-c', COPY_INTO_MOUNT, ...args]
      : ['sh', '-c', `${COPY_INTO_MOUNT} && ${writeHolds(3)}`, ...args, holds, holdsMark(mount)];
  const bind = `--mount=type=bind,from=${requirePinned(pinnedRef)},target=${RESTORED_DIR}`;
  return [
    `FROM ${image}`,
    `ARG ${NONCE_ARG}`,
    `RUN ${mountFlag(mount)} ${MARKS_MOUNT_FLAG} ${bind} \\`,
    `    ${execForm(argv)}`,
    '',
  ].join('\n');
}

export interface RegistrySaveFacts {
  /** After a partial hit: the image restored, pinned; only what changed since the inject goes over it. */
  overPinnedRef?: string;
  /** Marks the mount as holding this entry once copied (see holdsMark). */
  holds?: string;
}

/** Copies the mount's contents into a stage, the final image `FROM scratch` or over the restored image. */
export function registrySaveDockerfile(
  mount: CacheMount,
  image: string,
  facts: RegistrySaveFacts = {},
): string {
  const over = facts.overPinnedRef === undefined ? undefined : requirePinned(facts.overPinnedRef);
  const copy = over === undefined ? COPY_WHOLE_MOUNT : COPY_CHANGED;
  // Grouped, so the mark is written only when the copy (either branch of it) succeeded.
  let script = `mkdir -p ${EXTRACT_DIR} && { ${copy}; } && ${SANITISE}`;
  const args = [mountDir(mount), injectedMark(mount)];
  if (facts.holds !== undefined) {
    script = `${script} && ${writeHolds(2)}`;
    args.push(facts.holds, holdsMark(mount));
  }
  const marks = over !== undefined || facts.holds !== undefined ? ` ${MARKS_MOUNT_FLAG}` : '';
  return [
    `FROM ${image} AS pack`,
    `ARG ${NONCE_ARG}`,
    `RUN ${mountFlag(mount)}${marks} \\`,
    `    ${execForm(['sh', '-c', script, ...args])}`,
    `FROM ${over ?? 'scratch'}`,
    `COPY --from=pack ${EXTRACT_DIR}/ /`,
    '',
  ].join('\n');
}
