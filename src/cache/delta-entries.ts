// A dependency cache entry is whole (`cache.tar`) or a delta (`delta.tar` plus `delta.json` naming the
// whole entry it goes over). Deltas go over whole entries only, so a restore needs at most two entries.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import * as v from 'valibot';

import type { ArchiveStore } from './backends/types.js';
import { DELTA_ARCHIVE_NAME } from './mount-dockerfiles.js';

const DELTA_MANIFEST_NAME = 'delta.json';
// What @actions/cache accepts as a key, and what ours are made of.
const ENTRY_KEY = /^[A-Za-z0-9._-]{1,512}$/;
/** delta.json: the whole entry a delta goes over, by key. */
const deltaManifestSchema = v.object({ base: v.pipe(v.string(), v.regex(ENTRY_KEY)) });

/** The key a delta entry in `dir` goes over; undefined for a whole entry. A malformed manifest throws. */
export async function deltaBaseOf(dir: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dir, DELTA_MANIFEST_NAME), 'utf8');
  } catch {
    return undefined;
  }
  const manifest = v.safeParse(deltaManifestSchema, JSON.parse(text));
  if (!manifest.success) throw new Error(`${DELTA_MANIFEST_NAME} does not name a cache key`);
  return manifest.output.base;
}

export async function writeDeltaManifest(dir: string, baseKey: string): Promise<void> {
  await writeFile(path.join(dir, DELTA_MANIFEST_NAME), `${JSON.stringify({ base: baseKey })}\n`);
}

/**
 * Restores the whole entry a delta goes over into `dir` (the Actions cache versions an entry by
 * its path, so it must be the same directory) and puts the delta archive back beside it.
 * False when that entry is gone: `dir` then holds the delta archive alone.
 */
export async function restoreDeltaBase(
  backend: ArchiveStore,
  dir: string,
  baseKey: string,
): Promise<boolean> {
  const aside = `${dir}.delta`;
  await rm(aside, { recursive: true, force: true });
  await rename(dir, aside);
  await mkdir(dir, { recursive: true });
  try {
    // A key only matches itself here; the service also matches a longer key by prefix.
    const matched = await backend.restore(dir, baseKey, []);
    const found = matched === baseKey;
    if (!found) {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
    }
    await rename(path.join(aside, DELTA_ARCHIVE_NAME), path.join(dir, DELTA_ARCHIVE_NAME));
    return found;
  } finally {
    await rm(aside, { recursive: true, force: true });
  }
}
