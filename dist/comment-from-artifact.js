import { createRequire as __dfbCreateRequire } from 'node:module'; const require = __dfbCreateRequire(import.meta.url);
import {
  COMMENT_BODY_MAX_LENGTH,
  COMMENT_MAX_LENGTH,
  commentMarker,
  compareReports,
  createOctokit,
  evaluateGates,
  imageSection,
  parseRelayInputs,
  postReportSection,
  readCommentArtifacts,
  readRunContext,
  relayedReports,
  renderReport,
  setRelayOutputs
} from "./chunks/chunk-4NX6ONU7.js";
import {
  info
} from "./chunks/chunk-YTTIF42V.js";
import "./chunks/chunk-C5L2EROR.js";
import {
  getInput,
  setFailed,
  warning
} from "./chunks/chunk-OZTGKBK7.js";
import "./chunks/chunk-HZUF3K7W.js";
import "./chunks/chunk-LGLFEZJP.js";

// src/github/triggering-pull-request.ts
async function triggeringPullRequest(octokit, repository, workflowRun) {
  const listed = workflowRun.pullRequests.find(
    (pr) => pr.headSha === workflowRun.headSha || pr.headSha === ""
  );
  if (listed) return listed.number;
  const [owner = "", repo = ""] = repository.split("/");
  const headOwner = workflowRun.headRepository.split("/")[0];
  if (!headOwner || !workflowRun.headBranch || !workflowRun.headSha) return void 0;
  const { data } = await octokit.rest.pulls.list({
    owner,
    repo,
    state: "open",
    head: `${headOwner}:${workflowRun.headBranch}`,
    per_page: 100
  });
  const matched = data.filter((pr) => pr.head.sha === workflowRun.headSha);
  return matched.length === 1 ? matched[0].number : void 0;
}

// src/run-relay.ts
var PULL_REQUEST_RUNS = ["pull_request", "pull_request_target"];
async function runRelay(run) {
  const inputs = parseRelayInputs((name) => getInput(name));
  const workflowRun = run.workflowRun;
  if (run.eventName !== "workflow_run" || !workflowRun) {
    throw new Error(
      `comment-from-artifact runs in a workflow triggered by workflow_run; this one was triggered by '${run.eventName || "nothing"}'`
    );
  }
  setRelayOutputs(void 0);
  if (!PULL_REQUEST_RUNS.includes(workflowRun.event)) {
    info(
      `The triggering run was a ${workflowRun.event || "run of unknown kind"}, not a pull request: nothing to post.`
    );
    return;
  }
  if (!inputs.githubToken) {
    warning("No github-token: the report comment is not posted.");
    return;
  }
  let artifacts;
  try {
    artifacts = await readCommentArtifacts(inputs.artifactPath);
  } catch (error) {
    if (error.code === "ENOENT") {
      warning(
        `No report at ${inputs.artifactPath}: the pull request run left none, so no comment is posted.`
      );
      return;
    }
    throw new Error(`The report artifact is refused: ${error.message}`, { cause: error });
  }
  const octokit = createOctokit(inputs.githubToken);
  let pullRequest;
  try {
    pullRequest = await triggeringPullRequest(octokit, run.repository, workflowRun);
  } catch (error) {
    warning(`Could not find the pull request of the triggering run: ${error.message}`);
    return;
  }
  if (pullRequest === void 0) {
    warning(
      `No open pull request matches the triggering run (${workflowRun.headRepository}:${workflowRun.headBranch} at ${workflowRun.headSha.slice(0, 7)}): no comment is posted.`
    );
    return;
  }
  let posted = false;
  for (const artifact of artifacts) {
    const { report } = relayedReports(artifact, pullRequest, { ...workflowRun, serverUrl: run.serverUrl });
    const comparison = compareReports(report, artifact.base);
    const gateFailures = evaluateGates(report, comparison, artifact.gates);
    const body = renderReport(report, {
      base: artifact.base,
      comparison,
      gateFailures,
      gateOverride: gateFailures.length > 0 ? artifact.gateOverride : void 0,
      noise: artifact.noise,
      trend: artifact.trend,
      maxLength: COMMENT_MAX_LENGTH,
      untrustedRun: `the pull request\u2019s run ${workflowRun.id ?? ""} of \u201C${workflowRun.name}\u201D (${workflowRun.headRepository} at ${workflowRun.headSha.slice(0, 7)})`
    });
    const [owner = "", repo = ""] = run.repository.split("/");
    const result = await postReportSection(
      inputs.githubToken,
      { owner, repo, issueNumber: pullRequest },
      imageSection(report.image.name, workflowRun.headSha, body),
      {
        marker: commentMarker(workflowRun.name),
        sha: workflowRun.headSha,
        maxLength: COMMENT_BODY_MAX_LENGTH
      },
      { create: true }
    );
    posted ||= result !== void 0;
  }
  if (posted) setRelayOutputs(pullRequest);
}

// src/comment-from-artifact.ts
await runRelay(readRunContext(process.env)).catch(
  (error) => setFailed(error instanceof Error ? error.message : String(error))
);
process.exit();
