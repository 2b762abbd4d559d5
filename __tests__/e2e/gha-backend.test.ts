// The default cache backend for real: @actions/cache inside the bundled action, talking to a local
// cache service (Twirp endpoint + azurite blobs), with faults injected into that service.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { removeImages, wipeBuilder } from '../../scripts/harness/engine.js';
import { runAction } from '../../scripts/harness/runner/run-action.js';
import { startCacheService } from '../../scripts/harness/services/cache-service.js';
import {
  assertStackRunning,
  copyProject,
  pullRequestTargetEvent,
  pushEvent,
  startWheelIndex,
  uniqueRepository,
} from './support/stack.js';

type CacheService = Awaited<ReturnType<typeof startCacheService>>;

describe('dependency caches through the Actions cache service (gha backend)', () => {
  const image = uniqueRepository('e2e-gha');
  let workspace: string;
  let dataDir: string;
  let index: Awaited<ReturnType<typeof startWheelIndex>>;
  let service: CacheService;

  beforeAll(async () => {
    assertStackRunning();
    workspace = copyProject('pip-small');
    dataDir = mkdtempSync(path.join(tmpdir(), 'dfb-e2e-gha-'));
    index = await startWheelIndex(workspace, 8, undefined, ['delta-wheel==1.0.0', 'target-wheel==1.0.0']);
    service = await startCacheService({ dataDir });
  });
  afterAll(async () => {
    await index?.close();
    await service?.close();
    removeImages(image);
    rmSync(workspace, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A fresh runner without the layer cache, so pip really runs and downloads show what the dependency cache gave. */
  async function freshRunner(inputs: Record<string, string> = {}, event = pushEvent('main')) {
    wipeBuilder();
    removeImages(image);
    index.resetCounts();
    return runAction({
      inputs: { driver: 'docker', image, network: 'host', 'layer-cache': 'none', ...inputs },
      workspace,
      ...event,
      env: service.env,
    });
  }
  const dependencyEntries = () => service.entries().filter((e) => e.key.startsWith('docker-fast-build-v2_'));
  const warningsOf = (run: Awaited<ReturnType<typeof runAction>>) =>
    run.annotations.filter((a) => a.level === 'warning').map((a) => a.message);

  it('cold: miss, every wheel downloaded, the pip cache and the report saved to the service', async () => {
    const run = await freshRunner();
    expect(run.exitCode).toBe(0);
    expect(run.outputs['dependency-cache']).toBe('miss');
    expect(index.totalDownloads()).toBe(3);
    expect(dependencyEntries()).toHaveLength(1);
    expect(service.entries().some((e) => e.key.startsWith('docker-fast-build-report-v2_'))).toBe(true);
  });

  it('one requirement added: partial restore, exactly one download, saved as a delta', async () => {
    appendFileSync(path.join(workspace, 'requirements.txt'), 'delta-wheel==1.0.0\n');
    const run = await freshRunner();
    expect(run.exitCode).toBe(0);
    expect(run.outputs['dependency-cache']).toBe('partial');
    expect([...index.downloads.keys()]).toEqual(['delta_wheel-1.0.0-py3-none-any.whl']);
    expect(dependencyEntries()).toHaveLength(2);
    expect(run.log).toMatch(/saved only what this build added \(\d+ files?\), over docker-fast-build-v2_/);
  });

  it('unchanged lockfile: exact (the delta and its whole entry), nothing downloaded, nothing saved', async () => {
    const run = await freshRunner();
    expect(run.exitCode).toBe(0);
    expect(run.outputs['dependency-cache']).toBe('exact');
    // The exact entry is a delta: without the whole entry it names, pip would download three wheels.
    expect(run.summary).toContain('(an entry and the delta over it)');
    expect(index.totalDownloads()).toBe(0);
    expect(dependencyEntries()).toHaveLength(2);
  });

  it('pull_request_target restores but saves nothing: the service would file it under the base branch', async () => {
    const requirements = path.join(workspace, 'requirements.txt');
    const before = readFileSync(requirements, 'utf8');
    const entriesBefore = service.entries().length;
    appendFileSync(requirements, 'target-wheel==1.0.0\n');
    try {
      const run = await freshRunner({}, pullRequestTargetEvent(21, 'main'));
      expect(run.exitCode).toBe(0);
      expect(run.outputs['dependency-cache']).toBe('partial');
      expect([...index.downloads.keys()]).toEqual(['target_wheel-1.0.0-py3-none-any.whl']);
      expect(run.log).toContain('Caches are restored but not saved: a pull_request_target run');
      expect(service.entries()).toHaveLength(entriesBefore);
    } finally {
      writeFileSync(requirements, before);
    }
  });

  it('a truncated download: warning, green build, and a new entry the next run restores', async () => {
    service.setFault('truncate-download');
    const run = await freshRunner();
    service.setFault('none');
    expect(run.exitCode).toBe(0);
    expect(run.outputs['dependency-cache']).toBe('miss');
    expect(warningsOf(run).some((w) => w.startsWith('Failed to restore'))).toBe(true);
    expect(index.totalDownloads()).toBe(4);
    expect(dependencyEntries()).toHaveLength(3);
    const next = await freshRunner();
    expect(next.outputs['dependency-cache']).toBe('exact');
    expect(index.totalDownloads()).toBe(0);
  });

  it('a service that stops answering costs cache-timeout per call, a warning, and a green build', async () => {
    service.setFault('hang');
    const started = performance.now();
    const run = await freshRunner({ 'cache-timeout': '3' });
    service.setFault('none');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.imageid).toMatch(/^sha256:/);
    // @actions/cache cannot be stopped: the abandoned restore may still unpack into the mount's
    // directory, so that mount is not extracted or saved under this run's key.
    expect(warningsOf(run)).toContainEqual(
      expect.stringMatching(
        /could not be restored.*timed out after 3 s \(cache-timeout\)\. The abandoned restore may still write into its directory, so this mount is not saved this run/,
      ),
    );
    expect(warningsOf(run).some((w) => /^Dependency cache for .* could not be saved/.test(w))).toBe(false);
    // Restore, save and the two report calls, each bounded: far below a hung job.
    expect((performance.now() - started) / 1000).toBeLessThan(90);
  });

  it('a service answering 500: retried by @actions/cache, then a warning and a green build', async () => {
    service.setFault('http-500');
    const run = await freshRunner();
    service.setFault('none');
    expect(run.exitCode).toBe(0);
    expect(run.outputs['dependency-cache']).toBe('miss');
    expect(warningsOf(run).some((w) => w.includes('(500)'))).toBe(true);
    expect(index.totalDownloads()).toBe(4);
  });
});
