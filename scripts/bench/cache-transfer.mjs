// How long carrying one cache mount costs per 100 MB, on a wiped builder, for each dependency cache
// backend: restore + inject before the build (an exact hit), extract + save after it (a miss).
// Usage (on the stack, under the e2e lock): node scripts/bench/cache-transfer.mjs [--runs 3] [--wheels 12] [--wheel-mb 25]
//   [--backends local,registry]
// Wheels are random bytes (incompressible, as downloaded wheels mostly are), served at 200 MB/s.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { ACTION_DIR, runAction } from '../run-action.mjs';
import { removeImages, wipeBuilder } from '../stack/docker-state.mjs';
import { STACK_HOME } from '../stack/fixtures.mjs';
import { makeWheel, serveWheels } from '../stack/wheels.mjs';

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    wheels: { type: 'string', default: '12' },
    'wheel-mb': { type: 'string', default: '25' },
    backends: { type: 'string', default: 'local,registry' },
  },
});
const runs = Number(options.runs);
const wheelMB = Number(options['wheel-mb']);
const backends = options.backends.split(',');

const wheelDir = path.join(STACK_HOME, `wheels-${wheelMB}mb`);
const requirements = Array.from({ length: Number(options.wheels) }, (_, i) => ({
  name: `heavy-${String(i + 1).padStart(2, '0')}`,
  version: '1.0.0',
}));
for (const wheel of requirements)
  await makeWheel(wheelDir, { ...wheel, payloadBytes: wheelMB * 1024 * 1024 });
const index = await serveWheels(wheelDir, { rateMBps: 200 });

function workspaceWithRequirements() {
  const workspace = mkdtempSync(path.join(tmpdir(), 'dfb-bench-transfer-'));
  cpSync(path.join(ACTION_DIR, '__tests__/fixtures/projects/pip-heavy'), workspace, { recursive: true });
  cpSync(path.join(workspace, 'requirements.txt'), path.join(workspace, 'requirements.orig'));
  return workspace;
}

const seconds = (report, phases) =>
  phases.reduce((sum, phase) => sum + report.dependencyCache.seconds[phase], 0);

const results = Object.fromEntries(backends.map((b) => [b, { save: [], restore: [] }]));
try {
  for (let run = 1; run <= runs; run++) {
    for (const backend of backends) {
      const workspace = workspaceWithRequirements();
      const cacheDir = mkdtempSync(path.join(tmpdir(), 'dfb-bench-cache-'));
      const image = `127.0.0.1:5000/bench-transfer-${Date.now().toString(36)}`;
      const inputs = {
        driver: 'docker',
        image,
        network: 'host',
        comment: 'off',
        advice: 'false',
        'layer-cache': 'none',
        'restore-cache': 'true',
        'dependency-cache-backend': backend,
        ...(backend === 'local' ? { 'local-cache-dir': cacheDir } : {}),
      };
      try {
        const builds = [];
        for (const phase of ['save', 'restore']) {
          wipeBuilder();
          removeImages(image);
          const result = await runAction({ inputs, workspace });
          if (result.exitCode !== 0)
            throw new Error(`${backend} ${phase} build failed:\n${result.log.slice(-2000)}`);
          // The runner's temp directory (and the report in it) is emptied by the next job.
          builds.push({ report: result.report, mount: result.report.dependencyCache.mounts[0] });
        }
        const [cold, warm] = builds;
        const [saved, restored] = [cold.mount, warm.mount];
        const [coldStatus, warmStatus] = [
          cold.report.dependencyCache.status,
          warm.report.dependencyCache.status,
        ];
        if (coldStatus !== 'miss' || warmStatus !== 'exact')
          throw new Error(`${backend}: expected a miss then an exact hit, got ${coldStatus}, ${warmStatus}`);
        const row = {
          run,
          backend,
          savedMB: saved.savedBytes / 1e6,
          extractSave: seconds(cold.report, ['extract', 'save']),
          restoredMB: restored.restoredBytes / 1e6,
          restoreInject: seconds(warm.report, ['restore', 'inject']),
        };
        results[backend].save.push((row.extractSave / row.savedMB) * 100);
        results[backend].restore.push((row.restoreInject / row.restoredMB) * 100);
        console.log(JSON.stringify(row));
      } finally {
        removeImages(image);
        rmSync(workspace, { recursive: true, force: true });
        rmSync(cacheDir, { recursive: true, force: true });
      }
    }
  }
} finally {
  await index.close();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(
  `\nSeconds per 100 MB, median of ${runs} runs, wiped builder, ${requirements.length} × ${wheelMB} MiB wheels:`,
);
console.log('| backend | restore + inject | extract + save |');
console.log('| --- | --- | --- |');
for (const backend of backends) {
  const { restore, save } = results[backend];
  console.log(`| ${backend} | ${median(restore).toFixed(2)} | ${median(save).toFixed(2)} |`);
}
