import { readFile } from 'node:fs/promises';
import path from 'node:path';

import * as cache from '@actions/cache';
import * as core from '@actions/core';

import { Input } from '../constants.js';
import { actionTempDir } from './action-temp.js';
import type { BuildxCli } from '../buildx/toolkit.js';
import { InputError, type Inputs } from '../inputs/parse.js';
import { dockerfilePath } from '../inputs/workspace.js';
import { planDependencyCache, type DependencyCachePlan } from './plan.js';
import { createGhaBackend } from './backends/gha.js';
import { createLocalBackend } from './backends/local.js';
import type { DependencyCacheBackend } from './backends/types.js';
import { withTimeout } from './backends/with-timeout.js';
import { DependencyCacheSession } from './dependency-cache.js';
import { cacheStepFingerprints } from './layer-covered.js';
import { DEFAULT_LOCKFILES, hashLockfiles, lockfilePatterns } from './lockfiles.js';
import { cacheMountId, findCacheMounts } from './mounts.js';
import { createMountTransfer } from './mount-transfer.js';
import type { CacheScopes } from './scopes.js';

export interface DependencyCacheContext {
  inputs: Inputs;
  workspace: string;
  runStamp: string;
  runnerArch: string;
}

/** Reads the Dockerfile and lockfiles and decides which cache mounts to carry and under which keys. */
export async function planDependencyCacheForRun(
  context: DependencyCacheContext,
): Promise<DependencyCachePlan> {
  const { inputs, workspace } = context;
  if (inputs.dependencyCache === 'off') {
    return planDependencyCache({
      setting: 'off',
      mounts: [],
      keyFacts: { os: 'linux', arch: '', lockfileHash: '', runStamp: '' },
      hostRoot: '',
    });
  }
  const dockerfile = path.resolve(workspace, dockerfilePath(inputs));
  const dockerfileText = await readFile(dockerfile, 'utf8');
  const lockfiles = await hashLockfiles(
    lockfilePatterns(inputs.lockfiles, workspace, inputs.context),
    workspace,
  );
  if (inputs.lockfiles.length > 0 && lockfiles.files.length === 0) {
    throw new InputError(
      Input.Lockfiles,
      `expected globs that match at least one file; '${inputs.lockfiles.join(', ')}' matched none`,
    );
  }
  // With no lockfile at all, the dependencies are spelled out in the Dockerfile itself.
  const lockfileHash =
    lockfiles.files.length > 0 ? lockfiles.hash : (await hashLockfiles([dockerfile], workspace)).hash;
  const mounts = findCacheMounts(dockerfileText, inputs.buildArgs);
  const contextDir = path.resolve(workspace, inputs.context);
  const stepFingerprints = cacheStepFingerprints(dockerfileText, mounts.map(cacheMountId), {
    lockfiles: new Set(
      lockfiles.files
        .map((file) => path.relative(contextDir, path.resolve(workspace, file)).split(path.sep).join('/'))
        .filter((file) => !file.startsWith('..')),
    ),
    lockfileNames: inputs.lockfiles.length === 0 ? DEFAULT_LOCKFILES : [],
    lockfileHash,
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
      arch: (inputs.platforms.join('+') || context.runnerArch).replace(/[^A-Za-z0-9+_.]/g, '_'),
      lockfileHash,
      runStamp: context.runStamp,
    },
    hostRoot: path.join(actionTempDir(), 'cache-mounts'),
    stepFingerprints,
  });
}

/** The backend the inputs ask for, or undefined (with the reason) when it cannot be used on this runner. */
export function chooseBackend(
  inputs: Inputs,
  scopes: CacheScopes,
): { backend?: DependencyCacheBackend; unavailable?: string } {
  if (inputs.cacheBackend === 'local') {
    if (!inputs.cacheDir) {
      throw new InputError(
        Input.CacheDir,
        `'cache-backend: local' needs a directory, e.g. /var/cache/docker-fast-build`,
      );
    }
    return {
      backend: withTimeout(createLocalBackend(inputs.cacheDir, scopes), inputs.cacheTimeoutSeconds),
    };
  }
  if (!cache.isFeatureAvailable()) {
    return {
      unavailable:
        'the Actions cache service is not available on this runner (ACTIONS_RESULTS_URL is not set)',
    };
  }
  return { backend: withTimeout(createGhaBackend(), inputs.cacheTimeoutSeconds) };
}

export function startDependencyCacheSession(
  plan: DependencyCachePlan,
  backend: DependencyCacheBackend,
  buildx: BuildxCli,
  builderName: string,
  scratchDir: string,
  warn: (message: string) => void,
): DependencyCacheSession {
  return new DependencyCacheSession(plan, {
    backend,
    transfer: createMountTransfer(buildx, builderName, scratchDir),
    warn,
    info: (message) => core.info(message),
  });
}
