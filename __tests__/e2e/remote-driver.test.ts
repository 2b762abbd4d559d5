// `driver: remote` for real: the engine's own BuildKit reached as tcp://127.0.0.1:PORT through
// scripts/harness/services/buildkit-proxy.ts (no buildkitd can be installed here). The action creates a
// remote builder on that endpoint, builds, runs the dependency cache's helper builds on it, and
// its post step forgets the builder without touching the BuildKit behind it.
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { buildxBuilders, docker, removeImages } from '../../scripts/harness/engine.js';
import { registryTags } from '../../scripts/harness/registry.js';
import { localEntries } from './support/local-backend.js';
import { logBuildSeconds } from './support/runs.js';
import { useStack } from './support/use-stack.js';

describe('driver: remote on a BuildKit behind a TCP endpoint', () => {
  const suite = useStack({
    image: 'e2e-remote',
    workspace: { project: 'pip-small' },
    cacheDir: true,
    wheels: { payloadMB: 4 },
    buildkitProxy: true,
  });
  const { image, workspace, cacheDir, wheels: index, buildkitProxy: proxy } = suite;
  let inputs: Record<string, string>;

  beforeAll(() => {
    inputs = {
      driver: 'remote',
      endpoint: proxy.endpoint,
      image,
      network: 'host',
      'dependency-cache-backend': 'local',
      'local-cache-dir': cacheDir,
      comment: 'off',
    };
  });

  /**
   * A fresh runner whose remote BuildKit has lost its cache too (the worst case for a shared
   * BuildKit): the proxy's BuildKit is the engine's, so pruning the default builder wipes it.
   */
  async function freshRunner(extra: Record<string, string> = {}) {
    suite.freshRunner();
    const connectionsBefore = proxy.connections();
    const run = await suite.run({ inputs: { ...inputs, ...extra } });
    expect(run.exitCode).toBe(0);
    expect(run.postExitCode).toBe(0);
    // Every buildx call of the run went through the endpoint: none reached the BuildKit another way.
    expect(proxy.connections()).toBeGreaterThan(connectionsBefore);
    return run;
  }
  const dependencyEntries = () => localEntries(cacheDir);

  it('cold push: image and layer cache pushed, the pip cache saved, the image measured', async () => {
    const run = await freshRunner({ tags: `${image}:latest`, push: 'true' });
    logBuildSeconds('remote driver, registry layer cache, cold', run.outputs);
    expect(await registryTags(image)).toEqual(['buildcache-main', 'latest']);
    expect(run.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(run.report?.build.cachedSteps).toBe(0);
    expect(run.report?.dependencyCache.status).toBe('miss');
    expect(index.totalDownloads()).toBe(3);
    expect(dependencyEntries()).toHaveLength(1);
    expect(Number(run.outputs.size)).toBeGreaterThan(100_000_000);
    expect(run.report?.size?.compressedBytes).toBeGreaterThan(0);
    expect(run.summary).toMatch(/\| Image size \| [\d.]+ MB \|/);
    // A pushed image is measured from its manifest, config and layers read back from the registry:
    // no layout over the builder's connection, nothing loaded and saved from the engine. (Whether the
    // engine has the image says nothing here: this remote BuildKit is the engine's own.)
    expect(run.log).toMatch(
      /Measured the image from what was pushed to \S+ \(its manifest, config and layers\): read all/,
    );
    expect(run.log).not.toContain('docker save');
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as {
      size: { wastedBytes: number; layers: unknown[] };
    };
    expect(report.size.layers.length).toBeGreaterThan(1);
    expect(report.size.wastedBytes).toBeGreaterThanOrEqual(0);
  });

  it('a code change on a wiped BuildKit imports the layer cache: only the changed step runs', async () => {
    appendFileSync(path.join(workspace, 'src/app.py'), 'print("remote")\n');
    const run = await freshRunner();
    logBuildSeconds('remote driver, registry layer cache, code change', run.outputs);
    expect(run.report?.build.cachedSteps).toBeGreaterThanOrEqual(run.report!.build.totalSteps - 1);
    expect(index.totalDownloads()).toBe(0);
  });

  it('dependency-cache-backend: registry on a wiped remote BuildKit: the pip cache goes builder → registry → builder', async () => {
    const registryInputs = { 'layer-cache': 'none', 'dependency-cache-backend': 'registry' };
    const cold = await freshRunner(registryInputs);
    expect(cold.report?.dependencyCache.status).toBe('miss');
    expect(index.totalDownloads()).toBe(3);
    const tags = (await registryTags(image)).filter((tag: string) => tag.startsWith('depcache-'));
    expect(tags).toHaveLength(1);
    expect(cold.annotations.filter((a) => a.level === 'warning')).toEqual([]);

    const warm = await freshRunner(registryInputs);
    expect(warm.report?.dependencyCache.status).toBe('exact');
    expect(warm.report?.dependencyCache.seconds.inject).toBeGreaterThan(0);
    expect(index.totalDownloads()).toBe(0);
    expect(warm.log).toContain('Restore dependency caches (registry)');
  });

  it('without the layer cache the helper builds carry the pip cache into the remote BuildKit: exact', async () => {
    const run = await freshRunner({ 'layer-cache': 'none' });
    expect(run.report?.dependencyCache.status).toBe('exact');
    expect(run.report?.dependencyCache.seconds.inject).toBeGreaterThan(0);
    // pip found every wheel in the injected cache mount.
    expect(index.totalDownloads()).toBe(0);
    expect(Number(run.outputs.size)).toBeGreaterThan(100_000_000);

    // The post step forgot the builder but left the BuildKit behind it, and the mount, alone.
    const created = run.state.builderToRemove;
    expect(created).toBeTruthy();
    expect(await buildxBuilders()).not.toContain(created);
    const probe = `dfb-e2e-remote-probe-${Date.now().toString(36)}`;
    await docker('buildx', 'create', '--name', probe, '--driver', 'remote', proxy.endpoint);
    try {
      await docker('buildx', 'inspect', '--bootstrap', '--builder', probe);
      const records = (await docker('buildx', 'du', '--builder', probe, '--format', 'json'))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { Type: string });
      // The run began on a wiped BuildKit: the cache mount it holds is the one this run injected.
      expect(records.some((r) => r.Type === 'exec.cachemount')).toBe(true);
    } finally {
      await docker('buildx', 'rm', probe);
    }
  });

  it('a warm remote BuildKit that still holds the pip cache: nothing restored, nothing downloaded', async () => {
    // No wipe: the BuildKit keeps the mount the last run injected, and its mark.
    removeImages(image);
    index.resetCounts();
    const run = await suite.run({
      inputs: { ...inputs, 'layer-cache': 'none' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.log).toContain('not restored: the builder still holds it for these lockfiles');
    expect(run.report?.dependencyCache.status).toBe('exact');
    expect(run.report?.dependencyCache.seconds.inject).toBeCloseTo(0, 2);
    expect(run.summary).toContain('not needed: the builder holds it');
    expect(index.totalDownloads()).toBe(0);
  });
});
