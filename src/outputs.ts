// Every output the action sets, in one place, from the results they describe.
import * as core from '@actions/core';

import type { LayerCachePlan } from './buildx/layer-cache.js';
import type { BuildResult } from './buildx/run-build.js';
import { Output } from './constants.js';
import { cacheHitRatio } from './report/layer-cache-outcome.js';
import type { Comparison } from './report/compare.js';
import { dependencyCacheNet } from './report/cost.js';
import type { BuildReport, ReportDependencyCache } from './report/model.js';

export function setBuildOutputs(
  build: BuildResult,
  layerCache: LayerCachePlan,
  dependencyCache: ReportDependencyCache,
  overheadSeconds: number,
): void {
  core.setOutput(Output.ImageId, build.imageId);
  core.setOutput(Output.Digest, build.digest);
  core.setOutput(Output.Metadata, build.metadata);
  core.setOutput(Output.BuildSeconds, build.seconds.toFixed(2));
  core.setOutput(Output.OverheadSeconds, overheadSeconds.toFixed(2));
  core.setOutput(Output.CachedSteps, build.cachedSteps);
  core.setOutput(Output.TotalSteps, build.totalSteps);
  core.setOutput(Output.CacheHitRatio, cacheHitRatio(build).toFixed(2));
  core.setOutput(Output.LayerCacheFrom, layerCache.readRefs.join('\n'));
  core.setOutput(Output.LayerCacheTo, layerCache.writeRef ?? '');
  core.setOutput(Output.DependencyCache, dependencyCache.status);
  const { seconds } = dependencyCache;
  core.setOutput(Output.CacheRestoreSeconds, seconds.restore.toFixed(2));
  core.setOutput(Output.CacheInjectSeconds, seconds.inject.toFixed(2));
  core.setOutput(Output.CacheExtractSeconds, seconds.extract.toFixed(2));
  core.setOutput(Output.CacheSaveSeconds, seconds.save.toFixed(2));
}

export function setReportOutputs(
  report: BuildReport,
  comparison: Comparison,
  reportFile: string,
  commentArtifact: string | undefined,
): void {
  core.setOutput(Output.CommentArtifact, commentArtifact ?? '');
  core.setOutput(Output.Size, report.size?.bytes ?? '');
  core.setOutput(Output.CompressedSize, report.size?.compressedBytes ?? '');
  core.setOutput(Output.SizeDelta, comparison.size.change ?? '');
  core.setOutput(Output.Efficiency, report.size ? report.size.efficiency.toFixed(4) : '');
  core.setOutput(Output.WastedBytes, report.size?.wastedBytes ?? '');
  core.setOutput(Output.Report, reportFile);
  core.setOutput(Output.BuilderStorage, report.builderStorage?.usedBytes ?? '');
  const net = dependencyCacheNet(report);
  const fixed = (value: number | undefined) => (value === undefined ? '' : value.toFixed(2));
  core.setOutput(Output.DependencyCacheSpentSeconds, fixed(net?.spentSeconds));
  core.setOutput(Output.DependencyCacheSavedSeconds, fixed(net?.savedSeconds));
  core.setOutput(Output.DependencyCacheNetSeconds, fixed(net?.netSeconds));
}

/** The comment relay's one output: the pull request it posted to. */
export function setRelayOutputs(pullRequest: number | undefined): void {
  core.setOutput(Output.PullRequest, pullRequest ?? '');
}
