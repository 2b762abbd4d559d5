// The bench report's fresh-builder floor, from plain numbers: what each cell's floor is, and when a
// target's text says that no fresh builder on this machine could meet it.
import {
  cellFloor,
  renderTable,
  summarise,
  targetText,
  type BenchMeta,
  type Sample,
  type Scenario,
  type Strategy,
} from '../../scripts/bench/report.js';

const META: BenchMeta = {
  fixtures: ['compile-heavy'],
  rateMBps: 30,
  runs: 3,
  backend: 'gha',
  scenarios: ['cold', 'add-dependency'],
  builder: { driver: 'docker-container', endpoint: '', driverOpts: [], profile: 'github-hosted' },
  started: new Date('2026-12-06T00:00:00Z'),
  finished: new Date('2026-12-06T00:10:00Z'),
};

function sample(strategy: Strategy, scenario: Scenario, seconds: number, rep = 0): Sample {
  return {
    fixture: 'compile-heavy',
    rep,
    scenario,
    strategy,
    seconds,
    downloads: 0,
    ...(strategy === 'docker-fast-build' && {
      phases: { restore: 0, inject: 0, build: seconds, extract: 0, save: 0, analyse: 0 },
      restoredMB: 0,
    }),
  };
}

const SAMPLES: Sample[] = [
  sample('layer-cache', 'cold', 32.1),
  sample('docker-fast-build', 'cold', 33.1),
  sample('limit', 'cold', 29.5),
  sample('layer-cache', 'add-dependency', 35.8),
  sample('docker-fast-build', 'add-dependency', 19.2),
  sample('limit', 'add-dependency', 3.6),
  // Once a repetition, each beside another scenario: one median over all of them.
  sample('floor', 'cold', 12.0, 0),
  sample('floor', 'add-dependency', 10.6, 1),
  sample('floor', 'cold', 9.0, 2),
];

describe('cellFloor', () => {
  it('adds the warm builder’s seconds to the fresh floor after a change', () => {
    expect(cellFloor('add-dependency', 10.6, 3.6)).toBeCloseTo(14.2);
    expect(cellFloor('code-change', 10.6, 0.4)).toBeCloseTo(11.0);
  });

  it('is the fresh floor alone cold, whatever the limit took', () => {
    expect(cellFloor('cold', 10.6, 29.5)).toBe(10.6);
    expect(cellFloor('cold', 10.6, 8.0)).toBe(10.6);
  });

  it('is the fresh floor alone without a limit row, and unknown without a floor', () => {
    expect(cellFloor('add-dependency', 10.6, undefined)).toBe(10.6);
    expect(cellFloor('add-dependency', undefined, 3.6)).toBeUndefined();
  });
});

describe('targetText', () => {
  const target = { name: '≤ 0.3× layer cache', limit: 10.74, met: false };

  it("says when the seconds a target allows are below this machine's floor", () => {
    expect(targetText(target, 14.2)).toBe("❌ ≤ 0.3× layer cache (10.7 s < this machine's floor 14.2 s)");
  });

  it('says nothing more when the floor is lower, equal as printed, or unknown', () => {
    expect(targetText({ ...target, met: true }, 9.0)).toBe('✅ ≤ 0.3× layer cache');
    expect(targetText(target, 10.749)).toBe('❌ ≤ 0.3× layer cache');
    expect(targetText(target, undefined)).toBe('❌ ≤ 0.3× layer cache');
  });
});

describe('summarise and renderTable with a floor', () => {
  const summary = summarise(SAMPLES, META);
  const cell = (scenario: Scenario) => summary.cells.find((c) => c.scenario === scenario)!;

  it('gives every cell of the fixture the median fresh floor and its own floor', () => {
    expect(cell('cold').freshFloor).toBe(10.6);
    expect(cell('cold').floor).toBe(10.6);
    expect(cell('add-dependency').floor).toBeCloseTo(14.2);
    // The floor is no row of the cells: it belongs to no scenario.
    expect(cell('cold').strategies.floor).toBeUndefined();
  });

  it('marks a target below the floor in the JSON and in the table', () => {
    expect(cell('add-dependency').targets).toEqual([
      { name: '≤ 0.3× layer cache', limit: expect.closeTo(10.74), met: false, belowFloor: true },
    ]);
    expect(cell('cold').targets[0]!.belowFloor).toBe(false);
    const table = renderTable(summary);
    expect(table).toContain('| limit | fresh floor | × layer cache |');
    expect(table).toContain(
      "| 3.6 s | 14.2 s | 0.54 | 5.33 | 0 → 0 | ❌ ≤ 0.3× layer cache (10.7 s < this machine's floor 14.2 s) |",
    );
    expect(table).toContain('| 29.5 s | 10.6 s | 1.03 | 1.12 | 0 → 0 | ✅ ≤ 1.10× layer cache |');
    expect(table).toContain('compile-heavy (GitHub-hosted: classic store, auto → docker-container) 10.6 s');
  });

  it('leaves the floor out of a run without floor samples', () => {
    const without = summarise(
      SAMPLES.filter((s) => s.strategy !== 'floor'),
      META,
    );
    expect(without.cells.map((c) => c.floor)).toEqual([undefined, undefined]);
    expect(without.cells[1]!.targets[0]).not.toHaveProperty('belowFloor');
    expect(renderTable(without)).toContain('| 3.6 s | — | 0.54 | 5.33 | 0 → 0 | ❌ ≤ 0.3× layer cache |');
  });

  it("says which action inputs the run gave over the bench's own, and nothing when it gave none", () => {
    const table = renderTable(summarise(SAMPLES, { ...META, inputs: { 'dependency-cache': 'off' } }));
    expect(table).toContain("docker-fast-build ran with `dependency-cache: off` over the bench's inputs.");
    expect(renderTable(summarise(SAMPLES, { ...META, inputs: {} }))).not.toContain('ran with');
  });
});
