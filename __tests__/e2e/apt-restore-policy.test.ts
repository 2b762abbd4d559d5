// apt on the real stack: real Debian packages from a local repository, cache mounts on
// /var/cache/apt and /var/lib/apt, the docker driver (where an inject goes before the build). What
// restoring them spares is what apt says it spent fetching ("Fetched … in …"), not the whole step,
// most of which is unpacking and configuring packages. From a fast repository that is far less than
// a restore of the lists and archives costs: the build after the cold one skips the restore and, as
// an apt cache holds nothing but downloads, saves nothing. From a slow one the cache pays and is
// restored and saved.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { localEntries } from './support/local-backend.js';
import { expectSucceeded, localCacheInputs, warningsOf } from './support/runs.js';
import { useStack } from './support/use-stack.js';

const PACKAGES = ['libxml2', 'libxslt1.1'];
const ADDED = 'libmagic1';

const dockerfile = (packages: string[]) =>
  [
    'FROM 127.0.0.1:5000/python:3.11-slim',
    'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
    '    --mount=type=cache,target=/var/lib/apt,sharing=locked \\',
    '    rm -f /etc/apt/apt.conf.d/docker-clean \\',
    ` && echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-downloads \\`,
    " && echo 'deb [trusted=yes] http://127.0.0.1:8766/ ./' > /etc/apt/sources.list \\",
    ' && apt-get update \\',
    ` && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages.join(' ')}`,
    '',
  ].join('\n');

describe.each([
  // The index (about 9 MB of xz) and the packages in well under a second: carrying 50+ MB costs more.
  { repository: 'fast', rateMBps: 400, pays: false },
  // Several seconds of fetching: a restore at 25 ms/MB costs less.
  { repository: 'slow', rateMBps: 2, pays: true },
])('apt caches from a $repository repository', ({ repository, rateMBps, pays }) => {
  const suite = useStack({
    image: `e2e-apt-${repository}`,
    workspace: { files: {} },
    cacheDir: true,
    aptRepository: { packages: [...PACKAGES, ADDED], rateMBps },
  });
  const { image, workspace, cacheDir } = suite;

  /** A fresh runner on the docker driver, without a layer cache: the apt step runs every time. */
  async function freshRunner(packages: string[]) {
    writeFileSync(path.join(workspace, 'Dockerfile'), dockerfile(packages));
    suite.freshRunner();
    const run = await suite.run({
      inputs: { ...localCacheInputs(image, cacheDir), 'layer-cache': 'none', comment: 'off' },
    });
    expectSucceeded(run);
    expect(warningsOf(run)).toEqual([]);
    return run;
  }

  it(
    pays
      ? 'restores and saves the cache when fetching was slow'
      : 'neither restores nor saves it when fetching was fast',
    async () => {
      const cold = await freshRunner(PACKAGES);
      const coldMounts = cold.report!.dependencyCache.mounts;
      expect(coldMounts.map((m) => m.status)).toEqual(['miss', 'miss']);
      // apt's own figure, carried in the report for the next build to weigh.
      for (const mount of coldMounts) expect(mount.missDownloadSeconds).toBeGreaterThan(0);
      const step = cold.report!.build.steps.find((s) => s.name.includes('apt-get install'));
      expect(step?.downloadSeconds).toBe(coldMounts[0]!.missDownloadSeconds);
      expect(step!.downloadSeconds!).toBeLessThan(step!.seconds!);
      const savedCold = localEntries(cacheDir).length;
      expect(savedCold).toBe(2);

      const added = await freshRunner([...PACKAGES, ADDED]);
      const mounts = added.report!.dependencyCache.mounts;
      if (pays) {
        expect(mounts.map((m) => m.status)).toEqual(['partial', 'partial']);
        for (const mount of mounts) {
          expect(mount.restoredBytes).toBeGreaterThan(0);
          expect(mount.restoreNotWorthIt).toBeUndefined();
          expect(mount.saveNotWorthIt).toBeUndefined();
        }
        // The added package is saved over the restored archives. The lists may be saved or not:
        // apt-get update finds the index unchanged (a 304), and a mount the build left as it was
        // has nothing to add.
        const archives = mounts.find((m) => m.target === '/var/cache/apt');
        expect(archives?.savedKey).toBeDefined();
        expect(archives?.savedDeltaOf).toBe(archives?.matchedKey);
        expect(localEntries(cacheDir).length).toBeGreaterThan(savedCold);
        return;
      }
      expect(added.log).toMatch(
        /Dependency cache for \/var\/cache\/apt not restored: restoring it and the 1 other mount of the same steps \(\d+ MB\) takes about [\d.]+ s, more than the [\d.]+ s its steps spent downloading without it\./,
      );
      expect(added.log).toContain(
        'Dependency cache for /var/lib/apt will not be saved: all it holds is downloads, and restoring them does not pay.',
      );
      for (const mount of mounts) {
        expect(mount.restoredBytes).toBe(0);
        expect(mount.savedKey).toBeUndefined();
        expect(mount.saveNotWorthIt).toBe('all it holds is downloads, and restoring them does not pay');
      }
      const { seconds } = added.report!.dependencyCache;
      expect(seconds.inject + seconds.extract + seconds.save).toBeCloseTo(0, 2);
      expect(localEntries(cacheDir)).toHaveLength(savedCold);
      expect(added.summary).toContain('not needed: all it holds is downloads');
    },
  );
});
