// The one place where the results of this run's modules become the stored report model, and
// where a stored report becomes what those modules read back.
import path from 'node:path';

import type { Plan } from '../buildx/plan.js';
import type { BuildResult } from '../buildx/run-build.js';
import type { DependencyCacheReport } from '../cache/dependency-cache.js';
import type { CoverageBase } from '../cache/layer-covered.js';
import { measuredSecondsPerMB, stepsKey, type RestoreHistory } from '../cache/restore-policy.js';
import type { DockerfileModel } from '../dockerfile/model.js';
import type { RunContext } from '../github/run-context.js';
import type { Inputs } from '../inputs/parse.js';
import { installDownloadSeconds, installSeconds, missInstallSeconds, ranCold } from './cost.js';
import { attributeLayers } from './layer-sources.js';
import { missReasons } from './miss-reasons.js';
import { withoutArgValues } from './redact.js';
import {
  REPORT_SCHEMA,
  type BuildReport,
  type ImageSize,
  type ReportAdvice,
  type ReportDependencyCache,
  type ReportStep,
  type ReportStepInputs,
} from './model.js';

export interface ReportParts {
  inputs: Pick<Inputs, 'image' | 'tags' | 'target'> & Partial<Pick<Inputs, 'noCache' | 'noCacheFilters'>>;
  /** The Dockerfile's model and its path relative to the workspace (the repository's root). */
  dockerfile?: { model: DockerfileModel; path: string };
  run: RunContext;
  build: BuildResult;
  plan: Plan;
  dependencyCache: ReportDependencyCache;
  /** The report loaded before the build, whose cold install seconds this one carries forward. */
  base?: BuildReport | undefined;
  size: ImageSize | undefined;
  advice: ReportAdvice[];
  warnings: string[];
  /** Seconds since the main step started. */
  elapsedSeconds: number;
  builderStorage?: BuildReport['builderStorage'];
  /** What each step read (see report/step-inputs.ts); with it the report says why steps re-ran. */
  stepInputs?: ReportStepInputs[];
  /** Hides the build-arg values (see buildArgRedactor); history's `RUN |N k=v` values go whatever it is. */
  redact?: (text: string) => string;
}

/** The image repository a report belongs to: `image`, else the first tag without its tag. */
export function reportImageName(inputs: Pick<Inputs, 'image' | 'tags'>): string {
  return inputs.image || inputs.tags[0]?.replace(/:[^/:]*$/, '') || '';
}

export function assembleReport(parts: ReportParts): BuildReport {
  const { inputs, run, build, plan } = parts;
  const redact = parts.redact ?? ((text: string) => text);
  const size =
    parts.size && parts.dockerfile
      ? { ...parts.size, layers: attributeLayers(parts.size.layers, parts.dockerfile.model, inputs.target) }
      : parts.size;
  const report: BuildReport = {
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
      runUrl: runUrlOf(run),
    },
    build: {
      succeeded: build.succeeded,
      seconds: build.seconds,
      cachedSteps: build.cachedSteps,
      totalSteps: build.totalSteps,
      steps: build.steps.map(({ name, cached, seconds, downloadSeconds }) => ({
        name: redact(name),
        cached,
        seconds,
        ...(downloadSeconds !== undefined && { downloadSeconds: round(downloadSeconds) }),
      })),
      overheadSeconds: Math.max(0, parts.elapsedSeconds - build.seconds),
      // A FROM resolved from build args is the only place a value could reach them.
      ...(parts.stepInputs && {
        stepInputs: parts.stepInputs.map((s) => (s.image ? { ...s, image: redact(s.image) } : s)),
      }),
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
    ...(parts.dockerfile && { dockerfile: dockerfileLink(parts.dockerfile.path, run) }),
    dependencyCache: withCarriedFigures(parts.dependencyCache, build.steps, parts.base),
    ...(parts.builderStorage && { builderStorage: parts.builderStorage }),
    // Attributed first: the layers are matched with the Dockerfile by their history's full text.
    size: size && {
      ...size,
      layers: size.layers.map((layer) => ({
        ...layer,
        createdBy: redact(withoutArgValues(layer.createdBy)),
      })),
    },
    advice: parts.advice,
    warnings: parts.warnings.map(redact),
  };
  if (!report.build.stepInputs) return report;
  const noCache = { noCache: inputs.noCache ?? false, noCacheFilters: inputs.noCacheFilters ?? [] };
  return { ...report, missReasons: missReasons(report, parts.base, noCache) };
}

