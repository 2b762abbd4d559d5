import type { Octokit } from '../../src/github/comment.js';
import type { WorkflowRunFacts } from '../../src/github/run-context.js';
import { triggeringPullRequest } from '../../src/github/triggering-pull-request.js';

const SHA = 'a'.repeat(40);
const run = (overrides: Partial<WorkflowRunFacts> = {}): WorkflowRunFacts => ({
  id: 1,
  name: 'ci',
  event: 'pull_request',
  headSha: SHA,
  headBranch: 'patch-1',
  headRepository: 'mallory/app',
  pullRequests: [],
  ...overrides,
});

/** An Octokit whose pulls.list answers with `open` and records what it was asked. */
function octokitListing(open: { number: number; head: { sha: string } }[]) {
  const asked: unknown[] = [];
  const octokit = {
    rest: {
      pulls: {
        list: async (params: unknown) => {
          asked.push(params);
          return { data: open };
        },
      },
    },
  } as unknown as Octokit;
  return { octokit, asked };
}

describe('triggeringPullRequest', () => {
  it("takes GitHub's own list when it names the head commit, without asking", async () => {
    const { octokit, asked } = octokitListing([]);
    expect(
      await triggeringPullRequest(
        octokit,
        'example/app',
        run({ pullRequests: [{ number: 3, headSha: SHA }] }),
      ),
    ).toBe(3);
    expect(asked).toEqual([]);
  });

  it("asks for the fork's open pull requests from its branch, and matches the head commit", async () => {
    const { octokit, asked } = octokitListing([
      { number: 8, head: { sha: 'b'.repeat(40) } },
      { number: 9, head: { sha: SHA } },
    ]);
    expect(await triggeringPullRequest(octokit, 'example/app', run())).toBe(9);
    expect(asked).toEqual([
      { owner: 'example', repo: 'app', state: 'open', head: 'mallory:patch-1', per_page: 100 },
    ]);
  });

  it.each([
    ['none matches the commit', [{ number: 8, head: { sha: 'b'.repeat(40) } }]],
    [
      'two do',
      [
        { number: 8, head: { sha: SHA } },
        { number: 9, head: { sha: SHA } },
      ],
    ],
  ])('posts nowhere when %s', async (_, open) => {
    expect(await triggeringPullRequest(octokitListing(open).octokit, 'example/app', run())).toBeUndefined();
  });
});
