// Phase 7: the report — assembled, compared with the base, stored for the next run, commented and
// summarised — then the outputs, and last the verdict: a failed build or a failed size gate.
import path from 'node:path';

import * as core from '@actions/core';

import type { BuilderStorage } from '../buildx/storage.js';
import type { BuildResult } from '../buildx/run-build.js';
import type { DependencyCacheSession } from '../cache/dependency-cache.js';
import type { DependencyCachePlan } from '../cache/plan.js';
import type { DockerfileModel } from '../dockerfile/model.js';
import type { RunContext } from '../github/run-context.js';
import type { Inputs } from '../inputs/parse.js';
import { dockerfilePath, isRemoteContext } from '../inputs/workspace.js';
import { setBuildOutputs, setReportOutputs } from '../outputs.js';
import { assembleReport, reportDependencyCache } from '../report/assemble.js';
import type { BaseReportStore } from '../report/base-store.js';
import { describeCacheProblems } from '../report/layer-cache-outcome.js';
import type { Measurement } from '../report/measure.js';
import type { ReportAdvice, ReportDependencyCache, ReportStepInputs } from '../report/model.js';
import { publishReport } from '../report/publish.js';
import { buildArgRedactor } from '../report/redact.js';
import { recordStepInputs } from '../report/step-inputs.js';
import { info } from '../runner-log.js';
import type { LoadedBase } from './base-report.js';
import type { RunPlan } from './plan-run.js';
import type { WarningLog } from './warnings.js';

export async function publish(request: {
  inputs: Inputs;
  run: RunContext;
  dockerfile: DockerfileModel;
  planned: RunPlan;
  result: BuildResult;
  advice: ReportAdvice[];
  loaded: LoadedBase;
  baseStore: BaseReportStore | undefined;
  caches: DependencyCacheSession | undefined;
  measurement: Measurement | undefined;
  builderStorage: BuilderStorage | undefined;
  savesCaches: boolean;
  warnings: WarningLog;
}): Promise<void> {
  const { inputs, run, result, warnings } = request;
  const { plan, scratch, runStamp } = request.planned;
  for (const warning of describeCacheProblems(result, plan.layerCache)) warnings.warn(warning);
  info(
    `Built in ${result.seconds.toFixed(1)} s; ${result.cachedSteps} of ${result.totalSteps} steps from cache.`,
  );
  const report = assembleReport({
    inputs,
    run,
    stepInputs: await stepInputsOf(request),
    dockerfile: {
      model: request.dockerfile,
      path: path.relative(run.workspace, path.resolve(run.workspace, dockerfilePath(inputs))),
    },
    build: result,
    plan,
    dependencyCache: dependencyCacheOutcome(request.caches, request.planned.dependencyPlan),
    base: request.loaded.base,
    size: request.measurement?.size,
    advice: request.advice,
    warnings: warnings.list,
    elapsedSeconds: process.uptime(),
    builderStorage: request.builderStorage,
    redact: buildArgRedactor(inputs.buildArgs, process.env),
  });
  const reportFile = path.join(scratch, 'report.json');
  const { commentArtifact, comparison, gateFailures, gateOverride } = await publishReport({
    inputs,
    run,
    report,
    base: request.loaded.base,
    reportFile,
    baseStore: request.baseStore,
    history: request.loaded.history,
    runStamp,
    measuredLayers: request.measurement?.layers,
    savesCaches: request.savesCaches,
  });
  setBuildOutputs(result);
  setReportOutputs(report, comparison, reportFile, commentArtifact);
  if (!result.succeeded) throw new Error(`The build failed: ${result.error}`);
  if (gateFailures.length > 0 && gateOverride) {
    core.warning(`Size gate overridden by the label '${gateOverride}': ${gateFailures.join(' ')}`);
  } else if (gateFailures.length > 0) throw new Error(gateFailures.join(' '));
}

function dependencyCacheOutcome(
  session: DependencyCacheSession | undefined,
  plan: DependencyCachePlan,
): ReportDependencyCache {
  if (session) return reportDependencyCache(session.report());
  return {
    status: plan.enabled && plan.mounts.length > 0 ? 'miss' : 'off',
    mounts: [],
    seconds: { restore: 0, inject: 0, extract: 0, save: 0 },
  };
}

/** What each step read, for why steps re-ran; a failure is a warning and the report goes without. */
async function stepInputsOf(
  request: Pick<Parameters<typeof publish>[0], 'inputs' | 'run' | 'dockerfile' | 'result' | 'warnings'>,
): Promise<ReportStepInputs[] | undefined> {
  const { inputs, run, dockerfile, result } = request;
  if (isRemoteContext(inputs.context) || dockerfile.stages.length === 0) return undefined;
  try {
    return await recordStepInputs({
      model: dockerfile,
      contextDir: path.resolve(run.workspace, inputs.context),
      dockerfile: path.resolve(run.workspace, dockerfilePath(inputs)),
      buildArgs: inputs.buildArgs,
      env: process.env,
      metadata: result.metadata,
      stepNames: result.fromSteps ?? [],
    });
  } catch (error) {
    request.warnings.warn(
      `Could not record what the build steps read, so the next build cannot say why they re-ran: ${(error as Error).message}`,
    );
    return undefined;
  }
}
