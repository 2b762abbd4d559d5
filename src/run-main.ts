import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import * as core from '@actions/core';
import * as github from '@actions/github';

import { adviseAndAnnotate } from './advice/run-advice.js';
import { ALL_RULES } from './advice/rules/index.js';
import { prepareBuilder } from './buildx/builder.js';
import { newBuilderName } from './buildx/builder-plan.js';
import { autoDriver, inspectBuilderDriver, probeEngine } from './buildx/engine.js';
import { planSaving } from './cache/save-policy.js';
import { planCacheScopes } from './cache/scopes.js';
import { localImageRef, makePlan, noDefaultAttestations, type Plan } from './buildx/plan.js';
import { LAYOUT_EXPORT_STEP } from './buildx/build-args.js';
import { runBuild, type BuildResult } from './buildx/run-build.js';
import { planBuilderPrune, pruneBuilderStorage, type BuilderStorage } from './buildx/storage.js';
import { createBuildxCli, type BuildxCli } from './buildx/toolkit.js';
import type { ArchiveStore } from './cache/backends/types.js';
import { timeoutBound } from './cache/backends/with-timeout.js';
import type { DependencyCacheSession } from './cache/dependency-cache.js';
import { mountsCoveredByLayerCache } from './cache/layer-covered.js';
import { cacheMountId } from './cache/mounts.js';
import type { DependencyCachePlan } from './cache/plan.js';
import { mountsNotWorthRestoring } from './cache/restore-policy.js';
import type { RegistryMountRefs } from './cache/registry/refs.js';
import {
  cacheArch,
  chooseBackend,
  planDependencyCacheForRun,
  planRegistryRefsForRun,
  startDependencyCacheSession,
} from './cache/setup.js';
import { State, Switch } from './constants.js';
import { parseDockerfile, rootImage, type DockerfileModel } from './dockerfile/model.js';
import { checkedOutCommit } from './github/checkout.js';
import { listingFacts, pushedFacts, type ImageFacts } from './image/facts.js';
import { planListing } from './image/listing-plan.js';
import { isUntrustedHead, readRunContext, type RunContext } from './github/run-context.js';
import { resolveLockfiles } from './inputs/lockfiles.js';
import { lowerCaseRepository, parseInputs, type Inputs } from './inputs/parse.js';
import { DRIVERS, type ConcreteDriver } from './domain/builder.js';
import { resolveSecretEnvSpecs, resolveSecretFileSpecs, resolveSecretSpecs } from './inputs/secrets.js';
import { checkWorkspacePaths, dockerfilePath, isRemoteContext, localDockerfile } from './inputs/workspace.js';
import { setBuildOutputs, setReportOutputs } from './outputs.js';
import {
  assembleReport,
  coverageBaseOf,
  reportDependencyCache,
  reportImageName,
  restoreHistoryOf,
} from './report/assemble.js';
import { BaseReportStore } from './report/base-store.js';
import { buildArgRedactor } from './report/redact.js';
import { describeCacheProblems } from './report/layer-cache-outcome.js';
import type { KnownLayer } from './image/layers/known-layers.js';
import { seedLayout } from './image/layers/oci-layout.js';
import { measureImageSize, measureLayoutEarly, type Measurement } from './report/measure.js';
import type { LayoutAnalysis } from './image/layers/oci-layout.js';
import type { BuildReport, ReportAdvice, ReportDependencyCache, ReportStepInputs } from './report/model.js';
import { loadBaseReport, publishReport } from './report/publish.js';
import { recordStepInputs } from './report/step-inputs.js';
import type { TrendPoint } from './report/trend.js';
import { stateStore } from './state.js';
import { formatBytes } from './units.js';
import { info } from './runner-log.js';

/** The main step: prepare (inputs, plans), build (with the caches around it), publish (the report). */
export async function runMain(): Promise<void> {
  // Written through the state file before anything runs: the runner applies that file after the
  // step, over any save-state a build might have printed, so the post step reads only what we wrote.
  stateStore.save(State.BuilderToRemove, '');
  stateStore.save(State.BuildxInvocation, '');
  const run = readRunContext(process.env);
  const prepared = await prepare(run);
  const built = await build(prepared);
  await publish(prepared, built);
}

