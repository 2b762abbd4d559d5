import type { CacheMount } from '../../src/cache/mounts.js';

/** A pip cache mount as `findCacheMounts` reports it, with any field replaced. */
export function cacheMount(overrides: Partial<CacheMount> = {}): CacheMount {
  return {
    target: '/root/.cache/pip',
    id: '',
    sharing: 'shared',
    uid: '',
    gid: '',
    mode: '',
    kind: 'pip',
    line: 3,
    runSteps: 1,
    helperImage: 'python:3.12-slim',
    ...overrides,
  };
}
