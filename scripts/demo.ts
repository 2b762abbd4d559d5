// npm run demo: the action's bundled dist/ on __tests__/fixtures/projects/pip-app, as a runner would run it:
// 1. a cold build on main; 2. a pull request with a code change; 3. the same pull request adding a
// dependency — each on a wiped builder, as on a fresh runner. Only the registry and the action's
// caches survive between runs. The pull request comment goes to a local stand-in for GitHub's API.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { removeImages, wipeBuilder } from './harness/engine.js';
import { copyProject } from './harness/fixtures/projects.js';
import { MB, makeDemoWheels, makeWheel } from './harness/fixtures/wheels.js';
import { uniqueRepository } from './harness/registry.js';
import { pullRequestEvent, pushEvent, type Trigger } from './harness/runner/events.js';
import { removeRunners, runAction, type ActionRun } from './harness/runner/run-action.js';
import { startStack } from './harness/stack.js';

const quiet = process.argv.includes('--quiet');
const image = uniqueRepository('dfb-demo');
const workspace = copyProject('pip-app', mkdtempSync(path.join(tmpdir(), 'dfb-pip-app-')));
const cacheDir = mkdtempSync(path.join(tmpdir(), 'dfb-demo-cache-'));

const wheelDir = await makeDemoWheels();
await makeWheel(wheelDir, { name: 'extraish', version: '1.0.0', payloadBytes: 25 * MB });
const stack = await startStack({ wheels: { dir: wheelDir }, githubApi: {} });
const inputs = {
  driver: 'docker',
  image,
  tags: `${image}:latest`,
  push: 'true',
  network: 'host',
  'dependency-cache-backend': 'local',
  'local-cache-dir': cacheDir,
};
const repository = { full_name: 'example/pip-app', default_branch: 'main' };
const pullRequest = pullRequestEvent(7, 'feature/Faster_Start', 'main', [], repository);

async function freshRunner(
  title: string,
  change: (() => void) | undefined,
  trigger: Trigger,
): Promise<{ run: ActionRun; downloads: number }> {
  console.log(`\n=== ${title} ===`);
  change?.();
  wipeBuilder();
  removeImages(image);
  stack.wheels.resetCounts();
  const run = await runAction({
    inputs,
    workspace,
    ...trigger,
    echo: !quiet,
    githubToken: 'demo-token',
    env: { ...stack.envFor(trigger), GITHUB_WORKFLOW: 'demo' },
  });
  if (run.exitCode !== 0) throw new Error(`${title}: the action failed`);
  return { run, downloads: stack.wheels.totalDownloads() };
}

try {
  const cold = await freshRunner(
    '1. cold build on main: empty builder, no cache anywhere',
    undefined,
    pushEvent('main', repository),
  );
  const code = await freshRunner(
    '2. pull request with a code change, on a fresh runner',
    () => appendFileSync(path.join(workspace, 'src/app.py'), 'print("changed by the pull request")\n'),
    pullRequest,
  );
  const dependency = await freshRunner(
    '3. the pull request adds a dependency, on a fresh runner',
    () => appendFileSync(path.join(workspace, 'requirements.txt'), 'extraish==1.0.0\n'),
    pullRequest,
  );

  console.log('\n=== What the demo measured ===');
  console.log('run                          wall build  cached  dependency cache  wheel downloads');
  for (const [name, { run, downloads }] of [
    ['cold (main)', cold],
    ['code change (PR)', code],
    ['one dependency added (PR)', dependency],
  ] as const) {
    const { build, dependencyCache } = run.report!;
    console.log(
      `${name.padEnd(27)} ${(run.outputs['build-seconds'] ?? '').padStart(6)} s  ${`${build.cachedSteps}/${build.totalSteps}`.padStart(5)}   ${dependencyCache.status.padEnd(16)} ${String(downloads).padStart(3)}`,
    );
  }
  const { dependencyCache, size } = dependency.run.report!;
  const phase = (name: 'restore' | 'inject' | 'extract' | 'save') =>
    `${name} ${dependencyCache.seconds[name].toFixed(2)} s`;
  console.log(
    `\nDependency cache phases of run 3: ${(['restore', 'inject', 'extract', 'save'] as const).map(phase).join(', ')}`,
  );
  if (size)
    console.log(
      `Image: ${size.bytes / 1e6} MB on disk, ${size.compressedBytes / 1e6} MB compressed, ${size.wastedBytes} bytes wasted.`,
    );
  console.log(
    'Wheel index: 127.0.0.1 with a simulated network of 30 MB/s. Report JSON:',
    dependency.run.outputs.report,
  );
  const comments = stack.githubApi.comments(7);
  const comment = comments.find((c) => c.body.includes('docker-fast-build:comment'));
  console.log(`\n=== The pull request comment (one, updated in place: ${comments.length} comment) ===\n`);
  console.log(comment?.body ?? '(none)');
} finally {
  await stack.close();
  removeImages(image);
  rmSync(workspace, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
  removeRunners();
}
