import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as core from '@actions/core';

import { adviseAndAnnotate } from './advice/run-advice.js';
import { prepareBuilder } from './buildx/builder.js';
import { runBuild, type BuildResult } from './buildx/run-build.js';
import type { DependencyCacheReport } from './cache/dependency-cache.js';
import { cacheMountId } from './cache/mounts.js';
import { planCacheScopes } from './cache/scopes.js';
import { chooseBackend, planDependencyCacheForRun, startDependencyCacheSession } from './cache/setup.js';
import { Output, State } from './constants.js';
import { createBuildxCli, type BuildxCli } from './buildx/toolkit.js';
import { readRunContext, type RunContext } from './github/run-context.js';
import { parseInputs, type Inputs } from './inputs/parse.js';
import { planLayoutExportArgs } from './buildx/build-args.js';
import { makePlan, type Plan } from './buildx/plan.js';
import { mountsCoveredByLayerCache, type CoverageBase } from './cache/layer-covered.js';
import { BaseReportStore } from './report/base-store.js';
import { cacheHitRatio, describeCacheProblems } from './report/build-summary.js';
import type { KnownLayer } from './report/layers/known-layers.js';
import type { LayoutExporter } from './report/layers/oci-layout.js';
import { measureImageSize } from './report/measure.js';
import { REPORT_SCHEMA, type BuildReport, type ReportAdvice } from './report/model.js';
import { loadBaseReport, publishReport } from './report/publish.js';
import { resolveSecretSpecs } from './inputs/secrets.js';
import { stateStore } from './state.js';
import { checkWorkspacePaths, dockerfilePath } from './inputs/workspace.js';

