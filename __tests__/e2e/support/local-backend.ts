// What `cache-backend: local` leaves on disk, read the way the action lays it out.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { scopeDirName } from '../../../src/cache/backends/local.js';

/** The name every dependency cache entry starts with (the same directory also keeps reports). */
export const DEPENDENCY_ENTRY = 'docker-fast-build-v2_';
/** The name every kept report starts with. */
export const REPORT_ENTRY = 'docker-fast-build-report-v2_';

/** Where `cache-backend: local` keeps the entries of one cache scope (a push to main by default). */
export function localEntriesDir(cacheDir: string, scope = 'refs/heads/main'): string {
  return path.join(cacheDir, 'dependency-caches', scopeDirName(scope));
}

/** The names in a scope's directory that start with `prefix`, sorted; none when it does not exist. */
export function localEntries(
  cacheDir: string,
  { prefix = DEPENDENCY_ENTRY, scope = 'refs/heads/main' } = {},
) {
  const dir = localEntriesDir(cacheDir, scope);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.startsWith(prefix))
        .sort()
    : [];
}
