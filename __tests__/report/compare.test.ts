import { compareReports, delta, evaluateGates, type GateLimits } from '../../src/report/compare.js';
import type { BuildReport } from '../../src/report/model.js';
import { baseReport, pullRequestReport } from './sample-reports.js';

const MB = 1_000_000;
const noLimits: GateLimits = { sizeBudget: undefined, maxSizeIncrease: undefined };

function withSize(report: BuildReport, bytes: number): BuildReport {
  return { ...report, size: { ...report.size!, bytes } };
}

describe('delta', () => {
  it('gives the change and the ratio to the base', () => {
    expect(delta(200, 250)).toEqual({ base: 200, current: 250, change: 50, ratio: 0.25 });
    expect(delta(200, 150)).toEqual({ base: 200, current: 150, change: -50, ratio: -0.25 });
    expect(delta(7, 7)).toEqual({ base: 7, current: 7, change: 0, ratio: 0 });
  });

  it('leaves change and ratio unknown when either side is unknown', () => {
    expect(delta(undefined, 10)).toEqual({
      base: undefined,
      current: 10,
      change: undefined,
      ratio: undefined,
    });
    expect(delta(10, undefined)).toEqual({
      base: 10,
      current: undefined,
      change: undefined,
      ratio: undefined,
    });
    expect(delta(undefined, undefined)).toEqual({
      base: undefined,
      current: undefined,
      change: undefined,
      ratio: undefined,
    });
  });

  it('has a change but no ratio from a zero base', () => {
    expect(delta(0, 10)).toEqual({ base: 0, current: 10, change: 10, ratio: undefined });
  });
});

describe('compareReports', () => {
  it('compares size, compressed size, build time, cached steps and wasted bytes', () => {
    const comparison = compareReports(pullRequestReport(), baseReport());
    expect(comparison.size).toEqual({ base: 512 * MB, current: 552 * MB, change: 40 * MB, ratio: 40 / 512 });
    expect(comparison.compressedSize).toEqual({
      base: 180 * MB,
      current: 195 * MB,
      change: 15 * MB,
      ratio: 15 / 180,
    });
    expect(comparison.buildSeconds.base).toBe(62.4);
    expect(comparison.buildSeconds.current).toBe(75);
    expect(comparison.buildSeconds.change).toBeCloseTo(12.6, 10);
    expect(comparison.cachedSteps).toEqual({ base: 3, current: 2, change: -1, ratio: -1 / 3 });
    expect(comparison.wastedBytes).toEqual({ base: 2 * MB, current: 52 * MB, change: 50 * MB, ratio: 25 });
  });

  it('keeps the current values and no changes without a base report', () => {
    const comparison = compareReports(pullRequestReport(), undefined);
    expect(comparison.size).toEqual({
      base: undefined,
      current: 552 * MB,
      change: undefined,
      ratio: undefined,
    });
    expect(comparison.cachedSteps).toEqual({
      base: undefined,
      current: 2,
      change: undefined,
      ratio: undefined,
    });
  });

  it('leaves size deltas unknown when the current image was not measured', () => {
    const comparison = compareReports({ ...pullRequestReport(), size: undefined }, baseReport());
    expect(comparison.size.change).toBeUndefined();
    expect(comparison.wastedBytes).toEqual({
      base: 2 * MB,
      current: undefined,
      change: undefined,
      ratio: undefined,
    });
    expect(comparison.buildSeconds.change).toBeCloseTo(12.6, 10);
  });
});

describe('evaluateGates', () => {
  const current = pullRequestReport();
  const comparison = compareReports(current, baseReport());

  it('passes with no limits', () => {
    expect(evaluateGates(current, comparison, noLimits)).toEqual([]);
  });

  describe('size budget', () => {
    it('fails an image over the budget', () => {
      expect(evaluateGates(current, comparison, { ...noLimits, sizeBudget: 500 * MB })).toEqual([
        'The image is 552 MB, over the size budget of 500 MB.',
      ]);
    });

    it('passes an image exactly at the budget', () => {
      expect(evaluateGates(current, comparison, { ...noLimits, sizeBudget: 552 * MB })).toEqual([]);
    });

    it('passes an image under the budget', () => {
      expect(evaluateGates(current, comparison, { ...noLimits, sizeBudget: 600 * MB })).toEqual([]);
    });

    it('applies without a base report', () => {
      const alone = compareReports(current, undefined);
      expect(evaluateGates(current, alone, { ...noLimits, sizeBudget: 552 * MB - 1 })).toHaveLength(1);
    });

    it('is not evaluated when the size is unknown', () => {
      const unmeasured = { ...current, size: undefined };
      const unmeasuredComparison = compareReports(unmeasured, baseReport());
      expect(evaluateGates(unmeasured, unmeasuredComparison, { ...noLimits, sizeBudget: 1 })).toEqual([]);
    });
  });

  describe('max size increase', () => {
    it('fails growth above a percent limit', () => {
      expect(evaluateGates(current, comparison, { ...noLimits, maxSizeIncrease: { percent: 5 } })).toEqual([
        'The image grew by 40.0 MB (7.8%) against the base branch, more than the allowed 5%.',
      ]);
    });

    it('passes growth within a percent limit', () => {
      expect(evaluateGates(current, comparison, { ...noLimits, maxSizeIncrease: { percent: 7.9 } })).toEqual(
        [],
      );
    });

    it('fails growth above a byte limit', () => {
      expect(
        evaluateGates(current, comparison, { ...noLimits, maxSizeIncrease: { bytes: 30 * MB } }),
      ).toEqual(['The image grew by 40.0 MB against the base branch, more than the allowed 30.0 MB.']);
    });

    it('passes growth equal to or within a byte limit', () => {
      expect(
        evaluateGates(current, comparison, { ...noLimits, maxSizeIncrease: { bytes: 40 * MB } }),
      ).toEqual([]);
      expect(
        evaluateGates(current, comparison, { ...noLimits, maxSizeIncrease: { bytes: 50 * MB } }),
      ).toEqual([]);
    });

    it('never fails a shrinking or unchanged image', () => {
      const smaller = withSize(current, 400 * MB);
      const same = withSize(current, 512 * MB);
      for (const report of [smaller, same]) {
        const against = compareReports(report, baseReport());
        expect(evaluateGates(report, against, { ...noLimits, maxSizeIncrease: { percent: 0 } })).toEqual([]);
        expect(evaluateGates(report, against, { ...noLimits, maxSizeIncrease: { bytes: 0 } })).toEqual([]);
      }
    });

    it('does not apply without a base report', () => {
      const alone = compareReports(current, undefined);
      expect(evaluateGates(current, alone, { ...noLimits, maxSizeIncrease: { percent: 0 } })).toEqual([]);
      expect(evaluateGates(current, alone, { ...noLimits, maxSizeIncrease: { bytes: 0 } })).toEqual([]);
    });
  });

  it('reports both gates at once, budget first', () => {
    expect(
      evaluateGates(current, comparison, { sizeBudget: 500 * MB, maxSizeIncrease: { bytes: 1 * MB } }),
    ).toEqual([
      'The image is 552 MB, over the size budget of 500 MB.',
      'The image grew by 40.0 MB against the base branch, more than the allowed 1.0 MB.',
    ]);
  });
});