export async function runMain(): Promise<void> {
  const inputs = parseInputs((name) => core.getInput(name));
  const run = readRunContext(process.env);
  checkWorkspacePaths(inputs, run.workspace);
  const runStamp = `${run.runId || Date.now()}.${process.env.GITHUB_RUN_ATTEMPT || '1'}`;
  const dependencyPlan = await planDependencyCacheForRun({
    inputs,
    workspace: run.workspace,
    runStamp,
    runnerArch: process.env.RUNNER_ARCH || process.arch,
  });
  const scopes = planCacheScopes(
    { ...run, defaultBranch: inputs.defaultBranch || run.defaultBranch || 'main' },
    inputs.cacheBackend,
  );
  const { backend, unavailable } = chooseBackend(inputs, scopes);

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
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    core.warning(message);
  };
  core.info(
    `Layer cache (${plan.layerCache.kind}): read ${plan.layerCache.readRefs.join(', ') || 'nothing'}; write ${plan.layerCache.writeRef ?? 'nothing'}`,
  );
  for (const target of dependencyPlan.unknownTargets) {
    warn(`dependency-cache names ${target}, but no RUN --mount=type=cache in the Dockerfile uses it`);
  }
  for (const { mount, reason } of dependencyPlan.skipped) {
    warn(`Cache mount ${mount.target} (line ${mount.line}) is not persisted: ${reason}`);
  }
  if (unavailable && dependencyPlan.mounts.length > 0)
    warn(`Dependency caches are not persisted: ${unavailable}`);
  if (scopes.readOnlyReason) core.info(`Caches are restored but not saved: ${scopes.readOnlyReason}.`);

  const buildx = createBuildxCli();
  if (plan.builder.removeAfterRun) {
    stateStore.save(State.BuildxInvocation, JSON.stringify(await buildx.invocation()));
    stateStore.save(State.BuilderToRemove, plan.builder.name);
  }
  // Started now and awaited before the first build: starting a builder needs nothing the advice or
  // the report lookup does, and they need nothing from it.
  const builderReady = prepareBuilder(buildx, plan.builder);
  builderReady.catch(() => undefined);

  const advice = inputs.advice
    ? await core.group('Advice', () =>
        adviseAndAnnotate(
          {
            workspace: run.workspace,
            context: inputs.context,
            dockerfile: dockerfilePath(inputs),
            disabledRules: inputs.adviceIgnore,
          },
          warn,
        ),
      )
    : [];

  const dependencyCaches =
    backend && dependencyPlan.enabled && dependencyPlan.mounts.length > 0
      ? startDependencyCacheSession(dependencyPlan, backend, buildx, plan.builder.name, scratch, warn)
      : undefined;
  // Loaded before the build: it tells which dependency caches the layer cache makes unnecessary.
  const baseStore = backend ? new BaseReportStore(backend, reportImageName(inputs)) : undefined;
  const base = await loadBaseReport(baseStore, run, inputs.defaultBranch);
  const knownLayers = base && baseStore ? await baseStore.loadedLayers() : new Map<string, KnownLayer>();
  await core.group(`Builder ${plan.builder.name} (${plan.builder.driver} driver)`, async () => {
    const printed = await builderReady;
    if (printed) core.info(printed);
  });

  if (dependencyCaches) {
    const covered = mountsCoveredByLayerCache(
      base && coverageBaseOf(base),
      new Map(dependencyPlan.mounts.map((m) => [cacheMountId(m.mount), m.stepFingerprint])),
      plan.layerCache,
      inputs.cacheMode,
    );
    await core.group(`Restore dependency caches (${backend?.name})`, () =>
      dependencyCaches.restoreAndInject(covered),
    );
  }

  const build = await core.group('Build', () =>
    runBuild(buildx, { args: plan.buildArgs, ...files, print: (line) => core.info(line) }),
  );
  dependencyCaches?.checkAgainstBuild(build.steps);
  // Saving the caches (BuildKit and tar) and measuring the image (docker save and gunzip) overlap.
  const [, measurement] = await Promise.all([
    dependencyCaches && scopes.write !== undefined
      ? core.group('Save dependency caches', () =>
          dependencyCaches.extractAndSave(build.succeeded, inputs.maxCacheSize),
        )
      : undefined,
    measureIfBuilt({ build, plan, base, knownLayers, buildx, scratch }, warn),
  ]);
  const size = measurement?.size;
  const dependencyReport = dependencyCaches?.report() ?? {
    status: dependencyPlan.enabled && dependencyPlan.mounts.length > 0 ? 'miss' : 'off',
    mounts: [],
    seconds: { restore: 0, inject: 0, extract: 0, save: 0 },
  };
  for (const warning of describeCacheProblems(build, plan.layerCache)) warn(warning);
  setBuildOutputs(build, plan, dependencyReport);
  core.info(
    `Built in ${build.seconds.toFixed(1)} s; ${build.cachedSteps} of ${build.totalSteps} steps from cache.`,
  );

  const report = assembleReport({ inputs, run, build, plan, dependencyReport, size, advice, warnings });
  const gateFailures = await publishReport({
    inputs,
    run,
    report,
    base,
    reportFile: path.join(scratch, 'report.json'),
    baseStore,
    runStamp,
    measuredLayers: measurement?.layers,
  });
  if (!build.succeeded) throw new Error(`The build failed: ${build.error}`);
  if (gateFailures.length > 0) throw new Error(gateFailures.join(' '));
}

interface MeasureFacts {
  build: BuildResult;
  plan: Plan;
  base: BuildReport | undefined;
  knownLayers: ReadonlyMap<string, KnownLayer>;
  buildx: BuildxCli;
  scratch: string;
}

