import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { compareReports, evaluateGates } from '../../src/report/compare.js';
import type { BuildReport } from '../../src/report/model.js';
import { commentMarker } from '../../src/report/publish.js';
import { renderReport } from '../../src/report/render.js';
import { baseReport, pullRequestReport } from './sample-reports.js';

const GOLDEN_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/golden');

/** Compares with the golden file; `UPDATE_GOLDEN=1 npm run test:unit` rewrites them after a deliberate change. */
function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

function render(report: BuildReport, base: BuildReport | undefined, limits = {}, marker?: string): string {
  const comparison = compareReports(report, base);
  const gateFailures = evaluateGates(report, comparison, {
    sizeBudget: undefined,
    maxSizeIncrease: undefined,
    ...limits,
  });
  return renderReport(report, { base, comparison, gateFailures, marker });
}

describe('renderReport golden files', () => {
  it('first pull request run, no base yet', () => {
    expectGolden(
      'comment-no-base.md',
      render(pullRequestReport(), undefined, {}, commentMarker('ghcr.io/acme/app', 'ci')),
    );
  });

  it('pull request against its base: growth marked, layers with Δ, advice, warnings', () => {
    expectGolden(
      'comment-regression.md',
      render(pullRequestReport(), baseReport(), {}, commentMarker('ghcr.io/acme/app', 'ci')),
    );
  });

  it('an update that shrinks the image and speeds the build', () => {
    const better = pullRequestReport();
    better.size = {
      ...baseReport().size!,
      bytes: 400_000_000,
      compressedBytes: 150_000_000,
      wastedBytes: 0,
      efficiency: 1,
      topWasted: [],
    };
    better.build = { ...better.build, seconds: 20.5, cachedSteps: 5, totalSteps: 5 };
    better.advice = [];
    better.warnings = [];
    expectGolden(
      'comment-improvement.md',
      render(better, baseReport(), {}, commentMarker('ghcr.io/acme/app', 'ci')),
    );
  });

  it('gates tripped: both failures shown first', () => {
    expectGolden(
      'comment-gate.md',
      render(pullRequestReport(), baseReport(), { sizeBudget: 500_000_000, maxSizeIncrease: { percent: 5 } }),
    );
  });

  it('the job summary of a push to main', () => {
    expectGolden('summary-push.md', render(baseReport(), undefined));
  });
});

describe('renderReport dependency cache rows', () => {
  it('says when an entry was restored with its delta and when only what the build added was saved', () => {
    const report = baseReport();
    const [mount] = report.dependencyCache.mounts;
    Object.assign(mount!, {
      status: 'partial',
      restoredDeltaOf: 'key-of-whole-entry',
      savedKey: 'key-of-this-run',
      savedBytes: 25_000_000,
      savedDeltaOf: 'key-of-whole-entry',
    });
    const row = render(report, undefined)
      .split('\n')
      .find((line) => line.startsWith('| <code>/root/.cache/pip</code>'));
    expect(row).toContain('(an entry and the delta over it)');
    expect(row).toContain('(only what this build added)');
  });

  it('labels neither for whole entries', () => {
    const row = render(baseReport(), undefined)
      .split('\n')
      .find((line) => line.startsWith('| <code>/root/.cache/pip</code>'));
    expect(row).toBeDefined();
    expect(row).not.toMatch(/delta|only what/);
  });
});

describe('renderReport escaping', () => {
  it('keeps hostile branch names, paths and instructions inert', () => {
    const report = pullRequestReport();
    report.git.branch = 'x</details><!-- @octocat `rm -rf` #1 |';
    report.size!.layers[3]!.createdBy = 'RUN echo </details> @octocat';
    report.size!.topWasted = [{ path: 'a|b/<script>.py', wastedBytes: 1, layers: 2 }];
    const markdown = render(report, baseReport());
    expect(markdown).not.toMatch(/@octocat/);
    expect(markdown).not.toContain('<script>');
    expect(markdown).not.toContain('<!-- @');
    expect(markdown.split('<details>').length).toBe(markdown.split('</details>').length);
  });
});

describe('commentMarker', () => {
  it('is one HTML comment per image and workflow, whatever their names hold', () => {
    expect(commentMarker('ghcr.io/acme/app', 'ci')).toBe(
      '<!-- docker-fast-build:report image=ghcr.io-acme-app workflow=ci -->',
    );
    const marker = commentMarker('ghcr.io/acme/app', 'build --> <b>x</b>');
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
  });
});
