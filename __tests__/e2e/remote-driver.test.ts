// `driver: remote` for real: the engine's own BuildKit reached as tcp://127.0.0.1:PORT through
// scripts/stack/buildkit-proxy.mjs (no buildkitd can be installed here). The action creates a
// remote builder on that endpoint, builds, runs the dependency cache's helper builds on it, and
// its post step forgets the builder without touching the BuildKit behind it.
import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { removeImages, wipeBuilder } from '../../scripts/harness/engine.js';
import { registryTags } from '../../scripts/harness/registry.js';
import { runAction } from '../../scripts/harness/runner/run-action.js';
import { startBuildkitProxy } from '../../scripts/harness/services/buildkit-proxy.js';
import {
  assertStackRunning,
  buildxBuilders,
  copyProject,
  localEntriesDir,
  logBuildSeconds,
  pushEvent,
  startWheelIndex,
  uniqueRepository,
} from './support/stack.js';

type Proxy = Awaited<ReturnType<typeof startBuildkitProxy>>;
/** Asynchronous, as the proxy runs in this process: a synchronous call would starve it. */
const docker = async (...args: string[]) => (await promisify(execFile)('docker', args)).stdout;

describe('driver: remote on a BuildKit behind a TCP endpoint', () => {
  const image = uniqueRepository('e2e-remote');
  let workspace: string;
  let cacheDir: string;
  let index: Awaited<ReturnType<typeof startWheelIndex>>;
  let proxy: Proxy;
  let inputs: Record<string, string>;

  beforeAll(async () => {
    assertStackRunning();
    workspace = copyProject('pip-small');
    cacheDir = mkdtempSync(path.join(tmpdir(), 'dfb-e2e-remote-'));
    index = await startWheelIndex(workspace, 4);
    proxy = await startBuildkitProxy();
    inputs = {
      driver: 'remote',
      endpoint: proxy.endpoint,
      image,
      network: 'host',
      'cache-backend': 'local',
      'cache-dir': cacheDir,
      comment: 'off',
    };
  });
  afterAll(async () => {
    await index?.close();
    await proxy?.close();
    removeImages(image);
    rmSync(workspace, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  /**
   * A fresh runner whose remote BuildKit has lost its cache too (the worst case for a shared
   * BuildKit): the proxy's BuildKit is the engine's, so pruning the default builder wipes it.
   */
  async function freshRunner(extra: Record<string, string> = {}) {
    wipeBuilder();
    removeImages(image);
    index.resetCounts();
    const connectionsBefore = proxy.connections();
    const run = await runAction({ inputs: { ...inputs, ...extra }, workspace, ...pushEvent('main') });
    expect(run.exitCode).toBe(0);
    expect(run.postExitCode).toBe(0);
    // Every buildx call of the run went through the endpoint: none reached the BuildKit another way.
    expect(proxy.connections()).toBeGreaterThan(connectionsBefore);
    return run;
  }
  const dependencyEntries = () =>
    readdirSync(localEntriesDir(cacheDir)).filter((n) => n.startsWith('docker-fast-build-v2_'));

  it('cold push: image and layer cache pushed, the pip cache saved, the image measured', async () => {
    const run = await freshRunner({ tags: `${image}:latest`, push: 'true' });
    logBuildSeconds('remote driver, registry layer cache, cold', run.outputs);
    expect(await registryTags(image)).toEqual(['buildcache-main', 'latest']);
    expect(run.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(run.outputs['cached-steps']).toBe('0');
    expect(run.outputs['dependency-cache']).toBe('miss');
    expect(index.totalDownloads()).toBe(3);
    expect(dependencyEntries()).toHaveLength(1);
    expect(Number(run.outputs.size)).toBeGreaterThan(100_000_000);
    expect(Number(run.outputs['compressed-size'])).toBeGreaterThan(0);
    expect(run.summary).toMatch(/\| Image size \| [\d.]+ MB \|/);
    // Measured from the layout the build wrote, not loaded and saved from the engine. (Whether the
    // engine has the image says nothing here: this remote BuildKit is the engine's own.)
    expect(run.log).toContain('Measured the image from the OCI layout during the build: read all');
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
    expect(Number(run.outputs['cached-steps'])).toBeGreaterThanOrEqual(
      Number(run.outputs['total-steps']) - 1,
    );
    expect(index.totalDownloads()).toBe(0);
  });

  it('cache-backend: registry on a wiped remote BuildKit: the pip cache goes builder → registry → builder', async () => {
    const registryInputs = { 'layer-cache': 'none', 'cache-backend': 'registry' };
    const cold = await freshRunner(registryInputs);
    expect(cold.outputs['dependency-cache']).toBe('miss');
    expect(index.totalDownloads()).toBe(3);
    const tags = (await registryTags(image)).filter((tag: string) => tag.startsWith('depcache-'));
    expect(tags).toHaveLength(1);
    expect(cold.annotations.filter((a) => a.level === 'warning')).toEqual([]);

    const warm = await freshRunner(registryInputs);
    expect(warm.outputs['dependency-cache']).toBe('exact');
    expect(Number(warm.outputs['cache-inject-seconds'])).toBeGreaterThan(0);
    expect(index.totalDownloads()).toBe(0);
    expect(warm.log).toContain('Restore dependency caches (registry)');
  });

  it('without the layer cache the helper builds carry the pip cache into the remote BuildKit: exact', async () => {
    const run = await freshRunner({ 'layer-cache': 'none' });
    expect(run.outputs['dependency-cache']).toBe('exact');
    expect(Number(run.outputs['cache-inject-seconds'])).toBeGreaterThan(0);
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
    const run = await runAction({
      inputs: { ...inputs, 'layer-cache': 'none' },
      workspace,
      ...pushEvent('main'),
    });
    expect(run.exitCode).toBe(0);
    expect(run.log).toContain('not restored: the builder still holds it for these lockfiles');
    expect(run.outputs['dependency-cache']).toBe('exact');
    expect(run.outputs['cache-inject-seconds']).toBe('0.00');
    expect(run.summary).toContain('not needed: the builder holds it');
    expect(index.totalDownloads()).toBe(0);
  });
});
