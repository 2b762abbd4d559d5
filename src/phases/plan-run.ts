// Phase 3: what this run will do — the build's plan and the dependency caches' — decided from the
// inputs and the facts gathered so far, before anything runs. Pure but for the scratch directory.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';

import * as github from '@actions/github';

import { newBuilderName } from '../buildx/builder-plan.js';
import { makePlan, noDefaultAttestations, type Plan } from '../buildx/plan.js';
import type { DependencyCachePlan } from '../cache/plan.js';
import type { RegistryMountRefs } from '../cache/registry/refs.js';
import { cacheArch, planDependencyCacheForRun, planRegistryRefsForRun } from '../cache/setup.js';
import { Switch } from '../constants.js';
import type { DockerfileModel } from '../dockerfile/model.js';
import type { RunContext } from '../github/run-context.js';
import { planListing } from '../image/listing-plan.js';
import type { LockfileHash } from '../inputs/lockfiles.js';
import { lowerCaseRepository, type Inputs } from '../inputs/parse.js';
import {
  resolveSecretEnvSpecs,
  resolveSecretFileSpecs,
  resolveSecretSpecs,
  secretSourceFile,
} from '../inputs/secrets.js';
import { info } from '../runner-log.js';
import type { CacheStores } from './cache-stores.js';
import type { EngineFacts } from './engine.js';

export interface RunPlan {
  /** `<run id>.<attempt>`: what this run's saved entries are told apart by. */
  runStamp: string;
  plan: Plan;
  dependencyPlan: DependencyCachePlan;
  /** `dependency-cache-backend: registry`: mount id → its refs. */
  registryRefs: Map<string, RegistryMountRefs> | undefined;
  scratch: string;
  files: {
    metadataFile: string;
    imageIdFile: string;
    secretSpecs: string[];
    /** The files this run wrote the `secrets` values to: removed once the build ends. */
    writtenSecretFiles: string[];
  };
}

export function planRun(facts: {
  inputs: Inputs;
  run: RunContext;
  dockerfile: DockerfileModel;
  lockfiles: LockfileHash | undefined;
  engine: EngineFacts;
  stores: CacheStores;
}): RunPlan {
  const { inputs, run, dockerfile, stores } = facts;
  const runStamp = `${run.runId || Date.now()}.${run.runAttempt}`;
  const dependencyPlan = planDependencyCacheForRun({
    inputs,
    dockerfile,
    lockfiles: facts.lockfiles,
    workspace: run.workspace,
    runStamp,
    runnerArch: run.runnerArch,
    stableTemp: run.stableTemp,
  });
  const registryRefs =
    stores.registryRepository === undefined
      ? undefined
      : planRegistryRefsForRun(
          dependencyPlan,
          stores.registryRepository,
          stores.scopes,
          cacheArch(inputs, run.runnerArch),
        );
  const scratch = mkdtempSync(path.join(run.runnerTemp, 'docker-fast-build-'));
  const envSpecs = resolveSecretEnvSpecs(inputs.secretEnvs, process.env);
  const fileSpecs = resolveSecretFileSpecs(inputs.secretFiles);
  // Written last: an error in the inputs above leaves no secret on disk.
  const written = resolveSecretSpecs(inputs.secrets);
  const files = {
    metadataFile: path.join(scratch, 'metadata.json'),
    imageIdFile: path.join(scratch, 'iid'),
    // In build-push-action's order: secret-envs, secrets, secret-files.
    secretSpecs: [...envSpecs, ...written, ...fileSpecs],
    writtenSecretFiles: written.flatMap((spec) => secretSourceFile(spec) ?? []),
  };
  const plan = makePlan(inputs, {
    run,
    newBuilderName: newBuilderName(run.runId, randomBytes(3).toString('hex')),
    files,
    ...facts.engine,
    layoutDir: path.join(scratch, 'layout'),
    privateRepository: github.context.payload.repository?.private === true,
    noDefaultAttestations: noDefaultAttestations(process.env.BUILDX_NO_DEFAULT_ATTESTATIONS),
    readOnly: !stores.saves,
    listing: process.env[Switch.MeasureSource] === 'listing' ? planListing(dockerfile) : undefined,
    forceLayout: process.env[Switch.MeasureSource] === 'layout',
  });
  return { runStamp, plan, dependencyPlan, registryRefs, scratch, files };
}

/** Says what the plan will do, and warns of what it cannot. */
export function logPlan(
  { plan, dependencyPlan, registryRefs }: RunPlan,
  inputs: Inputs,
  stores: CacheStores,
  warn: (message: string) => void,
): void {
  for (const name of inputs.lowerCased)
    info(`Image name ${name} is used in lower case (${lowerCaseRepository(name)}): registries require it`);
  for (const note of plan.notes) info(note);
  info(
    `Layer cache (${plan.layerCache.kind}): read ${plan.layerCache.readRefs.join(', ') || 'nothing'}; write ${plan.layerCache.writeRef ?? 'nothing'}`,
  );
  for (const target of dependencyPlan.unknownTargets)
    warn(`dependency-cache names ${target}, but no RUN --mount=type=cache in the Dockerfile uses it`);
  for (const { mount, reason } of dependencyPlan.skipped)
    warn(`Cache mount ${mount.target} (line ${mount.line}) is not persisted: ${reason}`);
  if (stores.unavailable && dependencyPlan.mounts.length > 0)
    warn(`Dependency caches are not persisted: ${stores.unavailable}`);
  if (registryRefs && !stores.backend)
    info(
      'Reports are not kept for the next run: with dependency-cache-backend: registry they go to the Actions cache, which is not available on this runner.',
    );
  if (stores.scopes.readOnlyReason)
    info(`Caches are restored but not saved: ${stores.scopes.readOnlyReason}.`);
}
