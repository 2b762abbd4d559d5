// The registry that holds the layer cache fails, or is shared by builds running at once.
import { appendFileSync } from 'node:fs';
import path from 'node:path';

import { wipeBuilder } from '../../scripts/harness/engine.js';
import { copyProject } from '../../scripts/harness/fixtures/projects.js';
import { manifestDigest, registryTags } from '../../scripts/harness/registry.js';
import { pushEvent } from '../../scripts/harness/runner/events.js';
import { startFlakyRegistryProxy } from '../../scripts/harness/services/faulty-registries.js';
import { localEntries } from './support/local-backend.js';
import { warningsOf } from './support/runs.js';
import { useStack } from './support/use-stack.js';

describe('layer cache registry faults', () => {
  const suite = useStack({ workspace: { project: 'pip-small' }, wheels: { payloadMB: 4 } });

  it('a registry that dies during the cache export leaves a green build and a warning naming the ref', async () => {
    const proxy = await startFlakyRegistryProxy({ killAfterUploadBytes: 256 * 1024 });
    const cacheRepository = `${proxy.host}/dying-cache`;
    wipeBuilder();
    try {
      const run = await suite.run({
        inputs: {
          driver: 'docker',
          'layer-cache-repository': cacheRepository,
          network: 'host',
          comment: 'off',
        },
      });
      expect(proxy.killed()).toBe(true);
      expect(run.exitCode).toBe(0);
      const warnings = warningsOf(run);
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
    const image = suite.repository('e2e-concurrent');
    const second = copyProject('pip-small', suite.tempDir('dfb-e2e-concurrent-workspace-'));
    appendFileSync(path.join(second, 'src/app.py'), 'print("branch b")\n');
    // One cache directory for both runners, as on a host with two runner services.
    const cacheDir = suite.tempDir('dfb-e2e-concurrent-');
    const inputs = {
      driver: 'docker',
      image,
      network: 'host',
      comment: 'off',
      'dependency-cache-backend': 'local',
      'local-cache-dir': cacheDir,
    };
    wipeBuilder();
    const [a, b] = await Promise.all([
      suite.run({ inputs, ...pushEvent('feature/a'), runner: 'runner-a' }),
      suite.run({ inputs, workspace: second, ...pushEvent('feature/b'), runner: 'runner-b' }),
    ]);
    expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
    // Each job's cache mount passed through its own runner's directory: neither removed the other's.
    for (const run of [a, b]) {
      expect(run.annotations.filter((x) => x.level === 'warning')).toEqual([]);
      expect(run.report?.dependencyCache.status).toBe('miss');
    }
    for (const branch of ['feature/a', 'feature/b'])
      expect(localEntries(cacheDir, { scope: `refs/heads/${branch}` })).toHaveLength(1);
    expect(await registryTags(image)).toEqual(['buildcache-feature-a', 'buildcache-feature-b']);
    const [refA, refB] = [
      await manifestDigest(image, 'buildcache-feature-a'),
      await manifestDigest(image, 'buildcache-feature-b'),
    ];
    expect(refA).toMatch(/^sha256:/);
    expect(refB).toMatch(/^sha256:/);
    // Different sources, so different caches: neither build overwrote the other's ref.
    expect(refA).not.toBe(refB);
  });
});
