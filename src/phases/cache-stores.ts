// Phase 2: where this run's caches and reports live, and whether it may write them. An untrusted
// run only reads (see cache/save-policy.ts); the choice is made once, here.
import path from 'node:path';

import type { ArchiveStore } from '../cache/backends/types.js';
import { planSaving } from '../cache/save-policy.js';
import { planCacheScopes, type CacheScopes } from '../cache/scopes.js';
import { chooseBackend } from '../cache/setup.js';
import { checkedOutCommit } from '../github/checkout.js';
import { isUntrustedHead, type RunContext } from '../github/run-context.js';
import type { Inputs } from '../inputs/parse.js';
import { isRemoteContext } from '../inputs/workspace.js';

export interface CacheStores {
  scopes: CacheScopes;
  /** The archive backend of the dependency caches and the reports (with `registry`: the reports only). */
  backend: ArchiveStore | undefined;
  /** `dependency-cache-backend: registry`: the repository the mounts are pushed to. */
  registryRepository: string | undefined;
  /** Why dependency caches cannot be kept on this runner, when they cannot. */
  unavailable: string | undefined;
  /** This run may write caches and reports. */
  saves: boolean;
}

export function chooseCacheStores(inputs: Inputs, run: RunContext): CacheStores {
  const saving = planSaving(inputs.saveCache, {
    ...run,
    checkedOut: isRemoteContext(inputs.context)
      ? undefined
      : checkedOutCommit(path.resolve(run.workspace, inputs.context), run.workspace),
  });
  const scopes = planCacheScopes(
    { ...run, untrustedHead: isUntrustedHead(run), readOnlyReason: saving.readOnlyReason },
    inputs.dependencyCacheBackend,
  );
  const { backend, registryRepository, unavailable } = chooseBackend(inputs, scopes);
  return { scopes, backend, registryRepository, unavailable, saves: scopes.write !== undefined };
}