/** Everything decided before anything runs; bad input fails here, before any builder starts. */
interface Prepared {
  inputs: Inputs;
  run: RunContext;
  dockerfile: DockerfileModel;
  runStamp: string;
  buildx: BuildxCli;
  plan: Plan;
  dependencyPlan: DependencyCachePlan;
  /** The archive backend of the dependency caches and the reports (with `registry`: the reports only). */
  backend: ArchiveStore | undefined;
  /** Where reports are kept, and the last one this run compares with, being loaded. */
  baseStore: BaseReportStore | undefined;
  baseLoaded: Promise<LoadedBase>;
  /** `dependency-cache-backend: registry`: mount id → its refs. */
  registryRefs: Map<string, RegistryMountRefs> | undefined;
  /** This run may write dependency caches (an untrusted one only reads them). */
  savesCaches: boolean;
  scratch: string;
  files: { metadataFile: string; imageIdFile: string; secretSpecs: string[] };
  warnings: string[];
  warn: (message: string) => void;
}

async function prepare(run: RunContext): Promise<Prepared> {
  const inputs = parseInputs((name) => core.getInput(name), {
    adviceRules: ALL_RULES.map((rule) => rule.id),
  });
  checkWorkspacePaths(inputs, run.workspace);
  // Read once: the dependency cache, the layer-cache check and the advice all see this one model.
  const dockerfileFile = localDockerfile(inputs, run.workspace);
  if (dockerfileFile === undefined)
    info(
      'The context is remote and its Dockerfile is not in the workspace: no dependency cache, advice or layer attribution (set file to a Dockerfile here for them).',
    );
  const dockerfile = parseDockerfile(
    dockerfileFile === undefined ? '' : await readFile(dockerfileFile, 'utf8'),
    inputs.buildArgs,
    { target: inputs.target },
  );
  if (dockerfile.limitedBy)
    core.warning(
      `The Dockerfile is analysed only in part (${dockerfile.limitedBy}): advice and dependency caches cover what was read.`,
    );
  const runStamp = `${run.runId || Date.now()}.${run.runAttempt}`;
  const saving = planSaving(inputs.saveCache, {
    ...run,
    checkedOut: isRemoteContext(inputs.context)
      ? undefined
      : checkedOutCommit(path.resolve(run.workspace, inputs.context), run.workspace),
  });
  const scopes = planCacheScopes(
    {
      ...run,
      untrustedHead: isUntrustedHead(run),
      readOnlyReason: saving.readOnlyReason,
    },
    inputs.dependencyCacheBackend,
  );
  const { backend, registryRepository, unavailable } = chooseBackend(inputs, scopes);
  // Begun now: finding the last report needs nothing the lockfile search or the engine probe finds.
  const baseStore = backend
    ? new BaseReportStore(backend, reportImageName(inputs), run.stableTemp)
    : undefined;
  const baseLoaded = loadBase(baseStore, run);
  const buildx = createBuildxCli();
  // Independent, so at once: the lockfile search reads the workspace while buildx asks the engine.
  const [lockfiles, { driver, containerdStore }] = await Promise.all([
    inputs.dependencyCache === 'off' ? undefined : resolveLockfiles(inputs, run.workspace),
    resolveDriver(inputs, buildx),
  ]);
  const dependencyPlan = planDependencyCacheForRun({
    inputs,
    dockerfile,
    lockfiles,
    workspace: run.workspace,
    runStamp,
    runnerArch: run.runnerArch,
    stableTemp: run.stableTemp,
  });
  const registryRefs =
    registryRepository === undefined
      ? undefined
      : planRegistryRefsForRun(dependencyPlan, registryRepository, scopes, cacheArch(inputs, run.runnerArch));

  const scratch = mkdtempSync(path.join(run.runnerTemp, 'docker-fast-build-'));
  const files = {
    metadataFile: path.join(scratch, 'metadata.json'),
    imageIdFile: path.join(scratch, 'iid'),
    // In build-push-action's order: secret-envs, secrets, secret-files.
    secretSpecs: [
      ...resolveSecretEnvSpecs(inputs.secretEnvs, process.env),
      ...resolveSecretSpecs(inputs.secrets),
      ...resolveSecretFileSpecs(inputs.secretFiles),
    ],
  };
  const plan = makePlan(inputs, {
    run,
    newBuilderName: newBuilderName(run.runId, randomBytes(3).toString('hex')),
    files,
    driver,
    containerdStore,
    layoutDir: path.join(scratch, 'layout'),
    privateRepository: github.context.payload.repository?.private === true,
    noDefaultAttestations: noDefaultAttestations(process.env.BUILDX_NO_DEFAULT_ATTESTATIONS),
    readOnly: !saving.saves,
    listing: process.env[Switch.MeasureSource] === 'listing' ? planListing(dockerfile) : undefined,
    forceLayout: process.env[Switch.MeasureSource] === 'layout',
  });
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    core.warning(message);
  };
  for (const name of inputs.lowerCased)
    info(`Image name ${name} is used in lower case (${lowerCaseRepository(name)}): registries require it`);
  for (const note of plan.notes) info(note);
  info(
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
  if (registryRefs && !backend)
    info(
      'Reports are not kept for the next run: with dependency-cache-backend: registry they go to the Actions cache, which is not available on this runner.',
    );
  if (scopes.readOnlyReason) info(`Caches are restored but not saved: ${scopes.readOnlyReason}.`);
  return {
    inputs,
    run,
    dockerfile,
    runStamp,
    buildx,
    plan,
    dependencyPlan,
    backend,
    baseStore,
    baseLoaded,
    registryRefs,
    savesCaches: scopes.write !== undefined,
    scratch,
    files,
    warnings,
    warn,
  };
}