async function measureIfBuilt(facts: MeasureFacts, warn: (message: string) => void) {
  const { build, plan } = facts;
  if (!build.succeeded || !plan.imageIsLocal) return undefined;
  // A builder of its own driver, on this machine, still holds every layer it just built; pods of a
  // kubernetes builder or a shared remote one may not, and exporting would then rebuild.
  const exportLayout: LayoutExporter | undefined =
    plan.builder.driver === 'docker' || plan.builder.driver === 'docker-container'
      ? async (directory) => {
          const result = await facts.buildx.run(planLayoutExportArgs(plan.buildArgs, directory));
          if (result.exitCode !== 0)
            throw new Error(
              `the layout export failed: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`,
            );
        }
      : undefined;
  // No log group: this overlaps with saving the caches, and groups cannot overlap.
  const measurement = await measureImageSize(
    {
      imageId: build.imageId,
      previous: facts.base?.size,
      known: facts.knownLayers,
      exportLayout,
      scratch: facts.scratch,
    },
    warn,
  );
  if (measurement && measurement.size.analysisSeconds > 0)
    core.info(`Measured the image in ${measurement.size.analysisSeconds.toFixed(1)} s.`);
  return measurement;
}

function coverageBaseOf(base: BuildReport): CoverageBase {
  return {
    succeeded: base.build.succeeded,
    writeRef: base.layerCache.writeRef,
    layerCacheExported: base.layerCache.exported === true,
    mounts: base.dependencyCache.mounts.map((m) => ({
      mountId: m.mountId ?? m.target,
      fingerprint: m.fingerprint,
    })),
  };
}

function reportImageName(inputs: Inputs): string {
  return inputs.image || inputs.tags[0]?.replace(/:[^/:]*$/, '') || '';
}

interface ReportParts {
  inputs: Inputs;
  run: RunContext;
  build: BuildResult;
  plan: Plan;
  dependencyReport: DependencyCacheReport;
  size: BuildReport['size'];
  advice: ReportAdvice[];
  warnings: string[];
}

function assembleReport(parts: ReportParts): BuildReport {
  const { inputs, run, build, plan } = parts;
  return {
    schema: REPORT_SCHEMA,
    createdAt: new Date().toISOString(),
    image: {
      name: reportImageName(inputs),
      tags: inputs.tags,
      digest: build.digest,
      imageId: build.imageId,
    },
    git: {
      repository: run.repository,
      event: run.eventName,
      branch: run.branch,
      baseBranch: run.baseBranch,
      sha: run.sha,
      pullRequest: run.pullRequestNumber,
    },
    build: {
      succeeded: build.succeeded,
      seconds: build.seconds,
      cachedSteps: build.cachedSteps,
      totalSteps: build.totalSteps,
      steps: build.steps,
    },
    layerCache: {
      kind: plan.layerCache.kind,
      readRefs: plan.layerCache.readRefs,
      writeRef: plan.layerCache.writeRef,
      exported:
        build.succeeded &&
        plan.layerCache.writeRef !== undefined &&
        !build.cacheProblems.some((problem) => problem.direction === 'export'),
    },
    dependencyCache: parts.dependencyReport,
    size: parts.size,
    advice: parts.advice,
    warnings: parts.warnings,
  };
}

function setBuildOutputs(build: BuildResult, plan: Plan, dependencyReport: DependencyCacheReport): void {
  core.setOutput(Output.ImageId, build.imageId);
  core.setOutput(Output.Digest, build.digest);
  core.setOutput(Output.Metadata, build.metadata);
  core.setOutput(Output.BuildSeconds, build.seconds.toFixed(2));
  core.setOutput(Output.CachedSteps, build.cachedSteps);
  core.setOutput(Output.TotalSteps, build.totalSteps);
  core.setOutput(Output.CacheHitRatio, cacheHitRatio(build).toFixed(2));
  core.setOutput(Output.LayerCacheFrom, plan.layerCache.readRefs.join('\n'));
  core.setOutput(Output.LayerCacheTo, plan.layerCache.writeRef ?? '');
  core.setOutput(Output.DependencyCache, dependencyReport.status);
  const { seconds } = dependencyReport;
  core.setOutput(Output.CacheRestoreSeconds, seconds.restore.toFixed(2));
  core.setOutput(Output.CacheInjectSeconds, seconds.inject.toFixed(2));
  core.setOutput(Output.CacheExtractSeconds, seconds.extract.toFixed(2));
  core.setOutput(Output.CacheSaveSeconds, seconds.save.toFixed(2));
}
