import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as core from '@actions/core';

import { prepareBuilder } from './builder/builder.js';
import { runBuild, type BuildResult } from './build/run-build.js';
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

  const scratch = mkdtempSync(path.join(process.env.RUNNER_TEMP || tmpdir(), 'docker-fast-build-'));
  const plan = makePlan(inputs, {
    run,
    newBuilderName: `dfb-${run.runId || 'local'}-${randomBytes(3).toString('hex')}`,
    files: {
      metadataFile: path.join(scratch, 'metadata.json'),
      imageIdFile: path.join(scratch, 'iid'),
      secretSpecs: resolveSecretSpecs(inputs.secrets),
    },
  });
  core.info(
    `Layer cache (${plan.layerCache.kind}): read ${plan.layerCache.readRefs.join(', ') || 'nothing'}; write ${plan.layerCache.writeRef ?? 'nothing'}`,
  );

  const buildx = createBuildxCli();
  await core.group(`Builder ${plan.builder.name} (${plan.builder.driver} driver)`, async () => {
    if (plan.builder.removeAfterRun) stateStore.save(State.BuilderToRemove, plan.builder.name);
    await prepareBuilder(buildx, plan.builder);
  });

  const build = await core.group('Build', () =>
    runBuild(buildx, {
      args: plan.buildArgs,
      metadataFile: path.join(scratch, 'metadata.json'),
      imageIdFile: path.join(scratch, 'iid'),
      print: (line) => core.info(line),
    }),
  );

  const cacheWarnings = describeCacheProblems(build, plan.layerCache);
  for (const warning of cacheWarnings) core.warning(warning);
  setBuildOutputs(build, plan.layerCache.readRefs, plan.layerCache.writeRef);
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

/** The summary is a convenience: a runner without a summary file must not fail the build. */
async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addRaw(markdown, true).write();
  } catch (error) {
    core.warning(`Could not write the job summary: ${(error as Error).message}`);
  }
}
