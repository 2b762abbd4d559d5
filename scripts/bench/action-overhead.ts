// What an action's own process adds to one build, beside the bench's layer-cache row (a bare
// `docker buildx build`): a code change on the docker driver, interleaved, median of --runs.
//
//   npx tsx scripts/bench/action-overhead.ts [--runs 5] [--build-push-action DIR]
//
// Rows: the bare command; the least a JavaScript action that runs it costs (main and post through
// the runner protocol); docker-fast-build's bundled dist/; and, given a checkout of
// docker/build-push-action (its action.yml and dist/), that action with and without its build
// summary. Nothing of build-push-action is kept here: the bench has no network to fetch it.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { removeImages, wipeBuilder } from '../harness/engine.js';
import { writeProject } from '../harness/fixtures/projects.js';
import { REGISTRY } from '../harness/registry.js';
import { pushEvent } from '../harness/runner/events.js';
import { removeRunners, runAction } from '../harness/runner/run-action.js';
import { startStack } from '../harness/stack.js';
import { median } from './report.js';

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'build-push-action': { type: 'string' },
  },
});

// A 50 MB layer under the changed COPY: the code change pulls it from the layer cache, as the
// bench's fixtures do with their dependency layers.
const DOCKERFILE = `FROM ${REGISTRY}/python:3.11-slim
WORKDIR /app
RUN head -c 52428800 /dev/urandom > /app/big
COPY src/ ./src/
`;
const REPOSITORY = { full_name: 'bench/app', default_branch: 'main' };

type Row =
  | 'bare command'
  | 'least action'
  | 'docker-fast-build'
  | 'build-push-action'
  | 'build-push-action, no summary';
const bpaDir = options['build-push-action'];
const rows: Row[] = [
  'bare command',
  'least action',
  'docker-fast-build',
  ...(bpaDir ? (['build-push-action', 'build-push-action, no summary'] as const) : []),
];

/** An action that only runs the build it is given: Node's start and the runner protocol, nothing more. */
function leastAction(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'least-action-'));
  mkdirSync(path.join(dir, 'dist'));
  writeFileSync(
    path.join(dir, 'action.yml'),
    'name: least action\ndescription: one build\ninputs:\n  args:\n    description: buildx arguments, one a line\n' +
      'runs:\n  using: node24\n  main: dist/main.mjs\n  post: dist/post.mjs\n',
  );
  writeFileSync(
    path.join(dir, 'dist/main.mjs'),
    "import { spawnSync } from 'node:child_process';\n" +
      "const args = process.env.INPUT_ARGS.split('\\n').filter(Boolean);\n" +
      "process.exit(spawnSync('docker', ['buildx', 'build', ...args], { stdio: 'inherit' }).status ?? 1);\n",
  );
  writeFileSync(path.join(dir, 'dist/post.mjs'), 'process.exit(0);\n');
  return dir;
}

const leastActionDir = leastAction();
const runId = Date.now().toString(36);
// Named like the bench's own repositories, so the stack's start-up collection removes them.
const states = new Map(
  rows.map((row, index) => [
    row,
    {
      repository: `${REGISTRY}/bench-overhead-${index}-${runId}`,
      workspace: writeProject(mkdtempSync(path.join(tmpdir(), 'overhead-')), {
        Dockerfile: DOCKERFILE,
        'src/app.py': 'print("overhead")\n',
      }),
    },
  ]),
);
const stack = await startStack({ cacheService: {} });

const cacheRef = (repository: string) => `${repository}:buildcache-main`;

function buildArgs(repository: string, workspace: string): string[] {
  const cache = cacheRef(repository);
  return [
    '--builder',
    'default',
    '--network',
    'host',
    '--tag',
    `${repository}:bench`,
    '--cache-from',
    `type=registry,ref=${cache}`,
    '--cache-to',
    `type=registry,ref=${cache},mode=max,ignore-error=true`,
    workspace,
  ];
}

async function build(row: Row): Promise<number> {
  const { repository, workspace } = states.get(row)!;
  const started = performance.now();
  if (row === 'bare command') {
    const result = spawnSync('docker', ['buildx', 'build', ...buildArgs(repository, workspace)], {
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`the bare build failed: ${result.stderr.slice(-2000)}`);
    return (performance.now() - started) / 1000;
  }
  const trigger = pushEvent('main', REPOSITORY);
  const inputs: Record<string, string> =
    row === 'least action'
      ? { args: buildArgs(repository, workspace).join('\n') }
      : row === 'docker-fast-build'
        ? {
            driver: 'docker',
            image: repository,
            tags: `${repository}:bench`,
            network: 'host',
            comment: 'off',
          }
        : {
            context: workspace,
            tags: `${repository}:bench`,
            network: 'host',
            'cache-from': `type=registry,ref=${cacheRef(repository)}`,
            'cache-to': `type=registry,ref=${cacheRef(repository)},mode=max,ignore-error=true`,
          };
  const run = await runAction({
    ...(row === 'least action' && { actionDir: leastActionDir }),
    ...(row.startsWith('build-push-action') && { actionDir: bpaDir }),
    inputs,
    workspace,
    ...trigger,
    env: {
      ...stack.envFor(trigger),
      ...(row === 'build-push-action, no summary' && { DOCKER_BUILD_SUMMARY: 'false' }),
    },
  });
  if (run.exitCode !== 0 || run.postExitCode !== 0)
    throw new Error(`${row} failed:\n${run.log.slice(-3000)}`);
  return (performance.now() - started) / 1000;
}

const seconds = new Map<Row, number[]>(rows.map((row) => [row, []]));
try {
  // Each row's first build fills its layer cache; only the code changes after it are timed.
  for (const row of rows) {
    wipeBuilder();
    await build(row);
  }
  for (let run = 0; run < Number(options.runs); run++) {
    const order = [...rows.slice(run % rows.length), ...rows.slice(0, run % rows.length)];
    for (const row of order) {
      const { repository, workspace } = states.get(row)!;
      appendFileSync(path.join(workspace, 'src/app.py'), `print(${Date.now()})\n`);
      wipeBuilder();
      removeImages(repository);
      execFileSync('sync');
      seconds.get(row)!.push(await build(row));
    }
    process.stderr.write(
      `run ${run + 1}: ${rows.map((row) => `${row} ${seconds.get(row)!.at(-1)!.toFixed(2)} s`).join(', ')}\n`,
    );
  }
  const bare = median(seconds.get('bare command')!);
  console.log('| row | median | runs | − bare command |\n| --- | ---: | --- | ---: |');
  for (const row of rows) {
    const values = seconds.get(row)!;
    console.log(
      `| ${row} | ${median(values).toFixed(2)} s | ${values.map((v) => v.toFixed(2)).join(', ')} | ${(median(values) - bare).toFixed(2)} s |`,
    );
  }
} finally {
  await stack.close();
  removeRunners();
  for (const dir of [leastActionDir, ...[...states.values()].map((state) => state.workspace)])
    rmSync(dir, { recursive: true, force: true });
}