/** The Dockerfile's path, and its address at the built commit when the run says where the repository is. */
export function dockerfileLink(
  file: string,
  run: Pick<RunContext, 'serverUrl' | 'repository' | 'headSha'>,
): { path: string; url?: string } {
  const repoPath = file.split(path.sep).join('/').replace(/^\.\//, '');
  const known = /^https?:\/\/[^\s/]+/.test(run.serverUrl) && /^[\w.-]+\/[\w.-]+$/.test(run.repository);
  const sha = /^[0-9a-f]{7,64}$/i.test(run.headSha) ? run.headSha : '';
  if (!known || !sha || repoPath.startsWith('../') || path.isAbsolute(repoPath)) return { path: repoPath };
  const encoded = repoPath.split('/').map(encodeURIComponent).join('/');
  return {
    path: repoPath,
    url: `${run.serverUrl.replace(/\/+$/, '')}/${run.repository}/blob/${sha}/${encoded}`,
  };
}

/** Each mount's install seconds in this build; those of the latest build without its cache and its latest entry's bytes, carried forward. */
function withCarriedFigures(
  cache: ReportDependencyCache,
  steps: readonly ReportStep[],
  base: BuildReport | undefined,
): ReportDependencyCache {
  const carried = new Map((base?.dependencyCache.mounts ?? []).map((m) => [m.mountId ?? m.target, m]));
  return {
    ...cache,
    mounts: cache.mounts.map((mount) => {
      const id = mount.mountId ?? mount.target;
      const seconds = installSeconds(id, steps);
      const measured = { ...mount, ...(seconds !== undefined && { installSeconds: round(seconds) }) };
      const cold = missInstallSeconds(measured, carried.get(id)?.missInstallSeconds);
      // The download figure goes with the install seconds it was measured beside, never with older ones.
      const coldDownloads = ranCold(measured)
        ? installDownloadSeconds(id, steps)
        : carried.get(id)?.missDownloadSeconds;
      const entryBytes = Math.max(mount.savedBytes, mount.restoredBytes) || carried.get(id)?.entryBytes;
      return {
        ...measured,
        ...(entryBytes !== undefined && { entryBytes }),
        ...(cold !== undefined && { missInstallSeconds: cold }),
        ...(cold !== undefined &&
          coldDownloads !== undefined && { missDownloadSeconds: round(coldDownloads) }),
      };
    }),
  };
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}

/** The dependency cache session's outcome, field by field, as the report stores it. */
export function reportDependencyCache(session: DependencyCacheReport): ReportDependencyCache {
  return {
    status: session.status,
    seconds: { ...session.seconds },
    mounts: session.mounts.map((mount) => ({
      target: mount.target,
      kind: mount.kind,
      status: mount.status,
      matchedKey: mount.matchedKey,
      restoredBytes: mount.restoredBytes,
      savedKey: mount.savedKey,
      savedBytes: mount.savedBytes,
      ...(mount.savedDeltaOf !== undefined && { savedDeltaOf: mount.savedDeltaOf }),
      ...(mount.restoredDeltaOf !== undefined && { restoredDeltaOf: mount.restoredDeltaOf }),
      prunedBytes: mount.prunedBytes,
      prunedFiles: mount.prunedFiles,
      ...(mount.mountId !== undefined && { mountId: mount.mountId }),
      ...(mount.fingerprint !== undefined && { fingerprint: mount.fingerprint }),
      ...(mount.restoreSkipped !== undefined && { restoreSkipped: mount.restoreSkipped }),
      ...(mount.stepsFromLayerCache !== undefined && { stepsFromLayerCache: mount.stepsFromLayerCache }),
      ...(mount.restoreNotWorthIt !== undefined && { restoreNotWorthIt: mount.restoreNotWorthIt }),
      ...(mount.heldByBuilder !== undefined && { heldByBuilder: mount.heldByBuilder }),
      ...(mount.keptEntry !== undefined && { keptEntry: mount.keptEntry }),
      ...(mount.saveNotWorthIt !== undefined && { saveNotWorthIt: mount.saveNotWorthIt }),
      ...(mount.downloads !== undefined && { downloads: { ...mount.downloads } }),
    })),
  };
}

/** What the layer-cache coverage check needs of the report this build compares with. */
export function coverageBaseOf(base: BuildReport): CoverageBase {
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

/** What the restore policy needs of the report this build compares with. */
export function restoreHistoryOf(base: BuildReport): RestoreHistory {
  const { mounts, seconds } = base.dependencyCache;
  const restoredBytes = mounts.reduce((sum, m) => sum + m.restoredBytes, 0);
  return {
    secondsPerMB: measuredSecondsPerMB(seconds, restoredBytes),
    mounts: mounts.map((m) => {
      const mountId = m.mountId ?? m.target;
      return {
        mountId,
        entryBytes: m.entryBytes ?? Math.max(m.savedBytes, m.restoredBytes),
        // Carried from the latest build that had nothing for the mount and ran its steps.
        uncachedStepSeconds: m.missInstallSeconds,
        downloadSeconds: m.missDownloadSeconds,
        steps: stepsKey(mountId, base.build.steps),
      };
    }),
  };
}

/** The run's page, when the runner said which run this is. */
export function runUrlOf(run: Pick<RunContext, 'serverUrl' | 'repository' | 'runId'>): string | undefined {
  if (!/^\d+$/.test(run.runId) || !run.serverUrl || !run.repository) return undefined;
  return `${run.serverUrl.replace(/\/+$/, '')}/${run.repository}/actions/runs/${run.runId}`;
}
