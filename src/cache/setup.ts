import path from 'node:path';

import * as cache from '@actions/cache';

import { actionTempDir } from './action-temp.js';
import type { BuilderContainer } from '../buildx/builder-container.js';
import type { BuildxCli } from '../buildx/toolkit.js';
import type { DockerfileModel } from '../dockerfile/model.js';
import { DEFAULT_LOCKFILES, type LockfileHash } from '../inputs/lockfiles.js';
import type { Inputs } from '../inputs/parse.js';
import { planDependencyCache, type DependencyCachePlan } from './plan.js';
import { createGhaBackend } from './backends/gha.js';
import { createLocalBackend } from './backends/local.js';
import type { ArchiveStore } from './backends/types.js';
import { withTimeout } from './backends/with-timeout.js';
import { DependencyCacheSession } from './dependency-cache.js';
import { cacheStepFingerprints } from './layer-covered.js';
import { cacheMountId, findCacheMounts } from './mounts.js';
import { createMountTransfer } from './mount-transfer.js';
import { archiveCacheStore } from './archive-store.js';
import { createRegistryMountStore, withRegistryTimeout } from './registry/mount-store.js';
import { registryCacheStore } from './registry/registry-store.js';
import { planRegistryMountRefs, type RegistryMountRefs } from './registry/refs.js';
import type { CacheScopes } from './scopes.js';
import { info } from '../runner-log.js';

export interface DependencyCacheContext {
  inputs: Pick<
    Inputs,
    'dependencyCache' | 'dependencyCacheLockfiles' | 'context' | 'buildArgs' | 'platforms' | 'target'
  >;
  dockerfile: DockerfileModel;
  /** Undefined when the dependency cache is off (the lockfiles are then not read). */
  lockfiles: LockfileHash | undefined;
  workspace: string;
  runStamp: string;
  runnerArch: string;
  /** The run context's stableTemp (see actionTempDir). */
  stableTemp: string | undefined;
}

/** Decides which cache mounts to carry and under which keys. */
export function planDependencyCacheForRun(context: DependencyCacheContext): DependencyCachePlan {
  const { inputs, workspace, lockfiles } = context;
  if (inputs.dependencyCache === 'off' || !lockfiles) {
    return planDependencyCache({
      setting: 'off',
      mounts: [],
      keyFacts: { os: 'linux', arch: '', lockfileHash: '', runStamp: '' },
      hostRoot: '',
    });
  }
  const mounts = findCacheMounts(context.dockerfile);
  const contextDir = path.resolve(workspace, inputs.context);
  const stepFingerprints = cacheStepFingerprints(context.dockerfile, mounts.map(cacheMountId), {
    lockfiles: new Set(
      lockfiles.files
        .map((file) => path.relative(contextDir, path.resolve(workspace, file)).split(path.sep).join('/'))
        .filter((file) => !file.startsWith('..')),
    ),
    lockfileNames: inputs.dependencyCacheLockfiles.length === 0 ? DEFAULT_LOCKFILES : [],
    lockfileHash: lockfiles.hash,
    buildSettings: [
      ...inputs.buildArgs,
      `platforms=${inputs.platforms.join(',')}`,
      `target=${inputs.target}`,
    ],
  });
  return planDependencyCache({
    setting: inputs.dependencyCache,
    mounts,
    keyFacts: {
      os: 'linux',
      arch: cacheArch(inputs, context.runnerArch),
      lockfileHash: lockfiles.hash,
      runStamp: context.runStamp,
    },
    hostRoot: path.join(actionTempDir(context.stableTemp), 'cache-mounts'),
    stepFingerprints,
  });
}

/** The platforms the mounts' files were made for: part of every key and registry tag. */
export function cacheArch(inputs: Pick<Inputs, 'platforms'>, runnerArch: string): string {
  return (inputs.platforms.join('+') || runnerArch).replace(/[^A-Za-z0-9+_.]/g, '_');
}

export interface BackendChoice {
  /** The archive store (gha, local) of the dependency caches and the reports; with `registry`, the Actions cache when available, for the reports only. */
  backend?: ArchiveStore;
  /** `dependency-cache-backend: registry`: the repository the mounts' images are pushed to, beside the layer cache. */
  registryRepository?: string;
  /** Why the dependency caches cannot be carried on this runner. */
  unavailable?: string;
}

/** The backend the inputs ask for, or undefined (with the reason) when it cannot be used on this runner. */
export function chooseBackend(
  inputs: Pick<
    Inputs,
    | 'dependencyCacheBackend'
    | 'localCacheDir'
    | 'dependencyCacheTimeoutSeconds'
    | 'layerCacheRepository'
    | 'image'
    | 'dependencyCacheMaxSize'
  >,
  scopes: CacheScopes,
): BackendChoice {
  const gha = () =>
    withTimeout(createGhaBackend(inputs.dependencyCacheMaxSize), inputs.dependencyCacheTimeoutSeconds);
  if (inputs.dependencyCacheBackend === 'registry') {
    // Each push's report is a small JSON file: it stays in the Actions cache, where there is one.
    return {
      registryRepository: inputs.layerCacheRepository || inputs.image,
      ...(cache.isFeatureAvailable() ? { backend: gha() } : {}),
    };
  }
  // parseInputs has made sure local-cache-dir is set for the local backend.
  if (inputs.dependencyCacheBackend === 'local') {
    return {
      backend: withTimeout(
        createLocalBackend(inputs.localCacheDir, scopes, inputs.dependencyCacheMaxSize),
        inputs.dependencyCacheTimeoutSeconds,
      ),
    };
  }
  if (!cache.isFeatureAvailable()) {
    return {
      unavailable:
        'the Actions cache service is not available on this runner (ACTIONS_RESULTS_URL is not set)',
    };
  }
  return { backend: gha() };
}

/** Mount id → where `dependency-cache-backend: registry` reads and writes it. */
export function planRegistryRefsForRun(
  plan: DependencyCachePlan,
  repository: string,
  scopes: Pick<CacheScopes, 'read' | 'write'>,
  arch: string,
): Map<string, RegistryMountRefs> {
  return new Map(
    plan.mounts.map(({ mount }) => [
      cacheMountId(mount),
      planRegistryMountRefs(repository, mount, { os: 'linux', arch }, scopes),
    ]),
  );
}

/**
 * The session over the store the inputs chose: registry images when `registryRefs` are planned,
 * else the archive backend; undefined when there is neither.
 */
export function startDependencyCacheSession(
  plan: DependencyCachePlan,
  stores: {
    backend?: ArchiveStore;
    registryRefs?: ReadonlyMap<string, RegistryMountRefs>;
    /** dependency-cache-timeout, for the helper builds and the registry (the archive backend comes bounded). */
    timeoutSeconds: number;
  },
  buildx: BuildxCli,
  builderName: string,
  scratchDir: string,
  warn: (message: string) => void,
  builderContainer?: Promise<BuilderContainer | undefined>,
): DependencyCacheSession | undefined {
  const say = (message: string) => info(message);
  const transfer = createMountTransfer(buildx, builderName, scratchDir, {
    timeoutSeconds: stores.timeoutSeconds,
    ...(builderContainer && { container: builderContainer }),
    info: say,
  });
  const store = stores.registryRefs
    ? registryCacheStore(
        withRegistryTimeout(createRegistryMountStore(buildx, builderName, scratchDir), stores.timeoutSeconds),
        stores.registryRefs,
        say,
      )
    : stores.backend && archiveCacheStore(stores.backend, transfer, say);
  return store && new DependencyCacheSession(plan, { store, transfer, warn, info: say });
}
