// npm run bench: how fast a fresh runner builds with each strategy, in one interleaved run.
// Usage: npx tsx scripts/bench/run.ts [--runs 3] [--rate 30] [--fixtures pip-heavy,compile-heavy,apt,…]
//   [--scenarios cold,code-change,add-dependency,no-change] [--backend gha|local|registry]
//   [--logs] [--strategies docker-fast-build,…] [--driver remote --endpoint tcp://127.0.0.1:PORT] [--driver docker-container --driver-opts image=…,network=host]
//   [--profile github-hosted|engine] [--measure layout|listing] [--input NAME=VALUE …]
// The default profile, github-hosted, mirrors a GitHub-hosted runner: a second engine with the classic
// image store (scripts/stack/classic-engine.sh), where the action runs with `driver: auto` (so it picks
// docker-container there, as on a runner) and the layer-cache row creates a docker-container builder,
// both on the stand-in builder image. `--profile engine` (the default once a --driver is named) runs on
// the stack's main engine (containerd store): the docker driver, or the --driver given.
// With a --driver other than docker, the layer-cache-only and docker-fast-build rows run on a builder of
// that driver created for each build (as setup-buildx does on a fresh runner), the limit on one builder
// kept warm across the scenarios; all push. Plain builds are the docker driver's row only.
// The fresh-builder floor (`floor`) runs once a repetition per fixture, beside the other rows.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { removeImages, wipeBuilder } from '../harness/engine.js';
import { REGISTRY } from '../harness/registry.js';
import { pushEvent } from '../harness/runner/events.js';
import { ACTION_DIR, removeRunners, runAction } from '../harness/runner/run-action.js';
import type { DownloadCounter } from '../harness/services/simulated-network.js';
import { serveWheels } from '../harness/services/wheel-index.js';
import { startStack, type StackOptions } from '../harness/stack.js';
import {
  BENCH_APT_REPOSITORY,
  BENCH_WHEELS,
  FAST_INDEX,
  FIXTURES,
  addDependency,
  createWorkspace,
  prepareFixtures,
} from './fixtures.js';
import { floorDockerfile } from './floor.js';
import {
  PHASES,
  SCENARIOS,
  STRATEGIES,
  renderChart,
  renderTable,
  summarise,
  type Sample,
  type Scenario,
  type Strategy,
} from './report.js';

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    rate: { type: 'string', default: '30' },
    fixtures: { type: 'string', default: Object.keys(FIXTURES).join(',') },
    scenarios: { type: 'string' },
    backend: { type: 'string', default: 'gha' },
    driver: { type: 'string' },
    endpoint: { type: 'string', default: '' },
    // One buildx --driver-opt each (comma-separated options within one are fine, as buildx takes them).
    'driver-opts': { type: 'string', multiple: true, default: [] },
    out: { type: 'string', default: path.join(ACTION_DIR, 'bench-results') },
    // Keep each docker-fast-build run's log, with seconds per line, under <out>/logs (to explain a phase).
    logs: { type: 'boolean', default: false },
    // A subset of the strategies, to look into one of them (the table then has empty cells).
    strategies: { type: 'string' },
    profile: { type: 'string' },
    // How the action measures the image (its DOCKER_FAST_BUILD_MEASURE switch), to compare sources.
    measure: { type: 'string' },
    // An action input over the bench's own, NAME=VALUE, repeatable (e.g. dependency-cache=off, to see
    // what the rest of the action costs by itself).
    input: { type: 'string', multiple: true, default: [] },
  },
});
const extraInputs = Object.fromEntries(
  options.input.map((pair) => {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--input '${pair}': expected NAME=VALUE`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  }),
);
if (options.measure && !['layout', 'listing'].includes(options.measure))
  throw new Error(`Unknown --measure '${options.measure}': layout or listing`);
const STANDIN_BUILDER_OPTS = 'image=127.0.0.1:5000/dfb/buildkit-standin:local,network=host';
const PROFILES = ['github-hosted', 'engine'];
// The path GitHub-hosted runners take comes first; a named driver means the main engine.
const profile = options.profile ?? (options.driver ? 'engine' : 'github-hosted');
if (!PROFILES.includes(profile))
  throw new Error(`Unknown bench profile '${profile}': github-hosted or engine`);
const githubHosted = profile === 'github-hosted';
if (githubHosted && options.driver && options.driver !== 'docker-container')
  throw new Error(`--profile github-hosted runs docker-container builders, not --driver ${options.driver}`);
options.driver ??= 'docker';
if (githubHosted) {
  options.driver = 'docker-container';
  if (options['driver-opts'].length === 0) options['driver-opts'] = [STANDIN_BUILDER_OPTS];
  // Every docker command of the bench and of the action goes to the classic-store engine.
  process.env.DOCKER_HOST = execFileSync(
    'bash',
    [path.join(import.meta.dirname, '../stack/classic-engine.sh')],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  ).trim();
}
const BACKENDS = ['gha', 'local', 'registry'];
const BENCH_REPOSITORY = { full_name: 'bench/app', default_branch: 'main' };
if (!BACKENDS.includes(options.backend))
  throw new Error(`Unknown bench backend '${options.backend}': one of ${BACKENDS.join(', ')}`);
const runs = Number(options.runs);
const rateMBps = Number(options.rate);
const fixtures = options.fixtures.split(',');
for (const scenario of options.scenarios?.split(',') ?? []) {
  if (!(SCENARIOS as readonly string[]).includes(scenario))
    throw new Error(`Unknown bench scenario '${scenario}': one of ${SCENARIOS.join(', ')}`);
}
// Each scenario edits the workspace the one before left, so a subset keeps this order.
const scenarios: Scenario[] = options.scenarios
  ? SCENARIOS.filter((scenario) => options.scenarios!.split(',').includes(scenario))
  : [...SCENARIOS];
const builder = {
  driver: options.driver,
  endpoint: options.endpoint,
  driverOpts: options['driver-opts'],
  // The engine's own BuildKit keeps the image; any other builder's result must go somewhere.
  push: options.driver !== 'docker',
};
// Plain builds are the docker driver's row; another driver has its own layer-cache-only,
// docker-fast-build and warm-limit rows.
const chosenStrategies = options.strategies?.split(',') ?? [...STRATEGIES];
for (const strategy of chosenStrategies) {
  if (!(STRATEGIES as readonly string[]).includes(strategy))
    throw new Error(`Unknown bench strategy '${strategy}': one of ${STRATEGIES.join(', ')}`);
}
const FRESH_RUNNER_STRATEGIES = (
  (builder.driver === 'docker'
    ? ['plain', 'layer-cache', 'docker-fast-build']
    : ['layer-cache', 'docker-fast-build']) as Strategy[]
).filter((strategy) => chosenStrategies.includes(strategy));
// The floor: its own builder once a repetition, created as the rows above create theirs.
const measuresFloor = chosenStrategies.includes('floor');

/** What one strategy's builds of one fixture share across scenarios. */
interface BuildState {
  workspace: string;
  repository: string;
  cacheDir: string;
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function timed(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve((performance.now() - started) / 1000)
        : reject(new Error(`${command} ${args.join(' ')}: ${stderr}`)),
    );
  });
}

function dockerBuild(state: BuildState, withRegistryCache: boolean, builderName = 'default') {
  const ref = `${state.repository}:buildcache-main`;
  const cache = withRegistryCache
    ? [
        '--cache-from',
        `type=registry,ref=${ref}`,
        '--cache-to',
        `type=registry,ref=${ref},mode=max,ignore-error=true`,
      ]
    : [];
  return timed('docker', [
    'buildx',
    'build',
    '--builder',
    builderName,
    '--network',
    'host',
    '--tag',
    `${state.repository}:bench`,
    ...(builder.push ? ['--push'] : []),
    ...cache,
    state.workspace,
  ]);
}

function createBuilderArgs(name: string): string[] {
  return [
    'buildx',
    'create',
    '--name',
    name,
    '--driver',
    builder.driver,
    ...builder.driverOpts.flatMap((opt) => ['--driver-opt', opt]),
    '--bootstrap',
    ...(builder.endpoint ? [builder.endpoint] : []),
  ];
}

/** The layer cache alone on another driver, as setup-buildx + build-push-action run it: create, build and push, remove. */
async function layerCacheOnOwnBuilder(state: BuildState): Promise<number> {
  const name = `bench-${Date.now().toString(36)}`;
  let seconds = await timed('docker', createBuilderArgs(name));
  try {
    seconds += await dockerBuild(state, true, name);
  } finally {
    seconds += await timed('docker', ['buildx', 'rm', '--force', name]);
  }
  return seconds;
}

/**
 * A fresh runner on another driver. A docker-container builder's state goes with it (`buildx rm`
 * removes its volume); a remote BuildKit outlives its clients, so its cache is pruned here, untimed.
 */
async function wipeOwnBuilder(): Promise<void> {
  if (builder.driver === 'docker-container') {
    // The machine a GitHub-hosted runner discards: builders the action left there go, untimed.
    const left = execFileSync('docker', ['buildx', 'ls', '--format', '{{.Name}}'], { encoding: 'utf8' })
      .split('\n')
      // Builders only: `buildx ls` also lists each builder's node (its name and an index).
      .filter((name) => /^dfb-[^-\s]+-[0-9a-f]{6}$/.test(name));
    for (const name of left) await timed('docker', ['buildx', 'rm', '--force', name]);
    return;
  }
  const name = `bench-wipe-${Date.now().toString(36)}`;
  await timed('docker', createBuilderArgs(name));
  try {
    wipeBuilder(name);
  } finally {
    await timed('docker', ['buildx', 'rm', '--force', name]);
  }
}

/**
 * The fresh-builder floor (see cellFloor in report.ts): on a builder created as the fresh-runner rows
 * create theirs, one build that only unpacks the fixture's base images and exports nothing; the
 * creation (and, apart, the removal) timed as layerCacheOnOwnBuilder times them. The docker driver has no builder
 * of its own to create.
 */
async function measureFloor(state: BuildState): Promise<NonNullable<Sample['floorParts']>> {
  const dockerfile = floorDockerfile(readFileSync(path.join(state.workspace, 'Dockerfile'), 'utf8'));
  const context = mkdtempSync(path.join(tmpdir(), 'dfb-bench-floor-'));
  const ownBuilder = builder.driver !== 'docker';
  const name = ownBuilder ? `bench-floor-${Date.now().toString(36)}` : 'default';
  const parts = { create: 0, build: 0, remove: 0 };
  try {
    if (ownBuilder) parts.create = await timed('docker', createBuilderArgs(name));
    try {
      if (dockerfile !== null) {
        writeFileSync(path.join(context, 'Dockerfile'), dockerfile);
        parts.build = await timed('docker', [
          'buildx',
          'build',
          '--builder',
          name,
          '--network',
          'host',
          '--output',
          'type=cacheonly',
          context,
        ]);
      }
    } finally {
      if (ownBuilder) parts.remove = await timed('docker', ['buildx', 'rm', '--force', name]);
    }
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
  return parts;
}

/**
 * Writes back what earlier builds, wipes and removals left in the page cache before the next timed
 * build: a fresh runner starts with nothing to flush, and up to 0.9 GB was still dirty after a
 * pip-heavy run here, for the kernel to write back in the middle of the next row.
 */
function settle(): void {
  execFileSync('sync');
}

function applyScenario(state: BuildState, scenario: Scenario, name: string): void {
  if (scenario === 'code-change')
    appendFileSync(path.join(state.workspace, 'src/app.py'), `print(${Date.now()})\n`);
  if (scenario === 'add-dependency') addDependency(name, state.workspace);
}

async function measure(
  name: string,
  rep: number,
  scenario: Scenario,
  strategy: Strategy,
  state: BuildState,
): Promise<Sample> {
  const sample: Sample = { fixture: name, rep, scenario, strategy, seconds: NaN, downloads: 0 };
  // The floor builds none of the scenarios: it only runs beside one.
  if (strategy !== 'floor') applyScenario(state, scenario, name);
  for (const server of servers) server.resetCounts();
  if (strategy === 'floor') {
    sample.floorParts = await measureFloor(state);
    // The removal is kept apart and not counted: a GitHub-hosted job leaves its builder.
    sample.seconds = sample.floorParts.create + sample.floorParts.build;
  } else if (strategy === 'docker-fast-build') {
    const t0 = performance.now();
    const trigger = pushEvent('main', BENCH_REPOSITORY);
    const result = await runAction({
      inputs: {
        // As a workflow on a GitHub-hosted runner leaves it: the action picks the driver itself.
        driver: githubHosted ? 'auto' : builder.driver,
        ...(builder.endpoint ? { endpoint: builder.endpoint } : {}),
        ...(builder.driverOpts.length > 0 ? { 'driver-opts': builder.driverOpts.join('\n') } : {}),
        ...(builder.push ? { push: 'true' } : {}),
        image: state.repository,
        tags: `${state.repository}:bench`,
        network: 'host',
        comment: 'off',
        'dependency-cache-backend': options.backend,
        ...(options.backend === 'local' ? { 'local-cache-dir': state.cacheDir } : {}),
        ...extraInputs,
      },
      workspace: state.workspace,
      ...trigger,
      env: {
        ...backend.envFor(trigger),
        ...(githubHosted
          ? { DOCKER_HOST: process.env.DOCKER_HOST!, RUNNER_ENVIRONMENT: 'github-hosted' }
          : {}),
        ...(options.measure ? { DOCKER_FAST_BUILD_MEASURE: options.measure } : {}),
      },
    });
    if (options.logs) {
      mkdirSync(path.join(options.out, 'logs'), { recursive: true });
      writeFileSync(path.join(options.out, 'logs', `${name}-${rep + 1}-${scenario}.log`), result.timedLog);
    }
    if (result.exitCode !== 0) throw new Error(`docker-fast-build failed:\n${result.log.slice(-3000)}`);
    const { report } = result;
    if (!report) throw new Error('docker-fast-build wrote no report');
    const { seconds } = report.dependencyCache;
    Object.assign(sample, {
      seconds: (performance.now() - t0) / 1000,
      phases: {
        restore: seconds.restore,
        inject: seconds.inject,
        build: report.build.seconds,
        extract: seconds.extract,
        save: seconds.save,
        analyse: report.size?.analysisSeconds ?? 0,
      } satisfies Record<(typeof PHASES)[number], number>,
      restoredMB: report.dependencyCache.mounts.reduce((sum, m) => sum + m.restoredBytes, 0) / 1e6,
      dependencyCache: report.dependencyCache.status,
    });
    const chosen = /driver auto: (\S+)/.exec(result.log)?.[1];
    if (githubHosted && chosen !== 'docker-container')
      throw new Error(
        `driver auto chose ${chosen ?? 'nothing'} on the classic-store engine, not docker-container`,
      );
  } else if (strategy === 'layer-cache' && builder.driver !== 'docker') {
    sample.seconds = await layerCacheOnOwnBuilder(state);
  } else if (strategy === 'limit' && builder.driver !== 'docker') {
    sample.seconds = await dockerBuild(state, false, limitBuilder!);
  } else {
    sample.seconds = await dockerBuild(state, strategy === 'layer-cache');
  }
  sample.downloads = servers.reduce((sum, server) => sum + server.totalDownloads(), 0);
  log(
    `${name} #${rep + 1} ${scenario.padEnd(14)} ${strategy.padEnd(17)} ${sample.seconds.toFixed(1)} s, ${sample.downloads} downloads`,
  );
  return sample;
}

/** The cache service, unless the backend is local (registry keeps its reports in the Actions cache, as on a GitHub runner). */
function startBackend() {
  const services: StackOptions = options.backend === 'local' ? {} : { cacheService: {} };
  return startStack(services);
}

const started = new Date();
mkdirSync(options.out, { recursive: true });
const prepared = await prepareFixtures(fixtures);
// Package downloads of both stand-ins for the network: PyPI (wheels and sdists) and a Debian mirror.
const network = await startStack({
  wheels: { dir: BENCH_WHEELS, rateMBps },
  ...(prepared.apt ? { aptRepository: { dir: BENCH_APT_REPOSITORY, rateMBps } } : {}),
});
const servers: DownloadCounter[] = [network.wheels, ...(prepared.apt ? [network.aptRepository!] : [])];
// The fast-index fixture's second index: the same files, as fast as a CDN next to the runner.
const fastIndex = fixtures.includes('pip-heavy-fast-index')
  ? await serveWheels(BENCH_WHEELS, { port: FAST_INDEX.port, rateMBps: FAST_INDEX.rateMBps })
  : undefined;
if (fastIndex) servers.push(fastIndex);
// A fresh cache service for every repetition: a cold start must find no entry of an earlier one.
let backend = await startStack({});
const samples: Sample[] = [];
/** The warm builder of the limit row on a driver other than docker, while its chain runs. */
let limitBuilder: string | undefined;
/** fixture → wall seconds of each repetition (every strategy and scenario), to size a full run. */
const repetitionSeconds: Record<string, number[]> = {};

try {
  for (const name of fixtures) {
    repetitionSeconds[name] = [];
    for (let rep = 0; rep < runs; rep++) {
      const repetitionStarted = performance.now();
      await backend.close();
      backend = await startBackend();
      const states = Object.fromEntries(
        STRATEGIES.map((strategy) => [
          strategy,
          {
            workspace: createWorkspace(name),
            repository: `${REGISTRY}/bench-${name}-${strategy}-${Date.now().toString(36)}`,
            cacheDir: mkdtempSync(path.join(tmpdir(), 'dfb-bench-cache-')),
          },
        ]),
      );
      for (const [scenarioIndex, scenario] of scenarios.entries()) {
        // Interleaved so that drift of the machine falls on every strategy alike; the floor, once a
        // repetition, beside a different scenario's rows each time.
        const rows: Strategy[] = [
          ...FRESH_RUNNER_STRATEGIES,
          ...(measuresFloor && scenarioIndex === rep % scenarios.length ? (['floor'] as const) : []),
        ];
        const offset = (rep + scenarioIndex) % rows.length;
        const order = [...rows.slice(offset), ...rows.slice(0, offset)];
        for (const strategy of order) {
          if (builder.driver === 'docker') wipeBuilder();
          else await wipeOwnBuilder();
          removeImages(states[strategy]!.repository);
          settle();
          samples.push(await measure(name, rep, scenario, strategy, states[strategy]!));
        }
      }
      // The physical limit runs its whole chain on one warm builder: interleaving it would let the
      // other strategies' layers and cache mounts into its builder. On another driver it is one
      // builder of that driver, created untimed and kept warm across the chain (as on a runner that
      // outlives its jobs), pushing as the other rows do.
      if (chosenStrategies.includes('limit')) {
        if (builder.driver === 'docker') wipeBuilder();
        else {
          await wipeOwnBuilder();
          limitBuilder = `bench-limit-${Date.now().toString(36)}`;
          await timed('docker', createBuilderArgs(limitBuilder));
        }
        try {
          for (const scenario of scenarios) {
            settle();
            samples.push(await measure(name, rep, scenario, 'limit', states.limit!));
          }
        } finally {
          if (limitBuilder) await timed('docker', ['buildx', 'rm', '--force', limitBuilder]);
          limitBuilder = undefined;
        }
      }
      for (const state of Object.values(states)) {
        removeImages(state.repository);
        rmSync(state.workspace, { recursive: true, force: true });
        rmSync(state.cacheDir, { recursive: true, force: true });
      }
      const seconds = (performance.now() - repetitionStarted) / 1000;
      repetitionSeconds[name].push(seconds);
      log(`${name} repetition ${rep + 1}: ${seconds.toFixed(0)} s`);
    }
  }
} finally {
  await network.close();
  await fastIndex?.close();
  await backend.close();
  removeRunners();
}

const summary = summarise(samples, {
  fixtures,
  rateMBps,
  runs,
  backend: options.backend,
  inputs: extraInputs,
  scenarios,
  builder: {
    driver: builder.driver,
    endpoint: builder.endpoint,
    driverOpts: builder.driverOpts,
    profile,
  },
  repetitionSeconds,
  started,
  finished: new Date(),
});
writeFileSync(path.join(options.out, 'bench.json'), `${JSON.stringify({ summary, samples }, null, 2)}\n`);
writeFileSync(path.join(options.out, 'bench.md'), renderTable(summary));
writeFileSync(path.join(options.out, 'bench.svg'), renderChart(summary));
process.stdout.write(renderTable(summary));
log(`wrote ${path.relative(process.cwd(), options.out)}/bench.{json,md,svg}`);
