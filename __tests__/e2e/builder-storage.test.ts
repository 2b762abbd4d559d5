// `builder-max-used-space` on a builder that outlives the job: a docker-container builder created
// here (on the stack's stand-in image) and named by the `builder` input, as a self-hosted runner
// keeps one. Its own builder, so pruning it cannot disturb the engine's cache other tests use.
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { buildxBuilders, docker } from '../../scripts/harness/engine.js';
import { BUILDKIT_STANDIN } from '../../scripts/harness/registry.js';
import { totalBytesOf } from '../../src/buildx/storage.js';
import { expectSucceeded } from './support/runs.js';
import { useStack } from './support/use-stack.js';

describe('builder-max-used-space on a builder that outlives the job', () => {
  const builder = `dfb-e2e-storage-${Date.now().toString(36)}`;
  const suite = useStack({
    workspace: { project: 'pip-small' },
    cacheDir: true,
    wheels: { payloadMB: 4 },
    standinBuilder: true,
    untaggedImages: true,
  });
  const { workspace, cacheDir, wheels: index } = suite;
  let inputs: Record<string, string>;

  /** What `docker buildx du` totals for the builder. */
  async function builderBytes(): Promise<number> {
    const total = totalBytesOf(await docker('buildx', 'du', '--builder', builder));
    if (total === undefined) throw new Error('docker buildx du printed no total');
    return total;
  }

  async function runOnBuilder(extra: Record<string, string> = {}) {
    index.resetCounts();
    const run = await suite.run({ inputs: { ...inputs, ...extra } });
    expectSucceeded(run);
    return run;
  }

  beforeAll(async () => {
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
      'dependency-cache-backend': 'local',
      'local-cache-dir': cacheDir,
      comment: 'off',
    };
  });
  afterAll(async () => {
    await docker('buildx', 'rm', '--force', builder).catch(() => undefined);
  });

  it('unset: nothing is pruned and the output is empty', async () => {
    const run = await runOnBuilder();
    expect(run.report?.dependencyCache.status).toBe('miss');
    expect(index.totalDownloads()).toBe(3);
    expect(run.report?.builderStorage).toBeUndefined();
    expect(run.log).not.toContain('Prune the builder');
    expect(await builderBytes()).toBeGreaterThan(50_000_000);
  });

  it('set: after the saves the builder is pruned to the limit and the summary says by how much', async () => {
    const before = await builderBytes();
    appendFileSync(path.join(workspace, 'src/app.py'), 'print("storage")\n');
    const run = await runOnBuilder({ 'builder-max-used-space': '1MB' });
    const used = run.report?.builderStorage?.usedBytes;
    expect(Number.isSafeInteger(used)).toBe(true);
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
    expect(run.report?.dependencyCache.status).toBe('exact');
    expect(run.report?.dependencyCache.seconds.inject).toBeGreaterThan(0);
    expect(index.totalDownloads()).toBe(0);
  });
});
