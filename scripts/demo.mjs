// npm run demo: the action's bundled dist/ on __tests__/fixtures/projects/pip-app, as a runner would run it:
// 1. a cold build on main; 2. a pull request with a code change; 3. the same pull request adding a
// dependency — each on a wiped builder, as on a fresh runner. Only the registry and the action's
// caches survive between runs. The pull request comment goes to a local stand-in for GitHub's API.
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ACTION_DIR, runAction } from './run-action.mjs';
import { removeImages, wipeBuilder } from './stack/docker-state.mjs';
import { makeDemoWheels } from './stack/fixtures.mjs';
import { startGitHubApi } from './stack/github-api.mjs';
import { makeWheel, serveWheels } from './stack/wheels.mjs';

const quiet = process.argv.includes('--quiet');
const image = `127.0.0.1:5000/dfb-demo-${Date.now().toString(36)}`;
const workspace = mkdtempSync(path.join(tmpdir(), 'dfb-demo-'));
const cacheDir = mkdtempSync(path.join(tmpdir(), 'dfb-demo-cache-'));
cpSync(path.join(ACTION_DIR, '__tests__/fixtures/projects/pip-app'), workspace, { recursive: true });

const wheelDir = await makeDemoWheels();
await makeWheel(wheelDir, { name: 'extraish', version: '1.0.0', payloadBytes: 25 * 1024 * 1024 });
const index = await serveWheels(wheelDir);
const github = await startGitHubApi();
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
const pullRequest = {
  name: 'pull_request',
  payload: {
    repository,
    pull_request: {
      number: 7,
      head: { ref: 'feature/Faster_Start', repo: repository },
      base: { ref: 'main' },
    },
  },
};

async function freshRunner(title, change, event, ref) {
  console.log(`\n=== ${title} ===`);
  change?.();
  wipeBuilder();
  removeImages(image);
  index.resetCounts();
  const run = await runAction({
    inputs,
    workspace,
    event,
    ref,
    echo: !quiet,
    githubToken: 'demo-token',
    env: { GITHUB_API_URL: github.url, GITHUB_WORKFLOW: 'demo' },
  });
  if (run.exitCode !== 0) throw new Error(`${title}: the action failed`);
  return { run, downloads: index.totalDownloads() };
}

try {
  const cold = await freshRunner(
    '1. cold build on main: empty builder, no cache anywhere',
    undefined,
    { name: 'push', payload: { repository } },
    'refs/heads/main',
  );
  const code = await freshRunner(
    '2. pull request with a code change, on a fresh runner',
    () => appendFileSync(path.join(workspace, 'src/app.py'), 'print("changed by the pull request")\n'),
    pullRequest,
    'refs/pull/7/merge',
  );
  const dependency = await freshRunner(
    '3. the pull request adds a dependency, on a fresh runner',
    () => appendFileSync(path.join(workspace, 'requirements.txt'), 'extraish==1.0.0\n'),
    pullRequest,
    'refs/pull/7/merge',
  );

  console.log('\n=== What the demo measured ===');
  console.log('run                          wall build  cached  dependency cache  wheel downloads');
  for (const [name, { run, downloads }] of [
    ['cold (main)', cold],
    ['code change (PR)', code],
    ['one dependency added (PR)', dependency],
  ]) {
    const { build, dependencyCache } = run.report;
    console.log(
      `${name.padEnd(27)} ${run.outputs['build-seconds'].padStart(6)} s  ${`${build.cachedSteps}/${build.totalSteps}`.padStart(5)}   ${dependencyCache.status.padEnd(16)} ${String(downloads).padStart(3)}`,
    );
  }
  const { dependencyCache, size } = dependency.run.report;
  const phase = (name) => `${name} ${dependencyCache.seconds[name].toFixed(2)} s`;
  console.log(
    `\nDependency cache phases of run 3: ${['restore', 'inject', 'extract', 'save'].map(phase).join(', ')}`,
  );
  console.log(
    `Image: ${size.bytes / 1e6} MB on disk, ${size.compressedBytes / 1e6} MB compressed, ${size.wastedBytes} bytes wasted.`,
  );
  console.log(
    'Wheel index: 127.0.0.1 with a simulated network of 30 MB/s. Report JSON:',
    dependency.run.outputs.report,
  );
  const comment = github.comments(7).find((c) => c.body.includes('docker-fast-build:comment'));
  console.log(
    `\n=== The pull request comment (one, updated in place: ${github.comments(7).length} comment) ===\n`,
  );
  console.log(comment?.body ?? '(none)');
} finally {
  await index.close();
  await github.close();
  removeImages(image);
  rmSync(workspace, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
}
