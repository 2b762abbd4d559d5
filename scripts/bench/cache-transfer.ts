// How long carrying one cache mount costs per 100 MB, on a wiped builder, for each dependency cache
// backend: restore + inject before the build (an exact hit), extract + save after it (a miss).
// Usage (on the stack, under the e2e lock): npx tsx scripts/bench/cache-transfer.ts [--runs 3] [--wheels 12] [--wheel-mb 25]
//   [--backends local,registry]
// Wheels are random bytes (incompressible, as downloaded wheels mostly are), served at 200 MB/s.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import type { BuildReport } from '../../src/report/model.js';
import { removeImages, wipeBuilder } from '../harness/engine.js';
import { copyProject } from '../harness/fixtures/projects.js';
import { MB, makeWheel, sizedWheelDir } from '../harness/fixtures/wheels.js';
import { uniqueRepository } from '../harness/registry.js';
import { removeRunners, runAction } from '../harness/runner/run-action.js';
import { startStack } from '../harness/stack.js';

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

const wheelDir = sizedWheelDir(wheelMB);
const requirements = Array.from({ length: Number(options.wheels) }, (_, i) => ({
  name: `heavy-${String(i + 1).padStart(2, '0')}`,
  version: '1.0.0',
}));
for (const wheel of requirements) await makeWheel(wheelDir, { ...wheel, payloadBytes: wheelMB * MB });
const stack = await startStack({ wheels: { dir: wheelDir, rateMBps: 200 } });

function workspaceWithRequirements(): string {
  const workspace = copyProject('pip-heavy', mkdtempSync(path.join(tmpdir(), 'dfb-bench-transfer-')));
  cpSync(path.join(workspace, 'requirements.txt'), path.join(workspace, 'requirements.orig'));
  return workspace;
}

const seconds = (report: BuildReport, phases: ('restore' | 'inject' | 'extract' | 'save')[]) =>
  phases.reduce((sum, phase) => sum + report.dependencyCache.seconds[phase], 0);

interface MountOutcome {
  savedBytes: number;
  restoredBytes: number;
}

const results: Record<string, { save: number[]; restore: number[] }> = Object.fromEntries(
  backends.map((b) => [b, { save: [], restore: [] }]),
);
try {
  for (let run = 1; run <= runs; run++) {
    for (const backend of backends) {
      const workspace = workspaceWithRequirements();
      const cacheDir = mkdtempSync(path.join(tmpdir(), 'dfb-bench-cache-'));
      const image = uniqueRepository('bench-transfer');
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
        const builds: { report: BuildReport; mount: MountOutcome }[] = [];
        for (const phase of ['save', 'restore']) {
          wipeBuilder();
          removeImages(image);
          const result = await runAction({ inputs, workspace });
          if (result.exitCode !== 0)
            throw new Error(`${backend} ${phase} build failed:\n${result.log.slice(-2000)}`);
          // The runner's temp directory (and the report in it) is emptied by the next job.
          if (!result.report?.dependencyCache.mounts[0])
            throw new Error(`${backend} ${phase} build kept no mount`);
          builds.push({ report: result.report, mount: result.report.dependencyCache.mounts[0] });
        }
        const [cold, warm] = builds as [(typeof builds)[0], (typeof builds)[0]];
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
        results[backend]!.save.push((row.extractSave / row.savedMB) * 100);
        results[backend]!.restore.push((row.restoreInject / row.restoredMB) * 100);
        console.log(JSON.stringify(row));
      } finally {
        removeImages(image);
        rmSync(workspace, { recursive: true, force: true });
        rmSync(cacheDir, { recursive: true, force: true });
      }
    }
  }
} finally {
  await stack.close();
  removeRunners();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(
  `\nSeconds per 100 MB, median of ${runs} runs, wiped builder, ${requirements.length} × ${wheelMB} MiB wheels:`,
);
console.log('| backend | restore + inject | extract + save |');
console.log('| --- | --- | --- |');
for (const backend of backends) {
  const { restore, save } = results[backend]!;
  console.log(`| ${backend} | ${median(restore).toFixed(2)} | ${median(save).toFixed(2)} |`);
}
