// The action's bundled dist/ against the real engine, buildx and registry: no mocks.
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';

import { manifestDigest, registryTags } from '../../scripts/harness/registry.js';
import { pullRequestEvent, pushEvent } from '../../scripts/harness/runner/events.js';
import { errorsOf, warningsOf } from './support/runs.js';
import { useStack } from './support/use-stack.js';

describe('core build on the real stack', () => {
  const suite = useStack({
    image: 'e2e-core',
    workspace: { project: 'pip-small' },
    wheels: { payloadMB: 4 },
  });
  const { image, workspace, wheels: index, freshRunner } = suite;
  const baseInputs = { driver: 'docker', image, network: 'host', comment: 'off' };

  it('pushes the image and writes the branch cache ref with push: true', async () => {
    freshRunner();
    const run = await suite.run({
      inputs: { ...baseInputs, tags: `${image}:latest`, push: 'true' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.postExitCode).toBe(0);
    expect(await registryTags(image)).toEqual(['buildcache-main', 'latest']);
    expect(run.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await manifestDigest(image, 'latest')).toBe(run.outputs.digest);
    expect(run.outputs.imageid).toMatch(/^sha256:/);
    expect(JSON.parse(run.outputs.metadata ?? '{}')['containerimage.digest']).toBe(run.outputs.digest);
    expect(run.report?.build.totalSteps).toBe(4);
    expect(run.report?.build.cachedSteps).toBe(0);
    expect(Number(run.outputs['build-seconds'])).toBeGreaterThan(0);
    const overhead = run.report?.build.overheadSeconds;
    expect(overhead).toBeGreaterThan(0);
    expect(overhead).toBeLessThan(Number(run.outputs['build-seconds']) * 10);
    expect(run.summary).toMatch(/<summary>Cost: action overhead \d+\.\d s/);
    expect(index.totalDownloads()).toBe(3);
    expect(run.summary).toMatch(/\*\*[\d.]+ MB\*\* · built in [\d.]+ s · 0\/4 steps cached/);
    expect(run.summary).toMatch(/\| Cached steps \| 0 \/ 4 \|/);
  });

  it("driver auto picks the engine's own BuildKit on an engine with the containerd store, and says why", async () => {
    freshRunner();
    const run = await suite.run({
      inputs: { image, network: 'host', comment: 'off', tags: `${image}:auto` },
      ...pushEvent('auto-driver'),
    });
    expect(run.exitCode).toBe(0);
    expect(run.log).toContain(
      "driver auto: docker — the engine's own BuildKit, as the engine keeps images in containerd",
    );
    expect(run.log).toContain('Builder default (docker driver)');
    // The docker driver keeps the image in the engine, as it always has, beside the layout it measures.
    expect(
      execFileSync('docker', ['image', 'inspect', '--format', '{{.Id}}', `${image}:auto`]).toString(),
    ).toMatch(/sha256:/);
    expect(Number(run.outputs.size)).toBeGreaterThan(0);
  });

  it('imports the branch cache on a wiped builder: only the changed step runs', async () => {
    appendFileSync(path.join(workspace, 'src/app.py'), 'print("second push")\n');
    freshRunner();
    const run = await suite.run({
      inputs: { ...baseInputs, push: 'false' },
    });
    expect(run.exitCode).toBe(0);
    const total = run.report!.build.totalSteps;
    expect(run.report?.build.cachedSteps).toBeGreaterThanOrEqual(total - 1);
    expect(run.outputs['cache-hit-ratio']).toBe('0.75');
    expect(index.totalDownloads()).toBe(0);
  });

  it('a pull request without a cache of its own falls back to main and writes only its own ref', async () => {
    const mainCacheBefore = await manifestDigest(image, 'buildcache-main');
    expect(mainCacheBefore).toBeDefined();
    appendFileSync(path.join(workspace, 'src/app.py'), 'print("pull request")\n');
    freshRunner();
    const run = await suite.run({
      inputs: { ...baseInputs, push: 'false' },
      ...pullRequestEvent(12, 'feature/X_1'),
    });
    expect(run.exitCode).toBe(0);
    expect(run.report?.layerCache.readRefs).toEqual([
      `${image}:buildcache-feature-x_1`,
      `${image}:buildcache-main`,
    ]);
    expect(run.report?.layerCache.writeRef).toBe(`${image}:buildcache-feature-x_1`);
    expect(run.report?.build.cachedSteps).toBeGreaterThanOrEqual(run.report!.build.totalSteps - 1);
    expect(await registryTags(image)).toContain('buildcache-feature-x_1');
    expect(await manifestDigest(image, 'buildcache-main')).toBe(mainCacheBefore);
  });

  it("a pull request from a fork's main branch never writes the default branch's ref", async () => {
    const mainCacheBefore = await manifestDigest(image, 'buildcache-main');
    appendFileSync(path.join(workspace, 'src/app.py'), 'print("fork")\n');
    freshRunner();
    const run = await suite.run({
      inputs: { ...baseInputs, push: 'false' },
      ...pullRequestEvent(9, 'main'),
    });
    expect(run.exitCode).toBe(0);
    expect(run.report?.layerCache.writeRef).toBe(`${image}:buildcache_pr-9`);
    expect(await registryTags(image)).toContain('buildcache_pr-9');
    expect(await manifestDigest(image, 'buildcache-main')).toBe(mainCacheBefore);
    expect(run.report?.build.cachedSteps).toBeGreaterThanOrEqual(run.report!.build.totalSteps - 1);
  });

  it('a dead cache registry still gives a green build, with a warning naming the ref', async () => {
    freshRunner();
    const deadRepository = '127.0.0.1:5999/app-cache';
    const run = await suite.run({
      inputs: { ...baseInputs, image: '', 'layer-cache-repository': deadRepository, push: 'false' },
    });
    expect(run.exitCode).toBe(0);
    const warnings = warningsOf(run);
    expect(warnings.some((w) => w.includes(`${deadRepository}:buildcache-main could not be read`))).toBe(
      true,
    );
    expect(warnings.some((w) => w.includes(`${deadRepository}:buildcache-main could not be written`))).toBe(
      true,
    );
    expect(run.outputs.imageid).toMatch(/^sha256:/);
  });

  it('bad input fails before any build starts, naming the input', async () => {
    index.resetCounts();
    const run = await suite.run({
      inputs: { ...baseInputs, driver: 'potato' },
    });
    expect(run.exitCode).toBe(1);
    const errors = errorsOf(run);
    expect(errors).toEqual([
      "Input 'driver': expected one of auto, docker-container, docker, remote, kubernetes; got 'potato'",
    ]);
    expect(index.totalDownloads()).toBe(0);
    expect(run.outputs.imageid).toBeUndefined();
  });

  it('a failing RUN step fails the job with the step named', async () => {
    appendFileSync(path.join(workspace, 'Dockerfile'), 'RUN exit 3\n');
    const run = await suite.run({
      inputs: { ...baseInputs, push: 'false' },
    });
    expect(run.exitCode).toBe(1);
    const errors = errorsOf(run);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^The build failed: .*RUN exit 3/);
  });
});
