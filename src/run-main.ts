// The main step, phase by phase (src/phases/). Work that needs nothing from the step before it is
// started early and awaited where it is needed: the report lookup beside the engine probe, the
// builder's start beside the advice and the dependency caches' downloads, the cache save beside
// the image's measurement.
import { createBuildxCli } from './buildx/toolkit.js';
import { State } from './constants.js';
import { readRunContext } from './github/run-context.js';
import { resolveLockfiles } from './inputs/lockfiles.js';
import { advise } from './phases/advise.js';
import { loadBase } from './phases/base-report.js';
import { startBuilder } from './phases/builder.js';
import { buildImage } from './phases/build-image.js';
import { chooseCacheStores } from './phases/cache-stores.js';
import { resolveDriver } from './phases/engine.js';
import { logPlan, planRun } from './phases/plan-run.js';
import { boundBuilderStorage } from './phases/prune-builder.js';
import { publish } from './phases/publish.js';
import { readInputs } from './phases/read-inputs.js';
import { restoreDependencyCaches } from './phases/restore-caches.js';
import { saveAndMeasure } from './phases/save-and-measure.js';
import { warningLog } from './phases/warnings.js';
import { reportImageName } from './report/assemble.js';
import { BaseReportStore } from './report/base-store.js';
import { info } from './runner-log.js';
import { stateStore } from './state.js';

export async function runMain(): Promise<void> {
  // Written through the state file before anything runs: the runner applies that file after the
  // step, over any save-state a build might have printed, so the post step reads only what we wrote.
  stateStore.save(State.BuilderToRemove, '');
  stateStore.save(State.BuildxInvocation, '');
  const run = readRunContext(process.env);
  const warnings = warningLog();

  // Decide: bad input fails here, before any builder starts.
  const { inputs, dockerfile } = await readInputs(run);
  const stores = chooseCacheStores(inputs, run);
  const baseStore = stores.backend
    ? new BaseReportStore(stores.backend, reportImageName(inputs), run.stableTemp)
    : undefined;
  const baseLoaded = loadBase(baseStore, run);
  const buildx = createBuildxCli();
  const [lockfiles, engine] = await Promise.all([
    inputs.dependencyCache === 'off' ? undefined : resolveLockfiles(inputs, run.workspace),
    resolveDriver(inputs, buildx),
  ]);
  const planned = planRun({ inputs, run, dockerfile, lockfiles, engine, stores });
  logPlan(planned, inputs, stores, warnings.warn);

  // Build, with the dependency caches around it.
  const builder = await startBuilder(buildx, planned.plan.builder);
  const advice = await advise(inputs, run, dockerfile, warnings.warn);
  const loaded = await baseLoaded;
  const caches = await restoreDependencyCaches({
    inputs,
    planned,
    stores,
    buildx,
    base: loaded.base,
    builderReady: builder.ready,
    builderContainer: builder.container,
    warn: warnings.warn,
  });
  // A builder that must be created or started is checked before the build: its failure is the
  // error the user sees.
  if (planned.plan.builder.readyBeforeBuild) await builder.ready;
  const built = await buildImage({
    buildx,
    planned,
    caches,
    savesCaches: stores.saves,
    maxBytesPerMount: inputs.dependencyCacheMaxSize,
    knownLayers: loaded.knownLayers,
    dockerfile,
    platform: inputs.platforms[0],
  });
  // What buildx says of the builder was asked beside the build; a failure to say it costs nothing
  // the build needed.
  await builder.show().catch((error: unknown) => info((error as Error).message));
  const measurement = await saveAndMeasure({
    inputs,
    planned,
    buildx,
    dockerfile,
    built,
    caches,
    savesCaches: stores.saves,
    base: loaded.base,
    knownLayers: loaded.knownLayers,
    warn: warnings.warn,
  });
  const builderStorage = await boundBuilderStorage(inputs, planned.plan, buildx, warnings.warn);

  // Report.
  await publish({
    inputs,
    run,
    dockerfile,
    planned,
    result: built.result,
    advice,
    loaded,
    baseStore,
    caches,
    measurement,
    builderStorage,
    savesCaches: stores.saves,
    warnings,
  });
}
