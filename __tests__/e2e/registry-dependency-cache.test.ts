// dependency-cache-backend: registry on the real stack: each cache mount is an image beside the layer cache,
// pulled into and pushed out of BuildKit by helper builds; real pip, a 30 MB/s wheel index.
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';

import { wipeBuilder } from '../../scripts/harness/engine.js';
import { manifestDigest, REGISTRY, registryTags } from '../../scripts/harness/registry.js';
import { pullRequestEvent, pushEvent } from '../../scripts/harness/runner/events.js';
import {
  startFlakyRegistryProxy,
  startSilentRegistry,
} from '../../scripts/harness/services/faulty-registries.js';
import { warningsOf } from './support/runs.js';
import { useStack } from './support/use-stack.js';

interface CacheManifest {
  layers: { size: number }[];
  annotations?: Record<string, string>;
}

async function cacheManifest(repository: string, tag: string): Promise<CacheManifest> {
  const name = repository.replace(`${REGISTRY}/`, '');
  const response = await fetch(`http://${REGISTRY}/v2/${name}/manifests/${tag}`, {
    headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
  });
  expect(response.ok).toBe(true);
  return (await response.json()) as CacheManifest;
}

async function cacheTags(repository: string): Promise<string[]> {
  return (await registryTags(repository)).filter((tag) => tag.startsWith('depcache-'));
}

const layerBytes = (manifest: CacheManifest) => manifest.layers.reduce((sum, l) => sum + l.size, 0);

describe('dependency-cache-backend: registry with 300 MB of wheels behind a 30 MB/s index', () => {
  const suite = useStack({
    image: 'e2e-regdeps',
    workspace: { project: 'pip-heavy' },
    wheels: { payloadMB: 25, rateMBps: 30, extra: ['heavy-extra==1.0.0', 'heavy-pr==1.0.0'] },
  });
  const { image, workspace, wheels: index } = suite;
  // The cache (about 300 MB) is far over dependency-cache-max-size: the registry holds it whole all the same.
  const inputs = {
    driver: 'docker',
    image,
    network: 'host',
    comment: 'off',
    'dependency-cache-backend': 'registry',
    'dependency-cache-max-size': '100MB',
  };

  async function freshRunnerBuild(event = pushEvent('main'), extraInputs: Record<string, string> = {}) {
    suite.freshRunner();
    const run = await suite.run({ inputs: { ...inputs, ...extraInputs }, ...event });
    expect(run.exitCode).toBe(0);
    expect(run.annotations.filter((a) => a.level === 'warning')).toEqual([]);
    return run;
  }

  let mainTag: string;

  it('a cold build misses, downloads every wheel and pushes the whole pip cache as one image', async () => {
    const run = await freshRunnerBuild();
    expect(run.report?.dependencyCache.status).toBe('miss');
    expect(index.totalDownloads()).toBe(12);
    const tags = await cacheTags(image);
    expect(tags).toHaveLength(1);
    mainTag = tags[0]!;
    expect(mainTag).toMatch(/-heads-main-[0-9a-f]{10}$/);
    const manifest = await cacheManifest(image, mainTag);
    expect(manifest.layers).toHaveLength(1);
    expect(layerBytes(manifest)).toBeGreaterThan(250_000_000);
    expect(manifest.annotations?.['org.docker-fast-build.cache-key']).toMatch(/^docker-fast-build-v2_/);
    expect(run.report?.dependencyCache.seconds.save).toBeGreaterThan(0);
    // Pushed only: the engine (docker driver) keeps no copy of the cache image.
    const engineImages = spawnSync('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', image], {
      encoding: 'utf8',
    }).stdout;
    expect(engineImages.split('\n').filter((line) => line.includes(':depcache-'))).toEqual([]);
  });

  it('after adding one requirement on a wiped builder, exactly one wheel is downloaded and only it is pushed', async () => {
    const before = await manifestDigest(image, mainTag);
    appendFileSync(path.join(workspace, 'requirements.txt'), 'heavy-extra==1.0.0\n');
    const run = await freshRunnerBuild();
    expect(run.report?.dependencyCache.status).toBe('partial');
    expect([...index.downloads.keys()]).toEqual(['heavy_extra-1.0.0-py3-none-any.whl']);
    expect(run.report?.dependencyCache.seconds.inject).toBeGreaterThan(0);
    expect(run.log).toContain('pushed only what this build added, as a layer over docker-fast-build-v2_');
    // The same tag moved forward: one layer more, of about one wheel.
    expect(await cacheTags(image)).toEqual([mainTag]);
    expect(await manifestDigest(image, mainTag)).not.toBe(before);
    const manifest = await cacheManifest(image, mainTag);
    expect(manifest.layers).toHaveLength(2);
    expect(manifest.layers[1]!.size).toBeGreaterThan(20_000_000);
    expect(manifest.layers[1]!.size).toBeLessThan(40_000_000);
  });

  it('an unchanged lockfile restores exactly (base and delta layers) and pushes nothing', async () => {
    const before = await manifestDigest(image, mainTag);
    const run = await freshRunnerBuild(pushEvent('main'), { 'layer-cache': 'none' });
    expect(run.report?.dependencyCache.status).toBe('exact');
    expect(index.totalDownloads()).toBe(0);
    expect(run.report?.dependencyCache.seconds.save).toBeCloseTo(0, 2);
    expect(await manifestDigest(image, mainTag)).toBe(before);
  });

  it('a pull request’s save goes to its own tag, and the default branch never restores it', async () => {
    const mainBefore = await manifestDigest(image, mainTag);
    appendFileSync(path.join(workspace, 'requirements.txt'), 'heavy-pr==1.0.0\n');
    const pr = await freshRunnerBuild(pullRequestEvent(41, 'feature/more'));
    expect(pr.report?.dependencyCache.status).toBe('partial');
    expect([...index.downloads.keys()]).toEqual(['heavy_pr-1.0.0-py3-none-any.whl']);
    const tags = await cacheTags(image);
    expect(tags).toHaveLength(2);
    const prTag = tags.find((tag) => tag !== mainTag)!;
    expect(prTag).toMatch(/-pull-41-merge-[0-9a-f]{10}$/);
    expect(await manifestDigest(image, mainTag)).toBe(mainBefore);

    // The same lockfile on main: the pull request's exact entry is not main's to read.
    const main = await freshRunnerBuild(pushEvent('main'), { 'layer-cache': 'none' });
    expect(main.report?.dependencyCache.status).toBe('partial');
    expect([...index.downloads.keys()]).toEqual(['heavy_pr-1.0.0-py3-none-any.whl']);
  });
});

