// Phase 4: the dependency caches into BuildKit, before the build. What to skip is decided from the
// last report (the layer cache holds the steps; a restore that does not pay); the downloads start
// beside the builder's start and the question to a builder that outlives the job; only the injects
// wait for them.
import * as core from '@actions/core';

import type { BuilderContainer } from '../buildx/builder-container.js';
import type { BuildxCli } from '../buildx/toolkit.js';
import type { DependencyCacheSession } from '../cache/dependency-cache.js';
import { mountsCoveredByLayerCache } from '../cache/layer-covered.js';
import { cacheMountId } from '../cache/mounts.js';
import { mountsNotWorthRestoring, restoreSecondsPerMB } from '../cache/restore-policy.js';
import { startDependencyCacheSession } from '../cache/setup.js';
import type { Inputs } from '../inputs/parse.js';
import { coverageBaseOf, restoreHistoryOf } from '../report/assemble.js';
import type { BuildReport } from '../report/model.js';
import type { CacheStores } from './cache-stores.js';
import type { RunPlan } from './plan-run.js';

export async function restoreDependencyCaches(request: {
  inputs: Inputs;
  planned: RunPlan;
  stores: CacheStores;
  buildx: BuildxCli;
  base: BuildReport | undefined;
  builderReady: Promise<unknown>;
  /** A docker-container builder's container, which extracts read with `docker cp`. */
  builderContainer?: Promise<BuilderContainer | undefined>;
  warn: (message: string) => void;
}): Promise<DependencyCacheSession | undefined> {
  const { inputs, stores, base, builderReady } = request;
  const { plan, dependencyPlan, registryRefs, scratch } = request.planned;
  if (!dependencyPlan.enabled || dependencyPlan.mounts.length === 0) return undefined;
  const session = startDependencyCacheSession(
    dependencyPlan,
    { backend: stores.backend, registryRefs, timeoutSeconds: inputs.dependencyCacheTimeoutSeconds },
    request.buildx,
    plan.builder.name,
    scratch,
    request.warn,
    request.builderContainer,
  );
  if (!session) return undefined;
  // restore-cache: true restores whatever there is, as before these checks existed.
  const covered =
    inputs.restoreCache === 'true'
      ? new Set<string>()
      : mountsCoveredByLayerCache(
          base && coverageBaseOf(base),
          new Map(dependencyPlan.mounts.map((m) => [cacheMountId(m.mount), m.stepFingerprint])),
          plan.layerCache,
          inputs.layerCacheMode,
        );
  const restoreHistory = base && restoreHistoryOf(base);
  // What a build made is always saved; what it downloaded only when fetching it was slower. Weighed
  // against the measured cost, else the higher default: the download rate the steps give is a lower
  // bound (they also installed), and against it a fast index's downloads are still told apart.
  session.useDownloadPolicy(inputs.restoreCache, restoreHistory?.secondsPerMB);
  const secondsPerMB = restoreSecondsPerMB(restoreHistory?.secondsPerMB, plan.builder.startsEmpty);
  const notWorthIt = mountsNotWorthRestoring(
    restoreHistory,
    dependencyPlan.mounts.map((m) => cacheMountId(m.mount)),
    inputs.restoreCache,
    secondsPerMB,
  );
  await core.group(`Restore dependency caches (${session.storeName})`, () =>
    session.restoreAndInject({
      coveredByLayerCache: covered,
      notWorthRestoring: notWorthIt,
      alwaysSave: inputs.restoreCache === 'false',
      // A builder that must start first is waited for by the injects only; a driver that starts
      // with the build itself (docker) takes them at once.
      builderReady: plan.builder.readyBeforeBuild ? builderReady : Promise.resolve(),
      // Asked beside the downloads: a remote builder that still holds an entry spares its inject.
      askBuilder: plan.builder.outlivesJob,
    }),
  );
  return session;
}
