import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as core from '@actions/core';

import { prepareBuilder } from './builder/builder.js';
import { runBuild, type BuildResult } from './build/run-build.js';
import type { DependencyCacheReport } from './cache/dependency-cache.js';
import { chooseBackend, planDependencyCacheForRun, startDependencyCacheSession } from './cache/setup.js';
import { Output, State } from './constants.js';
import { createBuildxCli } from './docker/buildx.js';
import { readRunContext } from './github/run-context.js';
import { parseInputs } from './inputs.js';
import { makePlan } from './plan/index.js';
import { cacheHitRatio, describeCacheProblems, renderBuildSummary } from './report/build-summary.js';
import { resolveSecretSpecs } from './secrets.js';
import { stateStore } from './state.js';
import { checkWorkspacePaths } from './workspace.js';

export async function runMain(): Promise<void> {
  stateStore.markMainStarted();
  const inputs = parseInputs((name) => core.getInput(name));
  const run = readRunContext(process.env);
  checkWorkspacePaths(inputs, run.workspace);
  const dependencyPlan = await planDependencyCacheForRun({
    inputs,
    workspace: run.workspace,
    runStamp: `${run.runId || Date.now()}.${process.env.GITHUB_RUN_ATTEMPT || '1'}`,
    runnerArch: process.env.RUNNER_ARCH || process.arch,
  });
  const { backend, unavailable } = dependencyPlan.enabled ? chooseBackend(inputs) : {};

  const scratch = mkdtempSync(path.join(process.env.RUNNER_TEMP || tmpdir(), 'docker-fast-build-'));
  const files = {
    metadataFile: path.join(scratch, 'metadata.json'),
    imageIdFile: path.join(scratch, 'iid'),
    secretSpecs: resolveSecretSpecs(inputs.secrets),
  };
  const plan = makePlan(inputs, {
    run,
    newBuilderName: `dfb-${run.runId || 'local'}-${randomBytes(3).toString('hex')}`,
    files,
  });
  core.info(
    `Layer cache (${plan.layerCache.kind}): read ${plan.layerCache.readRefs.join(', ') || 'nothing'}; write ${plan.layerCache.writeRef ?? 'nothing'}`,
  );
  for (const target of dependencyPlan.unknownTargets) {
    core.warning(`dependency-cache names ${target}, but no RUN --mount=type=cache in the Dockerfile uses it`);
  }
  for (const { mount, reason } of dependencyPlan.skipped) {
    core.warning(`Cache mount ${mount.target} (line ${mount.line}) is not persisted: ${reason}`);
  }
  if (unavailable && dependencyPlan.mounts.length > 0)
    core.warning(`Dependency caches are not persisted: ${unavailable}`);

  const buildx = createBuildxCli();
  await core.group(`Builder ${plan.builder.name} (${plan.builder.driver} driver)`, async () => {
    if (plan.builder.removeAfterRun) stateStore.save(State.BuilderToRemove, plan.builder.name);
    await prepareBuilder(buildx, plan.builder);
  });

  const dependencyCaches =
    backend && dependencyPlan.mounts.length > 0
      ? startDependencyCacheSession(dependencyPlan, backend, buildx, plan.builder.name, scratch, (m) =>
          core.warning(m),
        )
      : undefined;
  if (dependencyCaches) {
    await core.group(`Restore dependency caches (${backend?.name})`, () =>
      dependencyCaches.restoreAndInject(),
    );
  }

  const build = await core.group('Build', () =>
    runBuild(buildx, { args: plan.buildArgs, ...files, print: (line) => core.info(line) }),
  );

  if (dependencyCaches) {
    await core.group('Save dependency caches', () =>
      dependencyCaches.extractAndSave(build.succeeded, inputs.maxCacheSize),
    );
  }
  const dependencyReport = dependencyCaches?.report();

  const cacheWarnings = describeCacheProblems(build, plan.layerCache);
  for (const warning of cacheWarnings) core.warning(warning);
  setBuildOutputs(build, plan.layerCache.readRefs, plan.layerCache.writeRef);
  setDependencyCacheOutputs(dependencyReport);
  core.info(
    `Built in ${build.seconds.toFixed(1)} s; ${build.cachedSteps} of ${build.totalSteps} steps from cache.`,
  );
  await writeSummary(
    renderBuildSummary({
      build,
      layerCache: plan.layerCache,
      branch: run.branch,
      tags: inputs.tags,
      cacheWarnings,
      dependencyCache: dependencyReport,
    }),
  );
  if (!build.succeeded) throw new Error(`The build failed: ${build.error}`);
}

function setBuildOutputs(build: BuildResult, readRefs: string[], writeRef: string | undefined): void {
  core.setOutput(Output.ImageId, build.imageId);
  core.setOutput(Output.Digest, build.digest);
  core.setOutput(Output.Metadata, build.metadata);
  core.setOutput(Output.BuildSeconds, build.seconds.toFixed(2));
  core.setOutput(Output.CachedSteps, build.cachedSteps);
  core.setOutput(Output.TotalSteps, build.totalSteps);
  core.setOutput(Output.CacheHitRatio, cacheHitRatio(build).toFixed(2));
  core.setOutput(Output.LayerCacheFrom, readRefs.join('\n'));
  core.setOutput(Output.LayerCacheTo, writeRef ?? '');
}

function setDependencyCacheOutputs(report: DependencyCacheReport | undefined): void {
  core.setOutput(Output.DependencyCache, report?.status ?? 'off');
  const seconds = report?.seconds ?? { restore: 0, inject: 0, extract: 0, save: 0 };
  core.setOutput(Output.CacheRestoreSeconds, seconds.restore.toFixed(2));
  core.setOutput(Output.CacheInjectSeconds, seconds.inject.toFixed(2));
  core.setOutput(Output.CacheExtractSeconds, seconds.extract.toFixed(2));
  core.setOutput(Output.CacheSaveSeconds, seconds.save.toFixed(2));
}

/** The summary is a convenience: a runner without a summary file must not fail the build. */
async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addRaw(markdown, true).write();
  } catch (error) {
    core.warning(`Could not write the job summary: ${(error as Error).message}`);
  }
}
