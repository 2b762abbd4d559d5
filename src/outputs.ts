// Every output the action sets, in one place. Beyond build-push-action's three, only the headline
// numbers a workflow would branch on; everything else is in the JSON report the `report` output names.
import * as core from '@actions/core';

import type { BuildResult } from './buildx/run-build.js';
import { Output, RelayOutput } from './constants.js';
import { cacheHitRatio } from './report/layer-cache-outcome.js';
import type { Comparison } from './report/compare.js';
import type { BuildReport } from './report/model.js';

export function setBuildOutputs(build: BuildResult): void {
  core.setOutput(Output.ImageId, build.imageId);
  core.setOutput(Output.Digest, build.digest);
  core.setOutput(Output.Metadata, build.metadata);
  core.setOutput(Output.BuildSeconds, build.seconds.toFixed(2));
  core.setOutput(Output.CacheHitRatio, cacheHitRatio(build).toFixed(2));
}

export function setReportOutputs(
  report: BuildReport,
  comparison: Comparison,
  reportFile: string,
  commentArtifact: string | undefined,
): void {
  core.setOutput(Output.Size, report.size?.bytes ?? '');
  core.setOutput(Output.SizeDelta, comparison.size.change ?? '');
  core.setOutput(Output.Report, reportFile);
  core.setOutput(Output.CommentArtifact, commentArtifact ?? '');
}

/** The comment-from-artifact sub-action's one output: the pull request it posted to. */
export function setRelayOutputs(pullRequest: number | undefined): void {
  core.setOutput(RelayOutput.PullRequest, pullRequest ?? '');
}
