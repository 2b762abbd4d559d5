// npm run demo: the action's bundled dist/ on examples/pip-app, as a runner would run it, twice:
// a cold build on main, then a pull request with a code change on a wiped builder.
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ACTION_DIR, runAction } from './run-action.mjs';
import { removeImages, wipeBuilder } from './stack/docker-state.mjs';
import { makeDemoWheels } from './stack/fixtures.mjs';
import { serveWheels } from './stack/wheels.mjs';

const quiet = process.argv.includes('--quiet');
const image = `127.0.0.1:5000/dfb-demo-${Date.now().toString(36)}`;
const workspace = mkdtempSync(path.join(tmpdir(), 'dfb-demo-'));
cpSync(path.join(ACTION_DIR, 'examples/pip-app'), workspace, { recursive: true });

const wheelDir = await makeDemoWheels();
const index = await serveWheels(wheelDir);
const inputs = {
  driver: 'docker',
  image,
  tags: `${image}:latest`,
  push: 'true',
  network: 'host',
  comment: 'off',
};
const repository = { full_name: 'example/pip-app', default_branch: 'main' };

function step(title) {
  console.log(`\n=== ${title} ===`);
}

try {
  step('1. cold build on main: empty builder, no cache anywhere');
  wipeBuilder();
  const cold = await runAction({
    inputs,
    workspace,
    event: { name: 'push', payload: { repository } },
    ref: 'refs/heads/main',
    echo: !quiet,
  });
  const coldDownloads = index.totalDownloads();
  if (cold.exitCode !== 0) throw new Error('the cold build failed');

  step('2. pull request with a code change, on a wiped builder (a fresh runner)');
  appendFileSync(path.join(workspace, 'src/app.py'), 'print("changed by the pull request")\n');
  wipeBuilder();
  removeImages(image);
  index.resetCounts();
  const warm = await runAction({
    inputs,
    workspace,
    event: {
      name: 'pull_request',
      payload: {
        repository,
        pull_request: {
          number: 7,
          head: { ref: 'feature/Faster_Start', repo: repository },
          base: { ref: 'main' },
        },
      },
    },
    ref: 'refs/pull/7/merge',
    echo: !quiet,
  });
  if (warm.exitCode !== 0) throw new Error('the pull request build failed');

  step('What the demo measured');
  const row = (name, run, downloads) =>
    `${name.padEnd(28)} ${run.outputs['build-seconds'].padStart(8)} s   ${`${run.outputs['cached-steps']}/${run.outputs['total-steps']}`.padStart(5)} cached   ${String(downloads).padStart(3)} wheel downloads`;
  console.log(row('cold (main)', cold, coldDownloads));
  console.log(row('code change (PR, wiped)', warm, index.totalDownloads()));
  console.log(
    `\nPR build read the layer cache from:\n  ${warm.outputs['layer-cache-from'].split('\n').join('\n  ')}`,
  );
  console.log(`and wrote: ${warm.outputs['layer-cache-to']}`);
  console.log(`Wheel index: 127.0.0.1, simulated network at 30 MB/s.`);
  console.log(`\nJob summary of the PR build:\n\n${warm.summary}`);
} finally {
  await index.close();
  rmSync(workspace, { recursive: true, force: true });
}
