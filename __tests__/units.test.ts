import { formatBytes, parseByteSize } from '../src/units.js';

describe('parseByteSize', () => {
  it.each([
    ['1024', 1024],
    ['0', 0],
    ['500MB', 500e6],
    ['500mb', 500e6],
    ['1.5GiB', 1.5 * 1024 ** 3],
    ['1.5 GiB', 1.5 * 1024 ** 3],
    ['2g', 2e9],
    [' 10 kB ', 10_000],
    ['64KiB', 65_536],
    ['3MiB', 3 * 1024 ** 2],
    ['1TB', 1e12],
    ['1TiB', 1024 ** 4],
    ['7b', 7],
    ['1.5', 2],
  ])('reads %j as %d bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(['', 'MB', '5 potatoes', '-5MB', '1e3', '1,5GB', '5 M B', '1.GB', 'ten'])(
    'returns undefined for %j',
    (text) => {
      expect(parseByteSize(text)).toBeUndefined();
    },
  );
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [1500, '1.5 kB'],
    [123_456, '123 kB'],
    [26_200_000, '26.2 MB'],
    [2e9, '2.0 GB'],
    [123.4e9, '123 GB'],
    [-1500, '-1.5 kB'],
    [-2e9, '-2.0 GB'],
    // Rounding decides the unit: no "1000 kB" or "100.0 kB".
    [999_999, '1.0 MB'],
    [99_999, '100 kB'],
    [5e12, '5.0 TB'],
  ])('prints %d as %j', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('round-trips with parseByteSize for whole decimal units', () => {
    expect(parseByteSize(formatBytes(42e6).replace(' ', ''))).toBe(42e6);
  });
});
