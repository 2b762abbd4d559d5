// restore-cache: auto on the real stack, where restoring does not pay: three small wheels from a
// fast index save the install step next to nothing, while every restore + inject costs a helper
// build. After one restore has been measured, the next build skips it, and, as an entry for these
// lockfiles is kept already, does not save the same cache again.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { runAction } from '../../scripts/run-action.mjs';
import { removeImages, wipeBuilder } from '../../scripts/stack/docker-state.mjs';
import {
  assertStackRunning,
  copyProject,
  localEntriesDir,
  pushEvent,
  startWheelIndex,
  uniqueRepository,
} from './support/stack.js';

describe('restore-cache: auto where the dependency cache does not pay', () => {
  const image = uniqueRepository('e2e-policy');
  let workspace: string;
  let cacheDir: string;
  let index: Awaited<ReturnType<typeof startWheelIndex>>;

  const cacheEntries = () =>
    readdirSync(localEntriesDir(cacheDir)).filter((name) => name.startsWith('docker-fast-build-v2_'));

  beforeAll(async () => {
    assertStackRunning();
    workspace = copyProject('pip-small');
    cacheDir = mkdtempSync(path.join(tmpdir(), 'dfb-e2e-policy-'));
    // 1 MB wheels at 500 MB/s: the downloads take milliseconds.
    index = await startWheelIndex(workspace, 1, 500);
  });
  afterAll(async () => {
    await index?.close();
    removeImages(image);
    rmSync(workspace, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  /** A fresh runner: wiped builder; the install step runs every time (no layer cache). */
  async function freshRunner() {
    wipeBuilder();
    removeImages(image);
    index.resetCounts();
    const run = await runAction({
      inputs: {
        driver: 'docker',
        image,
        'layer-cache': 'none',
        'cache-backend': 'local',
        'cache-dir': cacheDir,
        network: 'host',
        comment: 'off',
      },
      workspace,
      ...pushEvent('main'),
    });
    expect(run.exitCode).toBe(0);
    expect(run.annotations.filter((a) => a.level === 'warning')).toEqual([]);
    return run;
  }

  it('a cold build, then a restore that is measured, then the restore is skipped and nothing saved twice', async () => {
    const cold = await freshRunner();
    expect(cold.outputs['dependency-cache']).toBe('miss');
    expect(cacheEntries()).toHaveLength(1);

    const restored = await freshRunner();
    expect(restored.outputs['dependency-cache']).toBe('exact');
    expect(index.totalDownloads()).toBe(0);
    expect(Number(restored.outputs['cache-inject-seconds'])).toBeGreaterThan(0);

    const skipped = await freshRunner();
    expect(skipped.outputs['dependency-cache']).toBe('miss');
    expect(skipped.log).toMatch(
      /Dependency cache for \/root\/\.cache\/pip not restored: restoring it took [\d.]+ s last time and saved its steps [\d.]+ s \(/,
    );
    expect(skipped.log).toMatch(
      /will not be saved: docker-fast-build-v2_\S+ holds these lockfiles' entry already/,
    );
    expect(skipped.outputs['cache-inject-seconds']).toBe('0.00');
    expect(skipped.outputs['cache-extract-seconds']).toBe('0.00');
    expect(skipped.outputs['cache-save-seconds']).toBe('0.00');
    // Built without the cache: pip downloaded what it needs, and the one entry stays the only one.
    expect(index.totalDownloads()).toBe(3);
    expect(cacheEntries()).toHaveLength(1);
    expect(skipped.summary).toContain('not needed: kept already');
  });
});
