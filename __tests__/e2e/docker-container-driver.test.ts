// `docker-container` for real — what `driver: auto` picks on an engine with the classic image store,
// as on hosted runners — with nothing else but the builder image and host network set, so the layer
// cache is the default `gha` and dependency caches go to the Actions cache service (the local stand-in). The builder image is the stack's stand-in for moby/buildkit
// (scripts/stack/buildkit-standin.sh: an engine's embedded BuildKit inside the container, not
// buildkitd). The action creates the builder, and its post step removes it, container and volume.
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';

import { buildxBuilders } from '../../scripts/harness/engine.js';
import { BUILDKIT_STANDIN } from '../../scripts/harness/registry.js';
import { expectSucceeded, logBuildSeconds } from './support/runs.js';
import { useStack } from './support/use-stack.js';

/** Containers (running or not) and volumes buildx made for a builder's nodes. */
function builderLeftovers(builder: string): string[] {
  const containers = execFileSync(
    'docker',
    ['ps', '--all', '--quiet', '--filter', `name=buildx_buildkit_${builder}`],
    { encoding: 'utf8' },
  );
  const volumes = execFileSync(
    'docker',
    ['volume', 'ls', '--quiet', '--filter', `name=buildx_buildkit_${builder}`],
    { encoding: 'utf8' },
  );
  return `${containers}${volumes}`.split('\n').filter(Boolean);
}

describe('driver: docker-container with only defaults for the caches', () => {
  const inputs = {
    // This engine has the containerd store, where auto would pick the docker driver.
    driver: 'docker-container',
    'driver-opts': `image=${BUILDKIT_STANDIN}\nnetwork=host`,
    network: 'host',
    comment: 'off',
  };
  const suite = useStack({
    workspace: { project: 'pip-small' },
    wheels: { payloadMB: 4 },
    cacheService: {},
    standinBuilder: true,
    untaggedImages: true,
  });
  const { workspace, wheels: index, cacheService: service } = suite;

  /** Each run is a fresh runner by itself: the action creates a new builder and removes it after. */
  async function freshRunner(extra: Record<string, string> = {}) {
    index.resetCounts();
    const run = await suite.run({ inputs: { ...inputs, ...extra } });
    expectSucceeded(run);
    const builder = run.state.builderToRemove;
    expect(builder).toMatch(/\S/);
    expect(run.log).toContain(`(docker-container driver)`);
    // The post step removed what the main step created.
    expect(await buildxBuilders()).not.toContain(builder);
    expect(builderLeftovers(builder!)).toEqual([]);
    return run;
  }
  const entries = (prefix: string) => service.entries().filter((e) => e.key.startsWith(prefix));

  it('cold: the builder boots, builds, writes the gha layer cache and the pip cache, measures', async () => {
    const run = await freshRunner();
    logBuildSeconds('docker-container driver (stand-in), gha layer cache, cold', run.outputs);
    expect(run.report?.layerCache.writeRef).toBe('buildcache-main');
    expect(run.report?.build.cachedSteps).toBe(0);
    expect(run.report?.dependencyCache.status).toBe('miss');
    expect(index.totalDownloads()).toBe(3);
    // BuildKit in the builder container wrote its layer cache through the service, under main's scope.
    expect(entries('index-buildcache-main-')).toEqual([
      expect.objectContaining({ scope: 'refs/heads/main' }),
    ]);
    expect(entries('buildkit-blob-').length).toBeGreaterThanOrEqual(3);
    expect(entries('docker-fast-build-v2_')).toHaveLength(1);
    // The pip cache came out of the builder's container by `docker cp`, not through buildx's pipe.
    expect(run.log).toContain(
      "::debug::Dependency cache for /root/.cache/pip: copied out of the builder's container.",
    );
    expect(run.log).not.toContain('not copied out of the builder');
    expect(Number(run.outputs.size)).toBeGreaterThan(100_000_000);
    // Measured while the builder still exported the layer cache, from a layout without index.json yet.
    expect(run.log).toContain('Measured the image from the OCI layout during the build: read all');
    expect(run.summary).toMatch(/\| Image size \| [\d.]+ MB \|/);
  });

  it('a code change in a new builder: the gha layer cache is imported, only the changed step runs', async () => {
    appendFileSync(path.join(workspace, 'src/app.py'), 'print("docker-container")\n');
    const run = await freshRunner();
    logBuildSeconds('docker-container driver (stand-in), gha layer cache, code change', run.outputs);
    expect(run.report?.build.cachedSteps).toBeGreaterThanOrEqual(run.report!.build.totalSteps - 1);
    expect(index.totalDownloads()).toBe(0);
  });

  it('without the layer cache the helper builds carry the pip cache into the new builder: exact', async () => {
    const run = await freshRunner({ 'layer-cache': 'none' });
    expect(run.report?.dependencyCache.status).toBe('exact');
    expect(run.report?.dependencyCache.seconds.inject).toBeGreaterThan(0);
    expect(index.totalDownloads()).toBe(0);
    expect(entries('docker-fast-build-v2_')).toHaveLength(1);
    expect(Number(run.outputs.size)).toBeGreaterThan(100_000_000);
  });
});
