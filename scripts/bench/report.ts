// Turns benchmark samples into medians, ratios, target checks, a Markdown table and an SVG chart.
export const SCENARIOS = ['cold', 'code-change', 'add-dependency', 'no-change'] as const;
// `floor` is measured once a repetition per fixture, not per scenario: see freshFloor.
export const STRATEGIES = ['plain', 'layer-cache', 'docker-fast-build', 'limit', 'floor'] as const;
export type Scenario = (typeof SCENARIOS)[number];
export type Strategy = (typeof STRATEGIES)[number];

/** The phases of a docker-fast-build run, in seconds, from its outputs and report. */
export const PHASES = ['restore', 'inject', 'build', 'extract', 'save', 'analyse'] as const;
export type Phase = (typeof PHASES)[number];

/** One build of one fixture, scenario and strategy. */
export interface Sample {
  fixture: string;
  rep: number;
  /** For the floor, the scenario it ran beside (it builds none of them). */
  scenario: Scenario;
  strategy: Strategy;
  seconds: number;
  /** Package downloads from the stand-ins for the network (wheels, sdists, Debian packages). */
  downloads: number;
  /** docker-fast-build's only. */
  phases?: Record<Phase, number>;
  restoredMB?: number;
  dependencyCache?: string;
  /** The floor's only: its builder's creation, its one build and the builder's removal, in seconds. */
  floorParts?: { create: number; build: number; remove: number };
}

export interface BenchMeta {
  fixtures: string[];
  rateMBps: number;
  runs: number;
  backend: string;
  /** Action inputs given over the bench's own (`--input`): the docker-fast-build row is not the default action then. */
  inputs?: Record<string, string>;
  scenarios?: Scenario[];
  builder?: { driver: string; endpoint: string; driverOpts: string[]; profile?: string };
  repetitionSeconds?: Record<string, number[]>;
  started: Date;
  finished: Date;
  /** Set by mergeSummaries: one line per run's builder. */
  builderLines?: string[];
}

interface StrategyResult {
  seconds: number;
  downloads: number;
  runs: number;
  phases?: Record<Phase, number>;
  restoredMB?: number;
  overhead?: number;
}

interface Target {
  name: string;
  limit: number;
  met: boolean;
  /** The seconds allowed are below the cell's floor: no fresh builder here could meet it. */
  belowFloor?: boolean;
}

interface Cell {
  fixture: string;
  driver: string;
  label: string;
  scenario: Scenario;
  strategies: Partial<Record<Strategy, StrategyResult>>;
  vsLayerCache?: number;
  vsLimit?: number;
  /** The fixture's fresh-builder floor: median seconds of the `floor` samples (see cellFloor). */
  freshFloor?: number;
  /** What no fresh builder can beat in this cell on this machine (see cellFloor). */
  floor?: number;
  targets: Target[];
}

export interface BenchSummary {
  meta: BenchMeta;
  cells: Cell[];
}

