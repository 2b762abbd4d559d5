// `builder-max-used-space` on a builder that outlives the job: a docker-container builder created
// here (on the stack's stand-in image) and named by the `builder` input, as a self-hosted runner
// keeps one. Its own builder, so pruning it cannot disturb the engine's cache other tests use.
import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { runAction } from '../../scripts/harness/runner/run-action.js';
import { totalBytesOf } from '../../src/buildx/storage.js';
import {
  assertStackRunning,
  BUILDKIT_STANDIN,
  buildxBuilders,
  copyProject,
  pushEvent,
  startWheelIndex,
} from './support/stack.js';

const docker = async (...args: string[]) => (await promisify(execFile)('docker', args)).stdout;

describe('builder-max-used-space on a builder that outlives the job', () => {
  const builder = `dfb-e2e-storage-${Date.now().toString(36)}`;
  let workspace: string;
  let cacheDir: string;
  let index: Awaited<ReturnType<typeof startWheelIndex>>;
  let inputs: Record<string, string>;
  const imageIds: string[] = [];

  /** What `docker buildx du` totals for the builder. */
  async function builderBytes(): Promise<number> {
    const total = totalBytesOf(await docker('buildx', 'du', '--builder', builder));
    if (total === undefined) throw new Error('docker buildx du printed no total');
    return total;
  }

  async function runOnBuilder(extra: Record<string, string> = {}) {
    index.resetCounts();
    const run = await runAction({ inputs: { ...inputs, ...extra }, workspace, ...pushEvent('main') });
    if (run.exitCode !== 0) console.log(run.log.slice(-4000));
    expect(run.exitCode).toBe(0);
    expect(run.postExitCode).toBe(0);
    if (run.outputs.imageid) imageIds.push(run.outputs.imageid);
    return run;
  }

  beforeAll(async () => {
    assertStackRunning();
    workspace = copyProject('pip-small');
    cacheDir = mkdtempSync(path.join(tmpdir(), 'dfb-e2e-storage-'));
    index = await startWheelIndex(workspace, 4);
    await docker(
      'buildx',
      'create',
      '--name',
      builder,
      '--driver',
      'docker-container',
      '--driver-opt',
      `image=${BUILDKIT_STANDIN}`,
      '--driver-opt',
      'network=host',
      '--bootstrap',
    );
    inputs = {
      builder,
      network: 'host',
      'layer-cache': 'none',
      'cache-backend': 'local',
      'cache-dir': cacheDir,
      comment: 'off',
    };
  });
  afterAll(async () => {
    await index?.close();
    await docker('buildx', 'rm', '--force', builder).catch(() => undefined);
    // Untagged images loaded into the engine (there is no `image` input).
    if (imageIds.length > 0) await docker('image', 'rm', '--force', ...new Set(imageIds)).catch(() => '');
    rmSync(workspace, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('unset: nothing is pruned and the output is empty', async () => {
    const run = await runOnBuilder();
    expect(run.outputs['dependency-cache']).toBe('miss');
    expect(index.totalDownloads()).toBe(3);
    expect(run.outputs['builder-storage']).toBe('');
    expect(run.log).not.toContain('Prune the builder');
    expect(await builderBytes()).toBeGreaterThan(50_000_000);
  });

  it('set: after the saves the builder is pruned to the limit and the summary says by how much', async () => {
    const before = await builderBytes();
    appendFileSync(path.join(workspace, 'src/app.py'), 'print("storage")\n');
    const run = await runOnBuilder({ 'builder-max-used-space': '1MB' });
    const used = Number(run.outputs['builder-storage']);
    expect(run.outputs['builder-storage']).toMatch(/^\d+$/);
    expect(used).toBeLessThan(before);
    // What the action reported is what the builder holds now.
    expect(await builderBytes()).toBe(used);
    expect(run.summary).toMatch(/- \*\*Builder storage\*\* [\d.]+ [kMG]?B after pruning [\d.]+ [kMG]?B in /);
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as {
      builderStorage: { reclaimedBytes: number; limitBytes: number };
    };
    expect(report.builderStorage.limitBytes).toBe(1e6);
    expect(report.builderStorage.reclaimedBytes).toBeGreaterThan(50_000_000);
    // The builder is the user's: still there after the post step.
    expect(await buildxBuilders()).toContain(builder);
  });

  it('the next run on the pruned builder gets the pip cache back from the saved archive: no downloads', async () => {
    const run = await runOnBuilder();
    expect(run.outputs['dependency-cache']).toBe('exact');
    expect(Number(run.outputs['cache-inject-seconds'])).toBeGreaterThan(0);
    expect(index.totalDownloads()).toBe(0);
  });
});