describe('dependency-cache-backend: registry faults', () => {
  const suite = useStack({ workspace: { project: 'pip-small' }, wheels: { payloadMB: 4 } });

  /** A fresh runner whose dependency caches live in `cacheRef` (and nothing else does); its warnings. */
  async function runAgainst(cacheRef: string, extra: Record<string, string> = {}) {
    wipeBuilder();
    const run = await suite.run({
      inputs: {
        driver: 'docker',
        'layer-cache-repository': cacheRef,
        'layer-cache': 'none',
        'dependency-cache-backend': 'registry',
        network: 'host',
        comment: 'off',
        ...extra,
      },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.imageid).toMatch(/^sha256:/);
    const warnings = warningsOf(run);
    return { run, warnings };
  }

  it('a registry that dies while the cache image is pushed is a warning and a green build', async () => {
    // The lookups before the build are a few small reads; the push of the cache layer kills it.
    const proxy = await startFlakyRegistryProxy({ killAfterUploadBytes: 1024 * 1024 });
    try {
      const { run, warnings } = await runAgainst(`${proxy.host}/dying-deps`);
      expect(proxy.killed()).toBe(true);
      expect(run.report?.dependencyCache.status).toBe('miss');
      expect(warnings).toEqual([
        expect.stringMatching(
          /^Dependency cache for \/root\/\.cache\/pip could not be saved; the next build may be slower: save of cache mount/,
        ),
      ]);
    } finally {
      await proxy.close();
    }
  });

  it('a registry that never answers costs dependency-cache-timeout per phase, a warning each, and a green build', async () => {
    const silent = await startSilentRegistry();
    try {
      const { run, warnings } = await runAgainst(`${silent.host}/silent-deps`, {
        'dependency-cache-timeout': '5',
      });
      expect(warnings).toEqual([
        expect.stringMatching(
          /could not be restored; building without it: registry lookup timed out after 5 s \(dependency-cache-timeout\)$/,
        ),
        expect.stringMatching(
          /could not be saved; .*save to the registry timed out after 5 s \(dependency-cache-timeout\)$/,
        ),
      ]);
      expect(run.report?.dependencyCache.status).toBe('miss');
      // The buildx commands behind the timed-out calls were stopped, not left waiting.
      const left = spawnSync('pgrep', ['-f', silent.host], { encoding: 'utf8' }).stdout.trim();
      expect(left).toBe('');
    } finally {
      await silent.close();
    }
  });

  it('a registry that is gone before the build is a warning, and the build goes on without the cache', async () => {
    const proxy = await startFlakyRegistryProxy();
    await proxy.close();
    const { warnings } = await runAgainst(`${proxy.host}/gone-deps`);
    expect(warnings[0]).toMatch(
      /^Dependency cache for \/root\/\.cache\/pip could not be restored; building without it: could not read /,
    );
    expect(warnings[1]).toMatch(/could not be saved/);
  });
});
