import { downloadSecondsOfLine } from '../../src/buildx/download-figures.js';

describe('downloadSecondsOfLine', () => {
  it("reads apt's fetch summary as size over rate, finer than its whole seconds", () => {
    expect(downloadSecondsOfLine('Fetched 47.3 MB in 1s (41.7 MB/s)')).toBeCloseTo(47.3 / 41.7);
    expect(downloadSecondsOfLine('Fetched 8958 kB in 1s (10.1 MB/s)')).toBeCloseTo(8.958 / 10.1);
    expect(downloadSecondsOfLine('Fetched 1234 B in 0s (5120 B/s)')).toBeCloseTo(1234 / 5120);
    expect(downloadSecondsOfLine('Fetched 1.2 GB in 1min 5s (18.4 MB/s)')).toBeCloseTo(1200 / 18.4);
  });

  it('says nothing of other lines, or of a rate it cannot divide by', () => {
    expect(
      downloadSecondsOfLine('Get:1 http://127.0.0.1:8766 ./ git 1:2.39.5-0+deb12u2 [7260 kB]'),
    ).toBeUndefined();
    expect(downloadSecondsOfLine('Fetched 47.3 MB in 1s (0 B/s)')).toBeUndefined();
    expect(downloadSecondsOfLine('echo Fetched 47.3 MB in 1s (41.7 MB/s) and more')).toBeUndefined();
    expect(downloadSecondsOfLine('Collecting requests==2.31.0')).toBeUndefined();
  });
});