/** The driver to plan for: `auto` resolved (see autoDriver); an existing builder's driver is asked of buildx. */
async function resolveDriver(
  inputs: Inputs,
  buildx: BuildxCli,
): Promise<{ driver: ConcreteDriver; containerdStore: boolean }> {
  let driver: ConcreteDriver = inputs.driver === 'auto' ? 'docker-container' : inputs.driver;
  if (inputs.builder) {
    const named = await inspectBuilderDriver(buildx, inputs.builder);
    if (named && named !== 'auto' && (DRIVERS as readonly string[]).includes(named))
      driver = named as ConcreteDriver;
  }
  if (driver !== 'docker' && inputs.driver !== 'auto') return { driver, containerdStore: false };
  if (inputs.builder && driver !== 'docker') return { driver, containerdStore: false };
  const engine = await probeEngine(driver === 'docker' ? inputs.endpoint : '');
  if (inputs.driver === 'auto' && !inputs.builder) {
    const chosen = autoDriver(engine);
    driver = chosen.driver;
    info(`driver auto: ${chosen.driver} — ${chosen.reason}`);
  }
  return { driver, containerdStore: engine.containerdStore };
}

interface LoadedBase {
  base: BuildReport | undefined;
  /** Layers the base's run measured, by blob digest. */
  knownLayers: Map<string, KnownLayer>;
  /** The trend points kept with `base`. */
  history: TrendPoint[];
}

/** The last report and what is kept with it; every failure in here is a warning and no base. */
async function loadBase(store: BaseReportStore | undefined, run: RunContext): Promise<LoadedBase> {
  const base = await loadBaseReport(store, run);
  return {
    base,
    knownLayers: base && store ? await store.loadedLayers() : new Map<string, KnownLayer>(),
    history: store ? await store.loadedHistory(base) : [],
  };
}

/** What the build phase leaves for the report. */
interface Built {
  build: BuildResult;
  advice: ReportAdvice[];
  base: BuildReport | undefined;
  baseStore: BaseReportStore | undefined;
  /** The trend points kept with `base`. */
  history: TrendPoint[];
  measurement: Measurement | undefined;
  dependencyCache: ReportDependencyCache;
  builderStorage: BuilderStorage | undefined;
}

