// The registry that holds the layer cache fails, or is shared by builds running at once.
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { removeImages, wipeBuilder } from '../../scripts/harness/engine.js';
import { registryTags } from '../../scripts/harness/registry.js';
import { runAction } from '../../scripts/harness/runner/run-action.js';
import { startFlakyRegistryProxy } from '../../scripts/harness/services/faulty-registries.js';
import {
  assertStackRunning,
  copyProject,
  localEntriesDir,
  manifestDigest,
  pushEvent,
  startWheelIndex,
  uniqueRepository,
} from './support/stack.js';

type WheelIndex = Awaited<ReturnType<typeof startWheelIndex>>;

describe('layer cache registry faults', () => {
  let workspace: string;
  let index: WheelIndex;
  beforeAll(async () => {
    assertStackRunning();
    workspace = copyProject('pip-small');
    index = await startWheelIndex(workspace, 4);
  });
  afterAll(async () => {
    await index?.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('a registry that dies during the cache export leaves a green build and a warning naming the ref', async () => {
    const proxy = await startFlakyRegistryProxy({ killAfterUploadBytes: 256 * 1024 });
    const cacheRepository = `${proxy.host}/dying-cache`;
    wipeBuilder();
    try {
      const run = await runAction({
        inputs: { driver: 'docker', 'cache-ref': cacheRepository, network: 'host', comment: 'off' },
        workspace,
        ...pushEvent('main'),
      });
      expect(proxy.killed()).toBe(true);
      expect(run.exitCode).toBe(0);
      const warnings = run.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
      expect(
        warnings.some((w) =>
          w.startsWith(`Layer cache ${cacheRepository}:buildcache-main could not be written`),
        ),
      ).toBe(true);
      expect(run.outputs.imageid).toMatch(/^sha256:/);
    } finally {
      await proxy.close();
    }
  });

  it('two branches building at once on one host each write only their own cache ref and entries', async () => {
    const image = uniqueRepository('e2e-concurrent');
    const second = copyProject('pip-small');
    appendFileSync(path.join(second, 'src/app.py'), 'print("branch b")\n');
    // One cache directory for both runners, as on a host with two runner services.
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'dfb-e2e-concurrent-'));
    const inputs = {
      driver: 'docker',
      image,
      network: 'host',
      comment: 'off',
      'cache-backend': 'local',
      'cache-dir': cacheDir,
    };
    wipeBuilder();
    try {
      const [a, b] = await Promise.all([
        runAction({ inputs, workspace, ...pushEvent('feature/a'), runner: 'runner-a' }),
        runAction({ inputs, workspace: second, ...pushEvent('feature/b'), runner: 'runner-b' }),
      ]);
      expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
      // Each job's cache mount passed through its own runner's directory: neither removed the other's.
      for (const run of [a, b]) {
        expect(run.annotations.filter((x) => x.level === 'warning')).toEqual([]);
        expect(run.outputs['dependency-cache']).toBe('miss');
      }
      for (const branch of ['feature/a', 'feature/b'])
        expect(
          readdirSync(localEntriesDir(cacheDir, `refs/heads/${branch}`)).filter((n) =>
            n.startsWith('docker-fast-build-v2_'),
          ),
        ).toHaveLength(1);
      expect(await registryTags(image)).toEqual(['buildcache-feature-a', 'buildcache-feature-b']);
      const [refA, refB] = [
        await manifestDigest(image, 'buildcache-feature-a'),
        await manifestDigest(image, 'buildcache-feature-b'),
      ];
      expect(refA).toMatch(/^sha256:/);
      expect(refB).toMatch(/^sha256:/);
      // Different sources, so different caches: neither build overwrote the other's ref.
      expect(refA).not.toBe(refB);
    } finally {
      removeImages(image);
      rmSync(second, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
