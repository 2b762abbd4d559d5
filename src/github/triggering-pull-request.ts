// The pull request a workflow_run relay posts to, from what GitHub says about the triggering run —
// never from the artifact, which the pull request's own code may have written.
import type { Octokit } from './comment.js';
import type { WorkflowRunFacts } from './run-context.js';

/**
 * GitHub's own list first (workflow_run.pull_requests, matched on the head commit); it is empty
 * for a fork, so then the open pull requests from the run's head repository and branch, matched
 * on the head commit too. Undefined when none matches: nothing is posted.
 */
export async function triggeringPullRequest(
  octokit: Octokit,
  repository: string,
  workflowRun: WorkflowRunFacts,
): Promise<number | undefined> {
  const listed = workflowRun.pullRequests.find(
    (pr) => pr.headSha === workflowRun.headSha || pr.headSha === '',
  );
  if (listed) return listed.number;
  const [owner = '', repo = ''] = repository.split('/');
  const headOwner = workflowRun.headRepository.split('/')[0];
  if (!headOwner || !workflowRun.headBranch || !workflowRun.headSha) return undefined;
  const { data } = await octokit.rest.pulls.list({
    owner,
    repo,
    state: 'open',
    head: `${headOwner}:${workflowRun.headBranch}`,
    per_page: 100,
  });
  const matched = data.filter((pr) => pr.head.sha === workflowRun.headSha);
  // Two open pull requests from one branch at one commit: posting to either could be wrong.
  return matched.length === 1 ? matched[0]!.number : undefined;
}
