import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { createLocalBackend } from '../../src/cache/backends/local.js';
import { BaseReportStore } from '../../src/report/base-store.js';
import {
  appendToHistory,
  parseHistory,
  serialiseHistory,
  sparkline,
  trendPointFrom,
  trendPointOf,
} from '../../src/report/trend.js';
import { baseReport, mainHistory } from './sample-reports.js';

describe('sparkline', () => {
  it('scales from the smallest to the largest value, a dot for an unknown one', () => {
    expect(sparkline([1, 2, undefined, 8])).toBe('▁▂·█');
  });

  it('is flat for equal values and empty for none', () => {
    expect(sparkline([5, 5, 5])).toBe('▄▄▄');
    expect(sparkline([undefined])).toBe('');
  });
});

describe('history', () => {
  it('keeps the newest points, this report last', () => {
    const points = appendToHistory(mainHistory(), baseReport(), 5);
    expect(points).toHaveLength(5);
    expect(points[4]).toEqual(trendPointOf(baseReport()));
    expect(points[0]).toEqual(mainHistory()[4]);
    expect(appendToHistory(mainHistory(), baseReport(), 0)).toEqual([]);
  });

  it('reads back what it wrote, and drops what is malformed instead of throwing', () => {
    expect(parseHistory(serialiseHistory(mainHistory()))).toEqual(mainHistory());
    expect(parseHistory('{not json')).toEqual([]);
    expect(parseHistory(JSON.stringify({ schema: 'other', points: mainHistory() }))).toEqual([]);
    const text = serialiseHistory([...mainHistory(), { createdAt: 1, sha: 'x', buildSeconds: -1 } as never]);
    expect(parseHistory(text)).toHaveLength(8);
  });

  it.each([
    [{ createdAt: 'x', sha: 'y', sizeBytes: 'big', buildSeconds: 1 }],
    [{ createdAt: 'x', sha: 'y', buildSeconds: Number.NaN }],
    [{ createdAt: 'x'.repeat(41), sha: 'y', buildSeconds: 1 }],
    [null],
  ])('refuses the point %j', (point) => {
    expect(trendPointFrom(point)).toBeUndefined();
  });
});

describe('BaseReportStore history', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dfb-trend-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the history beside the report, and a report without one is its own first point', async () => {
    const store = new BaseReportStore(
      createLocalBackend(dir, { read: ['refs/heads/main'], write: 'refs/heads/main' }),
      'ghcr.io/acme/app',
      path.join(dir, 'runner-temp'),
    );
    await store.save(baseReport(), '1.1');
    const first = await store.load('main');
    expect(await store.loadedHistory(first)).toEqual([trendPointOf(baseReport())]);

    // The backend takes the newest entry by its file's time: let the second one be later.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.save(baseReport(), '2.1', [], appendToHistory(mainHistory(), baseReport(), 10));
    const second = await store.load('main');
    expect(await store.loadedHistory(second)).toHaveLength(9);
    expect(await store.loadedHistory(undefined)).toEqual([]);
  });
});