async function build(prepared: Prepared): Promise<Built> {
  const { inputs, run, buildx, plan, dependencyPlan, backend, registryRefs, scratch, files, warn } = prepared;
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
            dockerfilePath: dockerfilePath(inputs),
            dockerfile: prepared.dockerfile,
            disabledRules: inputs.adviceIgnore,
          },
          warn,
        ),
      )
    : [];

  const dependencyCaches =
    (backend || registryRefs) && dependencyPlan.enabled && dependencyPlan.mounts.length > 0
      ? startDependencyCacheSession(
          dependencyPlan,
          { backend, registryRefs, timeoutSeconds: inputs.dependencyCacheTimeoutSeconds },
          buildx,
          plan.builder.name,
          scratch,
          warn,
        )
      : undefined;
  // Awaited before the build: it tells which dependency caches the layer cache makes unnecessary.
  const { base, knownLayers, history } = await prepared.baseLoaded;
  if (plan.layoutDir) await seedLayout(plan.layoutDir, knownLayers);
  const showBuilder = () =>
    core.group(`Builder ${plan.builder.name} (${plan.builder.driver} driver)`, async () => {
      const printed = await builderReady;
      if (printed) info(printed);
    });
  if (dependencyCaches) {
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
    // What a build made is always saved; what it downloaded only when fetching it was slower.
    dependencyCaches.useDownloadPolicy(inputs.restoreCache, restoreHistory?.secondsPerMB);
    const notWorthIt = mountsNotWorthRestoring(
      restoreHistory,
      dependencyPlan.mounts.map((m) => cacheMountId(m.mount)),
      inputs.restoreCache,
    );
    await core.group(`Restore dependency caches (${registryRefs ? 'registry' : backend?.name})`, async () => {
      if (plan.builder.outlivesJob) {
        await builderReady.catch(() => undefined);
        await dependencyCaches.probeBuilder(covered);
      }
      // Downloads begin beside the builder's start; only the injects wait for it.
      await dependencyCaches.restoreAndInject(
        covered,
        notWorthIt,
        inputs.restoreCache === 'false',
        plan.builder.readyBeforeBuild ? builderReady : Promise.resolve(),
      );
    });
  }
  if (plan.builder.readyBeforeBuild) await showBuilder();

  let layoutMeasured: Promise<LayoutAnalysis | undefined> | undefined;
  const result = await core.group('Build', () =>
    runBuild(buildx, {
      args: plan.buildArgs,
      ...files,
      print: (line) => info(line),
      onStepFinished: (step) => {
        if (prepared.savesCaches) dependencyCaches?.stepFinished(step);
        if (step.name === LAYOUT_EXPORT_STEP && plan.layoutDir && !layoutMeasured)
          layoutMeasured = measureLayoutEarly(plan.layoutDir, knownLayers);
      },
    }),
  );
  // The engine's own BuildKit was not waited for; what buildx says of it is shown now, and a
  // failure to say it costs nothing the build needed.
  if (!plan.builder.readyBeforeBuild)
    await showBuilder().catch((error: unknown) => info((error as Error).message));
  dependencyCaches?.checkAgainstBuild(result.steps);
  // Saving the caches (BuildKit and tar) and measuring the image (docker save and gunzip) overlap.
  const [, measurement] = await Promise.all([
    dependencyCaches && prepared.savesCaches
      ? core.group('Save dependency caches', () =>
          dependencyCaches.extractAndSave(result.succeeded, inputs.dependencyCacheMaxSize),
        )
      : undefined,
    measureIfBuilt(
      {
        build: result,
        tags: inputs.tags,
        plan,
        base,
        knownLayers,
        layoutMeasured,
        // The listing starts when the build has ended: begun beside the cache export, the user's
        // steps came back uncached (shared with the running build), which reads as a changed LLB.
        facts: plan.pushedTo
          ? pushedFacts({
              buildx,
              builderName: plan.builder.name,
              userArgs: plan.buildArgs,
              metadata: result.metadata,
              platform: inputs.platforms[0],
              known: knownLayers,
              scratchDir: scratch,
              pushedTo: plan.pushedTo,
            })
          : plan.listing &&
            listingFacts({
              buildx,
              builderName: plan.builder.name,
              userArgs: plan.buildArgs,
              listing: plan.listing,
              metadata: result.metadata,
              platform: inputs.platforms[0],
              known: knownLayers,
              scratchDir: scratch,
              baseImage: prepared.dockerfile.finalStage && rootImage(prepared.dockerfile.finalStage),
            }),
      },
      warn,
    ),
  ]);
  // After the saves: their helper builds read the cache mounts a prune could remove.
  const builderStorage = await boundBuilderStorage(prepared);
  return {
    build: result,
    advice,
    base,
    baseStore: prepared.baseStore,
    history,
    measurement,
    dependencyCache: dependencyCacheOutcome(dependencyCaches, dependencyPlan),
    builderStorage,
  };
}

