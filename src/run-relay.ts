// The comment-from-artifact sub-action: in a workflow_run workflow (a write token, no code from the pull
// request checked out or run), post the sticky comment a fork's pull_request run could not. The
// artifact is read as untrusted (see report/artifact.ts), the pull request number comes from the
// event, and the body is rendered here by the same escaping renderer as every other comment.
import * as core from '@actions/core';

import { createOctokit, postReportSection } from './github/comment.js';
import type { RunContext } from './github/run-context.js';
import { triggeringPullRequest } from './github/triggering-pull-request.js';
import { parseRelayInputs } from './inputs/parse.js';
import { setRelayOutputs } from './outputs.js';
import { readCommentArtifacts, relayedReports, type CommentArtifact } from './report/artifact.js';
import { COMMENT_BODY_MAX_LENGTH, commentMarker, imageSection } from './github/comment-sections.js';
import { compareReports, evaluateGates } from './report/compare.js';
import { COMMENT_MAX_LENGTH, renderReport } from './report/render.js';
import { info } from './runner-log.js';

const PULL_REQUEST_RUNS = ['pull_request', 'pull_request_target'];

export async function runRelay(run: RunContext): Promise<void> {
  const inputs = parseRelayInputs((name) => core.getInput(name));
  const workflowRun = run.workflowRun;
  if (run.eventName !== 'workflow_run' || !workflowRun) {
    throw new Error(
      `comment-from-artifact runs in a workflow triggered by workflow_run; this one was triggered by '${run.eventName || 'nothing'}'`,
    );
  }
  setRelayOutputs(undefined);
  if (!PULL_REQUEST_RUNS.includes(workflowRun.event)) {
    info(
      `The triggering run was a ${workflowRun.event || 'run of unknown kind'}, not a pull request: nothing to post.`,
    );
    return;
  }
  if (!inputs.githubToken) {
    core.warning('No github-token: the report comment is not posted.');
    return;
  }

  let artifacts: CommentArtifact[];
  try {
    artifacts = await readCommentArtifacts(inputs.artifactPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      // The pull request run ended before its report (a bad input, a cancelled job): nothing to post.
      core.warning(
        `No report at ${inputs.artifactPath}: the pull request run left none, so no comment is posted.`,
      );
      return;
    }
    throw new Error(`The report artifact is refused: ${(error as Error).message}`, { cause: error });
  }

  const octokit = createOctokit(inputs.githubToken);
  let pullRequest: number | undefined;
  try {
    pullRequest = await triggeringPullRequest(octokit, run.repository, workflowRun);
  } catch (error) {
    core.warning(`Could not find the pull request of the triggering run: ${(error as Error).message}`);
    return;
  }
  if (pullRequest === undefined) {
    core.warning(
      `No open pull request matches the triggering run (${workflowRun.headRepository}:${workflowRun.headBranch} at ${workflowRun.headSha.slice(0, 7)}): no comment is posted.`,
    );
    return;
  }

  // One section per artifact (per image of a matrix), each merged into the one comment as a job would.
  let posted = false;
  for (const artifact of artifacts) {
    const { report } = relayedReports(artifact, pullRequest, { ...workflowRun, serverUrl: run.serverUrl });
    const comparison = compareReports(report, artifact.base);
    const gateFailures = evaluateGates(report, comparison, artifact.gates);
    const body = renderReport(report, {
      base: artifact.base,
      comparison,
      gateFailures,
      gateOverride: gateFailures.length > 0 ? artifact.gateOverride : undefined,
      noise: artifact.noise,
      trend: artifact.trend,
      maxLength: COMMENT_MAX_LENGTH,
      untrustedRun: `the pull request’s run ${workflowRun.id ?? ''} of “${workflowRun.name}” (${workflowRun.headRepository} at ${workflowRun.headSha.slice(0, 7)})`,
    });
    const [owner = '', repo = ''] = run.repository.split('/');
    // The marker names the triggering workflow, as that run's own comment would (same-repository
    // pull requests); the commit is the one GitHub says the triggering run built.
    const result = await postReportSection(
      inputs.githubToken,
      { owner, repo, issueNumber: pullRequest },
      imageSection(report.image.name, workflowRun.headSha, body),
      {
        marker: commentMarker(workflowRun.name),
        sha: workflowRun.headSha,
        maxLength: COMMENT_BODY_MAX_LENGTH,
      },
      { create: true },
    );
    posted ||= result !== undefined;
  }
  if (posted) setRelayOutputs(pullRequest);
}
