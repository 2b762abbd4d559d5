// The default layer cache for real: without `image` the layer cache is BuildKit's own `type=gha`,
// which BuildKit writes and reads itself through the Actions cache service (the local stand-in:
// Twirp endpoint + azurite), with a runtime token scoped like GitHub's. The docker driver, so that
// only the layer cache is new here; the dependency cache is off, so every hit is the layer cache's.
import { appendFileSync } from 'node:fs';
import path from 'node:path';

import { pullRequestEvent, pushEvent, type Trigger } from '../../scripts/harness/runner/events.js';
import { logBuildSeconds, warningsOf } from './support/runs.js';
import { useStack } from './support/use-stack.js';

describe('layer-cache: gha (the default without image) through BuildKit and the cache service', () => {
  const inputs = { driver: 'docker', network: 'host', 'dependency-cache': 'off', comment: 'off' };
  const suite = useStack({
    workspace: { project: 'pip-small' },
    wheels: { payloadMB: 4, extra: ['pr-wheel==1.0.0'] },
    cacheService: {},
  });
  const { workspace, wheels: index, cacheService: service } = suite;

  /** A fresh runner: BuildKit's cache is gone; only the cache service remains. */
  async function freshRunner(event: Trigger) {
    suite.freshRunner();
    const run = await suite.run({ inputs, ...event });
    expect(run.exitCode).toBe(0);
    // ignore-error hides a failed import or export from the exit code: a warning is the only sign.
    const warnings = warningsOf(run);
    expect(warnings.filter((w) => /could not be (read|written)/.test(w))).toEqual([]);
    return run;
  }
  const indexes = (scope: string) =>
    service.entries().filter((e) => e.key.startsWith('index-') && e.scope === scope);
  const steps = (run: Awaited<ReturnType<typeof freshRunner>>) => ({
    cached: run.report!.build.cachedSteps,
    total: run.report!.build.totalSteps,
  });

  it("a cold push to main writes the layer cache's blobs and index under main's scope", async () => {
    const run = await freshRunner(pushEvent('main'));
    logBuildSeconds('docker driver, gha layer cache, cold', run.outputs);
    expect(run.report?.layerCache.readRefs).toEqual(['buildcache-main']);
    expect(run.report?.layerCache.writeRef).toBe('buildcache-main');
    expect(run.report?.build.cachedSteps).toBe(0);
    expect(index.totalDownloads()).toBe(3);
    expect(indexes('refs/heads/main').map((e) => e.key)).toEqual([
      expect.stringMatching(/^index-buildcache-main-/),
    ]);
    const blobs = service.entries().filter((e) => e.key.startsWith('buildkit-blob-'));
    // mode=max: the layers of every step, base image included.
    expect(blobs.length).toBeGreaterThanOrEqual(4);
    expect(blobs.reduce((sum, e) => sum + e.sizeBytes, 0)).toBeGreaterThan(10_000_000);
  });

  it('a code change on a wiped builder imports it: only the changed step runs', async () => {
    appendFileSync(path.join(workspace, 'src/app.py'), 'print("gha")\n');
    const run = await freshRunner(pushEvent('main'));
    logBuildSeconds('docker driver, gha layer cache, code change', run.outputs);
    const { cached, total } = steps(run);
    expect(cached).toBeGreaterThanOrEqual(total - 1);
    expect(index.totalDownloads()).toBe(0);
  });

  it("a pull request reads its base branch's scope, then its own, and writes only its own", async () => {
    const mainIndexes = indexes('refs/heads/main').length;
    const pr = pullRequestEvent(21, 'feature/gha');
    // A new requirement: only the steps before COPY requirements.txt can come from main's cache.
    appendFileSync(path.join(workspace, 'requirements.txt'), 'pr-wheel==1.0.0\n');
    const first = await freshRunner(pr);
    expect(first.report?.layerCache.readRefs).toEqual(['buildcache-feature-gha', 'buildcache-main']);
    expect(first.report?.layerCache.writeRef).toBe('buildcache-feature-gha');
    // Nothing of the pull request's own yet, so the cached WORKDIR came from main's scope.
    expect(steps(first).cached).toBeGreaterThanOrEqual(1);
    expect(index.totalDownloads()).toBe(4);
    expect(indexes('refs/pull/21/merge').map((e) => e.key)).toEqual([
      expect.stringMatching(/^index-buildcache-feature-gha-/),
    ]);
    expect(indexes('refs/heads/main')).toHaveLength(mainIndexes);

    // The install step with the new requirement exists only in the pull request's own scope.
    appendFileSync(path.join(workspace, 'src/app.py'), 'print("gha pr")\n');
    const second = await freshRunner(pr);
    logBuildSeconds('docker driver, gha layer cache, pull request code change', second.outputs);
    const { cached, total } = steps(second);
    expect(cached).toBeGreaterThanOrEqual(total - 1);
    expect(index.totalDownloads()).toBe(0);
    expect(indexes('refs/heads/main')).toHaveLength(mainIndexes);
  });
});
