// The default cache backend for real: @actions/cache inside the bundled action, talking to a local
// cache service (Twirp endpoint + azurite blobs), with faults injected into that service.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { pullRequestTargetEvent, pushEvent } from '../../scripts/harness/runner/events.js';
import { warningsOf } from './support/runs.js';
import { useStack } from './support/use-stack.js';

describe('dependency caches through the Actions cache service (gha backend)', () => {
  const suite = useStack({
    image: 'e2e-gha',
    workspace: { project: 'pip-small' },
    wheels: { payloadMB: 8, extra: ['delta-wheel==1.0.0', 'target-wheel==1.0.0'] },
    cacheService: { onDisk: true },
  });
  const { image, workspace, wheels: index, cacheService: service } = suite;

  /**
   * A fresh runner without the layer cache, so pip really runs and downloads show what the
   * dependency cache gave. The cache token is the trigger's: a push to main's, or (for
   * pull_request_target, which runs on the base branch) main's too.
   */
  async function freshRunner(inputs: Record<string, string> = {}, event = pushEvent('main')) {
    suite.freshRunner();
    return suite.run({
      inputs: { driver: 'docker', image, network: 'host', 'layer-cache': 'none', ...inputs },
      ...event,
    });
  }
  const dependencyEntries = () => service.entries().filter((e) => e.key.startsWith('docker-fast-build-v2_'));

  it('cold: miss, every wheel downloaded, the pip cache and the report saved to the service', async () => {
    const run = await freshRunner();
    expect(run.exitCode).toBe(0);
    expect(run.report?.dependencyCache.status).toBe('miss');
    expect(index.totalDownloads()).toBe(3);
    expect(dependencyEntries()).toHaveLength(1);
    expect(service.entries().some((e) => e.key.startsWith('docker-fast-build-report-v2_'))).toBe(true);
  });

  it('one requirement added: partial restore, exactly one download, saved as a delta', async () => {
    appendFileSync(path.join(workspace, 'requirements.txt'), 'delta-wheel==1.0.0\n');
    const run = await freshRunner();
    expect(run.exitCode).toBe(0);
    expect(run.report?.dependencyCache.status).toBe('partial');
    expect([...index.downloads.keys()]).toEqual(['delta_wheel-1.0.0-py3-none-any.whl']);
    expect(dependencyEntries()).toHaveLength(2);
    expect(run.log).toMatch(/saved only what this build added \(\d+ files?\), over docker-fast-build-v2_/);
  });

  it('unchanged lockfile: exact (the delta and its whole entry), nothing downloaded, nothing saved', async () => {
    const run = await freshRunner();
    expect(run.exitCode).toBe(0);
    expect(run.report?.dependencyCache.status).toBe('exact');
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
      expect(run.report?.dependencyCache.status).toBe('partial');
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
    expect(run.report?.dependencyCache.status).toBe('miss');
    expect(warningsOf(run).some((w) => w.startsWith('Failed to restore'))).toBe(true);
    expect(index.totalDownloads()).toBe(4);
    expect(dependencyEntries()).toHaveLength(3);
    const next = await freshRunner();
    expect(next.report?.dependencyCache.status).toBe('exact');
    expect(index.totalDownloads()).toBe(0);
  });

  it('a service that stops answering costs dependency-cache-timeout per call, a warning, and a green build', async () => {
    service.setFault('hang');
    const started = performance.now();
    const run = await freshRunner({ 'dependency-cache-timeout': '3' });
    service.setFault('none');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.imageid).toMatch(/^sha256:/);
    // @actions/cache cannot be stopped: the abandoned restore may still unpack into the mount's
    // directory, so that mount is not extracted or saved under this run's key.
    expect(warningsOf(run)).toContainEqual(
      expect.stringMatching(
        /could not be restored.*timed out after 3 s \(dependency-cache-timeout\)\. The abandoned restore may still write into its directory, so this mount is not saved this run/,
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
    expect(run.report?.dependencyCache.status).toBe('miss');
    expect(warningsOf(run).some((w) => w.includes('(500)'))).toBe(true);
    expect(index.totalDownloads()).toBe(4);
  });
});
