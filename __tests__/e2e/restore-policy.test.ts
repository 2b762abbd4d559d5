// restore-cache: auto on the real stack where restoring does not pay: a step that fills its cache
// mount with 300 MB in about a second, far less than restoring and injecting 300 MB costs. The build
// after the cold one skips the restore for cost, and, as the cold build's entry holds these same
// lockfiles, neither extracts nor saves the mount again.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { localEntries } from './support/local-backend.js';
import { expectSucceeded, localCacheInputs, warningsOf } from './support/runs.js';
import { useStack } from './support/use-stack.js';

describe('restore-cache: auto where the dependency cache does not pay', () => {
  const suite = useStack({ image: 'e2e-policy', workspace: { project: 'pip-small' }, cacheDir: true });
  const { image, workspace, cacheDir } = suite;

  beforeAll(async () => {
    writeFileSync(
      path.join(workspace, 'Dockerfile'),
      [
        'FROM 127.0.0.1:5000/python:3.11-slim',
        'COPY requirements.txt .',
        'RUN --mount=type=cache,target=/var/cache/blobs \\',
        '    head -c 300000000 /dev/urandom > /var/cache/blobs/data',
        '',
      ].join('\n'),
    );
  });

  const cacheEntries = () => localEntries(cacheDir);

  /** A fresh runner: wiped builder; the install step runs every time (no layer cache). */
  async function freshRunner() {
    suite.freshRunner();
    const run = await suite.run({
      inputs: { ...localCacheInputs(image, cacheDir), 'layer-cache': 'none', comment: 'off' },
    });
    expectSucceeded(run);
    expect(warningsOf(run)).toEqual([]);
    return run;
  }

  it('the cold build saves; the next skips the restore for cost and does not save the same cache again', async () => {
    const cold = await freshRunner();
    expect(cold.report?.dependencyCache.status).toBe('miss');
    expect(cacheEntries()).toHaveLength(1);

    const skipped = await freshRunner();
    expect(skipped.report?.dependencyCache.status).toBe('miss');
    expect(skipped.log).toMatch(
      /Dependency cache for \/var\/cache\/blobs not restored: restoring its \d+ MB takes about [\d.]+ s, more than the [\d.]+ s its steps took without it\./,
    );
    expect(skipped.log).toMatch(
      /will not be saved: docker-fast-build-v2_\S+ holds these lockfiles' entry already/,
    );
    expect(skipped.report?.dependencyCache.seconds.inject).toBeCloseTo(0, 2);
    expect(skipped.report?.dependencyCache.seconds.extract).toBeCloseTo(0, 2);
    expect(skipped.report?.dependencyCache.seconds.save).toBeCloseTo(0, 2);
    // The cold build's entry is still the only one.
    expect(cacheEntries()).toHaveLength(1);
    expect(skipped.summary).toContain('not needed: kept already');
  });
});