/** `builder-max-used-space`: a failed prune is a warning; the build it follows is done. */
async function boundBuilderStorage(prepared: Prepared): Promise<BuilderStorage | undefined> {
  const { inputs, plan, buildx, warn } = prepared;
  const prune = planBuilderPrune(inputs.builderMaxUsedSpace, plan.builder);
  if (!prune) return undefined;
  if ('skip' in prune) {
    info(`builder-max-used-space: not pruning, ${prune.skip}.`);
    return undefined;
  }
  return core.group('Prune the builder', async () => {
    try {
      // A BuildKit that stops answering must not hold the job until its time limit.
      const storage = await timeoutBound(inputs.dependencyCacheTimeoutSeconds)(
        'builder-max-used-space prune',
        (signal) => pruneBuilderStorage(buildx, prune, signal),
      );
      info(
        `The builder's cache holds ${formatBytes(storage.usedBytes)} after pruning ${formatBytes(storage.reclaimedBytes)} (limit ${formatBytes(storage.limitBytes)}).`,
      );
      return storage;
    } catch (error) {
      warn(`builder-max-used-space: the builder was not pruned: ${(error as Error).message}`);
      return undefined;
    }
  });
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

async function publish(prepared: Prepared, built: Built): Promise<void> {
  const { inputs, run, plan, scratch, warnings, warn } = prepared;
  const { build: result, dependencyCache } = built;
  for (const warning of describeCacheProblems(result, plan.layerCache)) warn(warning);
  info(
    `Built in ${result.seconds.toFixed(1)} s; ${result.cachedSteps} of ${result.totalSteps} steps from cache.`,
  );

  const report = assembleReport({
    inputs,
    run,
    stepInputs: await stepInputsOf(prepared, result),
    dockerfile: {
      model: prepared.dockerfile,
      path: path.relative(run.workspace, path.resolve(run.workspace, dockerfilePath(inputs))),
    },
    build: result,
    plan,
    dependencyCache,
    base: built.base,
    size: built.measurement?.size,
    advice: built.advice,
    warnings,
    elapsedSeconds: process.uptime(),
    builderStorage: built.builderStorage,
    redact: buildArgRedactor(inputs.buildArgs, process.env),
  });
  const reportFile = path.join(scratch, 'report.json');
  const { commentArtifact, comparison, gateFailures, gateOverride } = await publishReport({
    inputs,
    run,
    report,
    base: built.base,
    reportFile,
    baseStore: built.baseStore,
    history: built.history,
    runStamp: prepared.runStamp,
    measuredLayers: built.measurement?.layers,
    savesCaches: prepared.savesCaches,
  });
  setBuildOutputs(result);
  setReportOutputs(report, comparison, reportFile, commentArtifact);
  if (!result.succeeded) throw new Error(`The build failed: ${result.error}`);
  if (gateFailures.length > 0 && gateOverride) {
    core.warning(`Size gate overridden by the label '${gateOverride}': ${gateFailures.join(' ')}`);
  } else if (gateFailures.length > 0) throw new Error(gateFailures.join(' '));
}

/** What each step read, for why steps re-ran; a failure is a warning and the report goes without. */
async function stepInputsOf(
  prepared: Prepared,
  result: BuildResult,
): Promise<ReportStepInputs[] | undefined> {
  const { inputs, run, dockerfile, warn } = prepared;
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
    warn(
      `Could not record what the build steps read, so the next build cannot say why they re-ran: ${(error as Error).message}`,
    );
    return undefined;
  }
}

interface MeasureFacts {
  build: BuildResult;
  tags: readonly string[];
  plan: Plan;
  base: BuildReport | undefined;
  knownLayers: ReadonlyMap<string, KnownLayer>;
  layoutMeasured: Promise<LayoutAnalysis | undefined> | undefined;
  /** The build record and listing source, when the plan measures without a layout. */
  facts: ImageFacts | undefined;
}

async function measureIfBuilt(
  facts: MeasureFacts,
  warn: (message: string) => void,
): Promise<Measurement | undefined> {
  const { build, plan } = facts;
  const localImageId = localImageRef(plan, facts.tags, build);
  if (!build.succeeded || (!plan.layoutDir && !plan.listing && !plan.pushedTo && !localImageId))
    return undefined;
  // No log group: this overlaps with saving the caches, and groups cannot overlap.
  const measurement = await measureImageSize(
    {
      localImageId,
      layoutDir: plan.layoutDir,
      previous: facts.base?.size,
      known: facts.knownLayers,
      layoutMeasured: facts.layoutMeasured,
      facts: facts.facts,
    },
    warn,
  );
  if (measurement && measurement.size.analysisSeconds > 0)
    info(`Measured the image in ${measurement.size.analysisSeconds.toFixed(1)} s.`);
  return measurement;
}