const LABELS: Record<Strategy, string> = {
  plain: 'plain (no cache)',
  'layer-cache': 'registry layer cache only',
  'docker-fast-build': 'docker-fast-build',
  limit: 'limit (warm builder)',
  floor: 'fresh-builder floor',
};
const COLORS: Record<Strategy, string> = {
  plain: '#9e9e9e',
  'layer-cache': '#5c8dd6',
  'docker-fast-build': '#2e9d5b',
  limit: '#e0a030',
  floor: '#c0392b',
};
/** The strategies drawn as bars; the floor is a line across its scenario's bars. */
const BAR_STRATEGIES = STRATEGIES.filter((strategy) => strategy !== 'floor');

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The floor of a cell: what a fresh builder cannot beat here. `freshFloor` is a builder created as the
 * fresh-runner rows create theirs and one build that only unpacks the fixture's base images (`RUN
 * true` on each, nothing exported); its removal is not counted, as a GitHub-hosted job leaves its
 * builder. After a change, a fresh builder pays that and at least what the warm builder (the limit)
 * pays for the same change: the sum. Cold, or without a limit row, the fresh floor alone: a cold build
 * does more, but what it must do beyond the unpack is what the rows compare.
 */
export function cellFloor(
  scenario: Scenario,
  freshFloor: number | undefined,
  limit: number | undefined,
): number | undefined {
  if (freshFloor === undefined) return undefined;
  if (limit === undefined || scenario === 'cold') return freshFloor;
  return freshFloor + limit;
}

/** Compared as the table prints them, so that the table never says "14.2 s < 14.2 s". */
const tenths = (seconds: number) => Math.round(seconds * 10);

/** Whether the seconds a target allows are below the floor (unknown floor: no). */
export function belowFloor(allowed: number, floor: number | undefined): boolean {
  return floor !== undefined && tenths(allowed) < tenths(floor);
}

export function summarise(samples: Sample[], meta: BenchMeta): BenchSummary {
  const cells: Cell[] = [];
  for (const fixture of meta.fixtures) {
    const floorSamples = samples.filter((s) => s.fixture === fixture && s.strategy === 'floor');
    const freshFloor = floorSamples.length > 0 ? median(floorSamples.map((s) => s.seconds)) : undefined;
    for (const scenario of meta.scenarios ?? SCENARIOS) {
      const driver = meta.builder?.driver ?? 'docker';
      const cell: Cell = {
        fixture,
        driver,
        label: label(meta, fixture),
        scenario,
        strategies: {},
        targets: [],
      };
      for (const strategy of BAR_STRATEGIES) {
        const matching = samples.filter(
          (s) => s.fixture === fixture && s.scenario === scenario && s.strategy === strategy,
        );
        if (matching.length === 0) continue;
        const entry: StrategyResult = {
          seconds: median(matching.map((s) => s.seconds)),
          downloads: median(matching.map((s) => s.downloads)),
          runs: matching.length,
        };
        if (strategy === 'docker-fast-build') {
          entry.phases = Object.fromEntries(
            PHASES.map((p) => [p, median(matching.map((s) => s.phases![p]))]),
          ) as Record<Phase, number>;
          entry.restoredMB = median(matching.map((s) => s.restoredMB!));
          entry.overhead = median(matching.map((s) => s.seconds - s.phases!.build));
        }
        cell.strategies[strategy] = entry;
      }
      const dfb = cell.strategies['docker-fast-build']?.seconds ?? NaN;
      cell.vsLayerCache = dfb / (cell.strategies['layer-cache']?.seconds ?? NaN);
      cell.vsLimit = dfb / (cell.strategies.limit?.seconds ?? NaN);
      if (freshFloor !== undefined) {
        cell.freshFloor = freshFloor;
        cell.floor = cellFloor(scenario, freshFloor, cell.strategies.limit?.seconds);
      }
      cell.targets = targetsFor(cell).map((target) =>
        cell.floor === undefined ? target : { ...target, belowFloor: belowFloor(target.limit, cell.floor) },
      );
      cells.push(cell);
    }
  }
  return { meta, cells };
}

/** The ratio each cell must reach against the layer cache alone, as the speed issue sets them. */
function addDependencyTarget(fixture: string, otherDriver: boolean): number {
  if (fixture === 'compile-heavy') return otherDriver ? 0.3 : 0.25;
  // A dependency cache that cannot pay (a fast index, apt's quick mirror) must at least cost nothing.
  if (fixture === 'apt' || fixture === 'pip-heavy-fast-index') return 1.05;
  return 0.75;
}

function targetsFor(cell: Cell): Target[] {
  const dfb = cell.strategies['docker-fast-build'];
  const layerCache = cell.strategies['layer-cache']?.seconds;
  if (!dfb || layerCache === undefined) return [];
  const within = (name: string, allowed: number): Target => ({
    name,
    limit: allowed,
    met: dfb.seconds <= allowed,
  });
  const otherDriver = cell.driver !== undefined && cell.driver !== 'docker';
  switch (cell.scenario) {
    case 'add-dependency': {
      const ratio = addDependencyTarget(cell.fixture, otherDriver);
      return [within(`≤ ${ratio}× layer cache`, ratio * layerCache)];
    }
    case 'cold':
      return [within('≤ 1.10× layer cache', 1.1 * layerCache)];
    case 'code-change':
      return otherDriver
        ? [within('≤ 1.05× layer cache + 0.5 s', 1.05 * layerCache + 0.5)]
        : [within('≤ 1.05× layer cache + 0.3 s', 1.05 * layerCache + 0.3)];
    case 'no-change':
      return [within('≤ 1.05× layer cache + 0.3 s', 1.05 * layerCache + 0.3)];
    default:
      return [];
  }
}

/**
 * `pip-heavy`; `pip-heavy (remote)` for rows of another builder than the engine's own; `pip-heavy
 * (registry backend)` for dependency caches kept elsewhere than the Actions cache.
 */
function label(meta: BenchMeta, fixture: string): string {
  const driver = meta.builder?.driver ?? 'docker';
  const notes = [
    ...(meta.builder?.profile === 'github-hosted'
      ? ['GitHub-hosted: classic store, auto → docker-container']
      : driver === 'docker'
        ? []
        : [driver]),
    ...(meta.backend && meta.backend !== 'gha' ? [`${meta.backend} backend`] : []),
  ];
  return notes.length === 0 ? fixture : `${fixture} (${notes.join(', ')})`;
}

/**
 * One summary of several runs (e.g. the docker driver's and a remote BuildKit's), for one table and
 * chart: their cells side by side, each run's builder named. The first run's header facts lead.
 */
export function mergeSummaries(summaries: BenchSummary[]): BenchSummary {
  const [first] = summaries;
  if (!first) throw new Error('mergeSummaries: no summary to merge');
  return {
    meta: { ...first.meta, builderLines: summaries.map((s) => builderLine(s.meta)) },
    cells: summaries.flatMap((s) => s.cells),
  };
}

function builderLine(meta: BenchMeta): string {
  const b = meta.builder;
  if (!b || b.driver === 'docker') return "Builder: the engine's own BuildKit (docker driver).";
  const opts = b.driverOpts.length > 0 ? `, driver-opts ${b.driverOpts.join(' ')}` : '';
  return `Builder: ${b.driver}${b.endpoint ? ` at ${b.endpoint}` : ''}${opts}, created for each build (its creation and removal timed) and pushing the image.`;
}

const f1 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(1));
const secs = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '—' : `${n.toFixed(1)} s`);
const f2 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(2));

/** `❌ ≤ 0.3× layer cache`, and `(10.7 s < this machine's floor 14.2 s)` when the target is below the floor. */
export function targetText(target: Target, floor: number | undefined): string {
  const text = `${target.met ? '✅' : '❌'} ${target.name}`;
  return belowFloor(target.limit, floor)
    ? `${text} (${secs(target.limit)} < this machine's floor ${secs(floor)})`
    : text;
}

export function renderTable(summary: BenchSummary): string {
  const { meta } = summary;
  const lines = [
    `Benchmark: median of ${meta.runs} runs per cell; fresh runner for every build (builder pruned, images removed; registry and the action's caches survive).`,
    `Network simulated: wheels, sdists and Debian packages served from 127.0.0.1 at ${meta.rateMBps} MB/s. Cache backend: ${meta.backend}. ${meta.started.toISOString()} – ${meta.finished.toISOString()}.`,
    ...(meta.builderLines ?? [builderLine(meta)]),
    ...(meta.inputs && Object.keys(meta.inputs).length > 0
      ? [
          `docker-fast-build ran with ${Object.entries(meta.inputs)
            .map(([name, value]) => `\`${name}: ${value}\``)
            .join(', ')} over the bench's inputs.`,
        ]
      : []),
    '',
    '| fixture | scenario | plain | layer cache only | docker-fast-build | limit | fresh floor | × layer cache | × limit | downloads (layer cache → dfb) | targets |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const cell of summary.cells) {
    const s = cell.strategies;
    const targets = cell.targets.map((t) => targetText(t, cell.floor)).join('<br>');
    lines.push(
      `| ${cell.label} | ${cell.scenario} | ${secs(s.plain?.seconds)} | ${secs(s['layer-cache']?.seconds)} | ${secs(s['docker-fast-build']?.seconds)} | ${secs(s.limit?.seconds)} | ${secs(cell.floor)} | ${f2(cell.vsLayerCache)} | ${f2(cell.vsLimit)} | ${s['layer-cache']?.downloads ?? '—'} → ${s['docker-fast-build']?.downloads ?? '—'} | ${targets} |`,
    );
  }
  const freshFloors = [...new Map(summary.cells.map((cell) => [cell.label, cell.freshFloor])).entries()]
    .filter(([, seconds]) => seconds !== undefined)
    .map(([fixture, seconds]) => `${fixture} ${secs(seconds)}`);
  if (freshFloors.length > 0)
    lines.push(
      '',
      `Fresh floor: a new builder and one build that only unpacks the base images (median): ${freshFloors.join(', ')}. After a change the column adds the limit's seconds; cold, it is the fresh floor alone.`,
    );
  lines.push(
    '',
    'docker-fast-build phases (median seconds):',
    '',
    '| fixture | scenario | restore | inject | build | extract | save | analyse | overhead | restored MB |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const cell of summary.cells) {
    const d = cell.strategies['docker-fast-build'];
    if (!d) continue;
    const p = d.phases;
    lines.push(
      `| ${cell.label} | ${cell.scenario} | ${f1(p?.restore)} | ${f1(p?.inject)} | ${f1(p?.build)} | ${f1(p?.extract)} | ${f1(p?.save)} | ${f1(p?.analyse)} | ${f1(d.overhead)} | ${d.restoredMB?.toFixed(0)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Grouped bars: one panel per fixture, one group per scenario, one bar per strategy. */
export function renderChart(summary: BenchSummary): string {
  // One panel per fixture and builder.
  const fixtures = [...new Set(summary.cells.map((c) => c.label))];
  const barWidth = 16;
  const groupGap = 24;
  const groupWidth = BAR_STRATEGIES.length * barWidth + groupGap;
  const scenarios = summary.meta.scenarios ?? SCENARIOS;
  const panelWidth = scenarios.length * groupWidth + 40;
  const height = 260;
  const top = 40;
  const plotHeight = 170;
  const width = panelWidth * fixtures.length + 20;
  const max = Math.max(
    1,
    ...summary.cells.flatMap((c) => [...Object.values(c.strategies).map((s) => s.seconds), c.floor ?? 0]),
  );
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + 40}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
  ];
  fixtures.forEach((fixture, fi) => {
    const x0 = 20 + fi * panelWidth;
    parts.push(
      `<text x="${x0}" y="20" font-size="13" font-weight="bold">${fixture} (seconds, median)</text>`,
    );
    parts.push(
      `<line x1="${x0}" y1="${top + plotHeight}" x2="${x0 + panelWidth - 30}" y2="${top + plotHeight}" stroke="#333"/>`,
    );
    scenarios.forEach((scenario, si) => {
      const cell = summary.cells.find((c) => c.label === fixture && c.scenario === scenario);
      const gx = x0 + si * groupWidth;
      BAR_STRATEGIES.forEach((strategy, bi) => {
        const value = cell?.strategies[strategy]?.seconds;
        if (value === undefined) return;
        const h = (value / max) * plotHeight;
        const x = gx + bi * barWidth;
        parts.push(
          `<rect x="${x}" y="${top + plotHeight - h}" width="${barWidth - 2}" height="${h}" fill="${COLORS[strategy]}"><title>${LABELS[strategy]}: ${value.toFixed(1)} s</title></rect>`,
        );
        parts.push(
          `<text x="${x + barWidth / 2 - 1}" y="${top + plotHeight - h - 3}" font-size="8" text-anchor="middle">${value.toFixed(0)}</text>`,
        );
      });
      if (cell?.floor !== undefined) {
        const y = top + plotHeight - (cell.floor / max) * plotHeight;
        parts.push(
          `<line x1="${gx}" y1="${y}" x2="${gx + BAR_STRATEGIES.length * barWidth - 2}" y2="${y}" stroke="${COLORS.floor}" stroke-width="1.5" stroke-dasharray="4 2"><title>${LABELS.floor}: ${cell.floor.toFixed(1)} s</title></line>`,
        );
      }
      parts.push(
        `<text x="${gx + (BAR_STRATEGIES.length * barWidth) / 2}" y="${top + plotHeight + 14}" text-anchor="middle">${scenario}</text>`,
      );
    });
  });
  STRATEGIES.forEach((strategy, i) => {
    const x = 20 + i * 190;
    parts.push(
      strategy === 'floor'
        ? `<line x1="${x}" y1="${height + 14}" x2="${x + 12}" y2="${height + 14}" stroke="${COLORS.floor}" stroke-width="1.5" stroke-dasharray="4 2"/>`
        : `<rect x="${x}" y="${height + 8}" width="12" height="12" fill="${COLORS[strategy]}"/>`,
    );
    parts.push(`<text x="${x + 16}" y="${height + 18}">${LABELS[strategy]}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
