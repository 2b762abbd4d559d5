import {
  cacheScopes,
  forkPullRequestEvent,
  pullRequestEvent,
  pullRequestTargetEvent,
  pushEvent,
} from '../../../scripts/harness/runner/events.js';

describe('cacheScopes', () => {
  it.each([
    ['a push to main', pushEvent('main'), ['refs/heads/main']],
    ['a push to a branch', pushEvent('feature/a'), ['refs/heads/feature/a', 'refs/heads/main']],
    [
      'a pull request into a release branch',
      pullRequestEvent(7, 'fix', 'release'),
      ['refs/pull/7/merge', 'refs/heads/release', 'refs/heads/main'],
    ],
    ["a fork's pull request", forkPullRequestEvent(8, 'main'), ['refs/pull/8/merge', 'refs/heads/main']],
    [
      'pull_request_target, which runs on the base branch',
      pullRequestTargetEvent(9, 'x'),
      ['refs/heads/main'],
    ],
  ])('%s: the job’s own scope first, then what it may read', (_what, trigger, scopes) => {
    expect(cacheScopes(trigger)).toEqual(scopes);
  });
});
