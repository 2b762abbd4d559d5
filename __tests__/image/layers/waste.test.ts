import { computeWaste } from '../../../src/image/layers/analyse.js';
import type { LayerPathTable } from '../../../src/image/layers/types.js';

function layer(
  files: Record<string, number>,
  markers: Partial<Pick<LayerPathTable, 'directories' | 'whiteouts' | 'opaqueDirectories'>> = {},
): LayerPathTable {
  return {
    files: new Map(Object.entries(files)),
    directories: markers.directories ?? [],
    whiteouts: markers.whiteouts ?? [],
    opaqueDirectories: markers.opaqueDirectories ?? [],
  };
}

describe('computeWaste', () => {
  it('a file that exists once wastes nothing, however many layers declare its directory', () => {
    const waste = computeWaste([
      layer({ 'usr/bin/python3': 5000, 'etc/hostname': 10 }, { directories: ['usr', 'usr/bin', 'etc'] }),
      layer({ 'app/main.py': 300 }, { directories: ['usr', 'usr/bin', 'app'] }),
    ]);
    expect(waste).toEqual({ wastedBytes: 0, wastedPaths: [] });
  });

  it('an overwritten file wastes every copy but the last', () => {
    const waste = computeWaste([
      layer({ 'app/data.bin': 100, 'app/keep': 1 }),
      layer({ 'app/data.bin': 150 }),
      layer({ 'app/data.bin': 200 }),
    ]);
    expect(waste).toEqual({
      wastedBytes: 250,
      wastedPaths: [{ path: 'app/data.bin', wastedBytes: 250, layers: 3 }],
    });
  });

  it('a whiteout wastes the lower copy of the file it deletes', () => {
    const waste = computeWaste([
      layer({ 'big.bin': 52428800, 'etc/os-release': 300 }),
      layer({}, { whiteouts: ['big.bin'] }),
    ]);
    expect(waste.wastedBytes).toBe(52428800);
    expect(waste.wastedPaths).toEqual([{ path: 'big.bin', wastedBytes: 52428800, layers: 2 }]);
  });

  it('a whited-out directory wastes everything below it, from every lower layer', () => {
    const waste = computeWaste([
      layer({ 'var/lib/apt/lists/a': 1000, 'var/lib/apt/lists/partial/b': 20 }),
      layer({ 'var/lib/apt/lists/c': 300, 'var/lib/dpkg/status': 50 }),
      layer({}, { whiteouts: ['var/lib/apt/lists'] }),
    ]);
    expect(waste).toEqual({
      wastedBytes: 1320,
      wastedPaths: [{ path: 'var/lib/apt/lists', wastedBytes: 1320, layers: 3 }],
    });
  });

  it('an opaque directory wastes its lower contents but not what its own layer puts there', () => {
    const waste = computeWaste([
      layer({ 'app/old.py': 10, 'app/pkg/mod.py': 20, 'srv/other': 5 }),
      layer({ 'app/new.py': 7 }, { directories: ['app'], opaqueDirectories: ['app'] }),
      layer({ 'app/new.py': 8 }),
    ]);
    expect(waste.wastedPaths).toEqual([
      { path: 'app', wastedBytes: 30, layers: 2 },
      { path: 'app/new.py', wastedBytes: 7, layers: 2 },
    ]);
    expect(waste.wastedBytes).toBe(37);
  });

  it('a file deleted and then added again wastes only the deleted copy', () => {
    const waste = computeWaste([
      layer({ 'x.bin': 10 }),
      layer({}, { whiteouts: ['x.bin'] }),
      layer({ 'x.bin': 10 }),
    ]);
    expect(waste).toEqual({ wastedBytes: 10, wastedPaths: [{ path: 'x.bin', wastedBytes: 10, layers: 2 }] });
  });

  it('whiteouts of paths no lower layer has waste nothing', () => {
    const waste = computeWaste([
      layer({ 'a/b': 10 }),
      layer({}, { whiteouts: ['a/missing', 'nowhere/x'], opaqueDirectories: ['empty'] }),
    ]);
    expect(waste).toEqual({ wastedBytes: 0, wastedPaths: [] });
  });

  it('a directory replacing a file, or a file replacing a directory, wastes what was replaced', () => {
    const waste = computeWaste([
      layer({ 'opt/tool': 40, 'srv/data/one': 3, 'srv/data/two': 4 }),
      layer({ 'opt/tool/bin': 1, 'srv/data': 2 }),
    ]);
    expect(waste.wastedPaths).toEqual([
      { path: 'opt/tool', wastedBytes: 40, layers: 2 },
      { path: 'srv/data', wastedBytes: 7, layers: 2 },
    ]);
  });

  it('lists wasted paths largest first, ties by path', () => {
    const waste = computeWaste([layer({ a: 5, b: 50, c: 5, d: 500 }), layer({ a: 1, b: 1, c: 1, d: 1 })]);
    expect(waste.wastedPaths.map((p) => p.path)).toEqual(['d', 'b', 'a', 'c']);
    expect(waste.wastedBytes).toBe(560);
  });
});
