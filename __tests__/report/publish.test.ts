import type { RunContext } from '../../src/github/run-context.js';
import { gateOverrideOf, shouldComment } from '../../src/report/publish.js';

const pullRequest = (labels: string[]) => ({ pullRequestNumber: 7, labels }) as RunContext;
const failures = ['The image grew by 40.0 MB against the base branch, more than the allowed 20.0 MB.'];
const inputs = { sizeOverrideLabel: 'size-increase-ok' };

describe('gateOverrideOf', () => {
  it('names the label when the gates failed and the pull request carries it', () => {
    expect(gateOverrideOf(inputs, pullRequest(['docs', 'size-increase-ok']), failures)).toBe(
      'size-increase-ok',
    );
  });

  it.each([
    ['the label is missing', inputs, pullRequest(['docs']), failures],
    ['every gate passed', inputs, pullRequest(['size-increase-ok']), []],
    ['no label is configured', { sizeOverrideLabel: '' }, pullRequest(['']), failures],
    [
      'the run is a push',
      inputs,
      { pullRequestNumber: undefined, labels: ['size-increase-ok'] } as RunContext,
      failures,
    ],
  ])('overrides nothing when %s', (_, given, run, gateFailures) => {
    expect(gateOverrideOf(given, run, gateFailures)).toBeUndefined();
  });
});

describe('shouldComment', () => {
  const run = (facts: Partial<RunContext>) =>
    ({ pullRequestNumber: 7, isForkPullRequest: false, ...facts }) as RunContext;

  it('on-change tries where auto does (its quiet pull requests are decided when writing)', () => {
    expect(shouldComment('on-change', run({}))).toBe(true);
    expect(shouldComment('on-change', run({ isForkPullRequest: true }))).toBe(false);
    expect(shouldComment('on-change', run({ pullRequestNumber: undefined }))).toBe(false);
    expect(shouldComment('always', run({ isForkPullRequest: true }))).toBe(true);
    expect(shouldComment('off', run({}))).toBe(false);
  });
});
