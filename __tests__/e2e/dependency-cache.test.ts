// Dependency caches across fresh runners, on the real stack: real pip, real BuildKit cache mounts,
// the local cache backend on disk. (The gha backend against the local cache service: cache-service tests.)
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { readFileFromImage } from '../../scripts/harness/engine.js';
import { REGISTRY } from '../../scripts/harness/registry.js';
import { localEntries, localEntriesDir } from './support/local-backend.js';
import { warningsOf, localCacheInputs } from './support/runs.js';
import { useStack } from './support/use-stack.js';

/** Dependency cache entries only: the same directory also keeps each push's report. */
const cacheEntries = (cacheDir: string): string[] => localEntries(cacheDir);

function entryBytes(cacheDir: string, name: string): number {
  return statSync(path.join(localEntriesDir(cacheDir), name)).size;
}

function newestEntry(cacheDir: string): string {
  const dir = localEntriesDir(cacheDir);
  return cacheEntries(cacheDir)
    .map((name) => ({ name, mtime: statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime)[0]!.name;
}

/** Replaces a branch's layer cache with one of an unrelated build, as if it had expired. */
function overwriteLayerCache(ref: string): void {
  const context = mkdtempSync(path.join(tmpdir(), 'dfb-e2e-other-'));
  writeFileSync(
    path.join(context, 'Dockerfile'),
    `FROM ${REGISTRY}/python:3.11-slim\nRUN echo other > /other\n`,
  );
  execFileSync(
    'docker',
    ['buildx', 'build', '--builder', 'default', '--cache-to', `type=registry,ref=${ref},mode=max`, context],
    { stdio: 'ignore' },
  );
  rmSync(context, { recursive: true, force: true });
}

describe('pip dependency cache with 300 MB of wheels behind a 30 MB/s index', () => {
  const suite = useStack({
    image: 'e2e-deps',
    workspace: { project: 'pip-heavy' },
    cacheDir: true,
    wheels: { payloadMB: 25, rateMBps: 30, extra: ['heavy-extra==1.0.0'] },
  });
  const { image, workspace, cacheDir, wheels: index } = suite;
  const inputs = localCacheInputs(image, cacheDir);

  async function freshRunnerBuild(extraInputs: Record<string, string> = {}) {
    suite.freshRunner();
    const run = await suite.run({ inputs: { ...inputs, ...extraInputs } });
    expect(run.exitCode).toBe(0);
    return run;
  }

  it('a cold build misses, downloads every wheel and saves the pip cache', async () => {
    const run = await freshRunnerBuild();
    expect(run.report?.dependencyCache.status).toBe('miss');
    expect(index.totalDownloads()).toBe(12);
    expect(cacheEntries(cacheDir)).toHaveLength(1);
    expect(run.report?.dependencyCache.seconds.save).toBeGreaterThan(0);
  });

  it('after adding one requirement on a wiped builder, exactly one wheel is downloaded', async () => {
    appendFileSync(path.join(workspace, 'requirements.txt'), 'heavy-extra==1.0.0\n');
    const run = await freshRunnerBuild();
    expect(run.report?.dependencyCache.status).toBe('partial');
    expect([...index.downloads.keys()]).toEqual(['heavy_extra-1.0.0-py3-none-any.whl']);
    expect(index.totalDownloads()).toBe(1);
    expect(run.report?.dependencyCache.seconds.restore).toBeGreaterThan(0);
    expect(run.report?.dependencyCache.seconds.inject).toBeGreaterThan(0);
    expect(cacheEntries(cacheDir)).toHaveLength(2);
    expect(run.summary).toContain('<details><summary>Dependency caches</summary>');
    // Only the new wheel is saved, as a delta over the entry this run restored.
    expect(run.log).toMatch(/saved only what this build added \(\d+ files?\), over docker-fast-build-v2_/);
    expect(run.summary).toContain('(only what this build added)');
    const sizes = cacheEntries(cacheDir).map((name) => entryBytes(cacheDir, name));
    expect(Math.max(...sizes)).toBeGreaterThan(250_000_000);
    expect(Math.min(...sizes)).toBeLessThan(40_000_000);
  });

  it('an unchanged lockfile restores exactly and saves nothing', async () => {
    const before = cacheEntries(cacheDir);
    const run = await freshRunnerBuild({ 'layer-cache': 'none' });
    expect(run.report?.dependencyCache.status).toBe('exact');
    expect(index.totalDownloads()).toBe(0);
    expect(run.report?.dependencyCache.seconds.inject).toBeGreaterThan(0);
    expect(run.report?.dependencyCache.seconds.extract).toBeCloseTo(0, 2);
    expect(run.report?.dependencyCache.seconds.save).toBeCloseTo(0, 2);
    expect(cacheEntries(cacheDir)).toEqual(before);
    // The exact entry is the delta: the whole entry it goes over came with it, or pip would download.
    expect(run.summary).toContain('(an entry and the delta over it)');
  });

  it('restore-cache: false skips the restore, says so, and still saves what the build downloaded', async () => {
    const before = cacheEntries(cacheDir).length;
    const run = await freshRunnerBuild({ 'layer-cache': 'none', 'restore-cache': 'false' });
    expect(run.report?.dependencyCache.status).toBe('miss');
    expect(run.log).toContain('not restored: restore-cache is false.');
    expect(run.summary).toContain('skipped: restore-cache is false');
    expect(run.report?.dependencyCache.seconds.inject).toBeCloseTo(0, 2);
    expect(index.totalDownloads()).toBe(13);
    expect(cacheEntries(cacheDir)).toHaveLength(before + 1);
    // Put the entries back as the next case expects them: the whole entry and the delta over it.
    rmSync(path.join(localEntriesDir(cacheDir), newestEntry(cacheDir)), { recursive: true, force: true });
  });

  it("a delta whose whole entry is gone: partial, only that entry's wheels downloaded, saved whole", async () => {
    const [base, delta] = cacheEntries(cacheDir).sort(
      (a, b) => entryBytes(cacheDir, b) - entryBytes(cacheDir, a),
    );
    const aside = mkdtempSync(path.join(tmpdir(), 'dfb-e2e-aside-'));
    renameSync(path.join(localEntriesDir(cacheDir), base!), path.join(aside, base!));
    try {
      const run = await freshRunnerBuild({ 'layer-cache': 'none' });
      expect(run.report?.dependencyCache.status).toBe('partial');
      expect(run.log).toMatch(
        /goes over docker-fast-build-v2_\S+, which is gone; only its own files are used/,
      );
      expect(index.totalDownloads()).toBe(12);
      expect(index.downloads.has('heavy_extra-1.0.0-py3-none-any.whl')).toBe(false);
      const saved = cacheEntries(cacheDir).filter((name) => name !== delta);
      expect(saved).toHaveLength(1);
      expect(entryBytes(cacheDir, saved[0]!)).toBeGreaterThan(250_000_000);
      rmSync(path.join(localEntriesDir(cacheDir), saved[0]!));
    } finally {
      renameSync(path.join(aside, base!), path.join(localEntriesDir(cacheDir), base!));
      rmSync(aside, { recursive: true, force: true });
    }
  });

  it('a code change with the install step in the layer cache skips the restore altogether', async () => {
    await freshRunnerBuild(); // writes the layer cache this test reads
    appendFileSync(path.join(workspace, 'src/app.py'), 'print("changed")\n');
    const before = cacheEntries(cacheDir);
    const run = await freshRunnerBuild();
    expect(run.report?.dependencyCache.status).toBe('exact');
    expect(run.report?.dependencyCache.seconds.restore).toBeCloseTo(0, 2);
    expect(run.report?.dependencyCache.seconds.inject).toBeCloseTo(0, 2);
    expect(index.totalDownloads()).toBe(0);
    expect(run.report?.build.cachedSteps).toBeGreaterThanOrEqual(run.report!.build.totalSteps - 1);
    expect(run.summary).toContain('not needed: steps in layer cache');
    expect(cacheEntries(cacheDir)).toEqual(before);
    // Only the layer the change made is read; the rest were measured by the run before.
    // The new layer may have been read while the cache export wrote it (docker driver, one stage).
    expect(run.log).toMatch(
      /read 1 of \d+ layers( \(1 of them while the build ran\))?, the rest were measured by an earlier run/,
    );
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as {
      size: { bytes: number; layers: { createdBy: string }[] };
    };
    expect(report.size.bytes).toBeGreaterThan(300_000_000);
    expect(report.size.layers.at(-1)!.createdBy).toMatch(/COPY/);
  });

  it('when the layer cache lost those steps after all, the build warns, downloads and saves again', async () => {
    overwriteLayerCache(`${image}:buildcache-main`);
    const before = cacheEntries(cacheDir);
    const run = await freshRunnerBuild();
    const warnings = warningsOf(run);
    expect(
      warnings.some((w) =>
        w.startsWith('Dependency cache for /root/.cache/pip was not restored because the layer cache'),
      ),
    ).toBe(true);
    expect(run.report?.dependencyCache.status).toBe('miss');
    expect(index.totalDownloads()).toBe(13);
    expect(cacheEntries(cacheDir)).toHaveLength(before.length + 1);

    // That build wrote the layer cache again: the next one can skip the restore once more.
    const next = await freshRunnerBuild();
    expect(next.report?.dependencyCache.status).toBe('exact');
    expect(next.report?.dependencyCache.seconds.restore).toBeCloseTo(0, 2);
    expect(index.totalDownloads()).toBe(0);
    // Same layers as the last report: its measurements are reused instead of reading the image again.
    const size = (
      JSON.parse(readFileSync(next.outputs.report!, 'utf8')) as {
        size: { bytes: number; analysisSeconds: number };
      }
    ).size;
    expect(size.bytes).toBeGreaterThan(300_000_000);
    expect(size.analysisSeconds).toBe(0);
  });

  it('a truncated archive gives a warning, a green build and a rewritten entry that the next run uses', async () => {
    const corrupt = newestEntry(cacheDir);
    const file = path.join(localEntriesDir(cacheDir), corrupt);
    truncateSync(file, Math.floor(statSync(file).size / 2));
    // Without the layer cache pip really runs, so the downloads show what the dependency cache gave.
    const noLayerCache = { 'layer-cache': 'none' };
    const run = await freshRunnerBuild(noLayerCache);
    const warnings = warningsOf(run);
    expect(
      warnings.some((w) => w.startsWith('Dependency cache for /root/.cache/pip could not be restored')),
    ).toBe(true);
    expect(run.report?.dependencyCache.status).toBe('miss');
    expect(index.totalDownloads()).toBe(13);
    const rewritten = newestEntry(cacheDir);
    expect(rewritten).not.toBe(corrupt);

    const next = await freshRunnerBuild(noLayerCache);
    expect(next.report?.dependencyCache.status).toBe('exact');
    expect(index.totalDownloads()).toBe(0);
    expect(next.annotations.filter((a) => a.level === 'warning')).toEqual([]);
  });
});

describe('a uv-layout cache mount round-trips content, modes and owners', () => {
  const suite = useStack({ image: 'e2e-uv', workspace: { project: 'uv-layout' }, cacheDir: true });
  const { image, workspace, cacheDir } = suite;

  it('later fresh runners see byte-identical files with the same modes, owners and symlinks, whole or as a delta', async () => {
    // No layer cache: the RUN step must execute on both runs and list what its cache mount holds.
    const inputs = {
      driver: 'docker',
      tags: `${image}:latest`,
      'layer-cache': 'none',
      'dependency-cache-backend': 'local',
      'local-cache-dir': cacheDir,
    };
    suite.freshRunner();
    const first = await suite.run({ inputs });
    expect(first.exitCode).toBe(0);
    expect(first.report?.dependencyCache.status).toBe('miss');
    const written = readFileFromImage(`${image}:latest`, '/app/cache-listing.txt');

    suite.freshRunner();
    const second = await suite.run({ inputs });
    expect(second.exitCode).toBe(0);
    expect(second.report?.dependencyCache.status).toBe('exact');
    const restored = readFileFromImage(`${image}:latest`, '/app/cache-listing.txt');

    expect(written).toContain('./archive-v0/pkg/data.bin f 640 0:0 3000000');
    expect(written).toContain('./wheels-v1/index/entry.msgpack f 644 1234:5678 1000');
    expect(written).toContain('./wheels-v1 d 700 0:0');
    expect(written).toContain('./archive-v0/pkg/current l 777 0:0');
    expect(restored).toBe(written);

    // A changed lockfile: the files the build adds, and a mode it changes, travel as a delta.
    appendFileSync(path.join(workspace, 'uv.lock'), '\n[[package]]\nname = "extra-package"\n');
    suite.freshRunner();
    const third = await suite.run({ inputs });
    expect(third.exitCode).toBe(0);
    expect(third.report?.dependencyCache.status).toBe('partial');
    expect(third.log).toMatch(/saved only what this build added \(\d+ files?\)/);
    const added = readFileFromImage(`${image}:latest`, '/app/cache-listing.txt');
    expect(added).toContain('./archive-v0/extra d 750 0:0');
    expect(added).toContain('./archive-v0/extra/data.bin f 600 4321:8765 2000000');
    expect(added).toContain('./archive-v0/extra/current l 777 0:0');
    expect(added).toContain('./archive-v0/extra/old.bin f 644 0:0 500  2001');
    expect(added).toContain('./wheels-v1/index/entry.msgpack f 604 1234:5678 1000');

    suite.freshRunner();
    const fourth = await suite.run({ inputs });
    expect(fourth.exitCode).toBe(0);
    expect(fourth.report?.dependencyCache.status).toBe('exact');
    expect(fourth.summary).toContain('(an entry and the delta over it)');
    expect(readFileFromImage(`${image}:latest`, '/app/cache-listing.txt')).toBe(added);
  });
});

// BuildKit expands ARG and ENV values in a mount's options: the helper builds must find the same cache.
describe('a cache mount written with ARGs and a platform ARG, for a user that is not root', () => {
  const suite = useStack({
    image: 'e2e-deps-arg',
    workspace: {
      files: {
        Dockerfile: [
          `FROM ${REGISTRY}/python:3.11-slim`,
          'ARG APP_UID=1000',
          'ARG PIP_DIR=/home/app/.cache/pip',
          // One of BuildKit's platform ARGs, as multi-platform Dockerfiles name their caches.
          'ARG TARGETARCH',
          'RUN useradd --create-home --uid "$APP_UID" app',
          'USER app',
          'WORKDIR /home/app',
          'COPY --chown=app requirements.txt .',
          'RUN --mount=type=cache,target=${PIP_DIR},id=pip-${APP_UID}-${TARGETARCH},uid=${APP_UID},gid=$APP_UID \\',
          '    pip install --user --no-index --trusted-host 127.0.0.1 --find-links http://127.0.0.1:8765/ -r requirements.txt',
          'COPY src/ ./src/',
          '',
        ].join('\n'),
        'requirements.txt': 'alpha-wheel==1.0.0\nbeta-wheel==1.0.0\n',
        'src/app.py': 'print("hello")\n',
      },
    },
    cacheDir: true,
    wheels: { payloadMB: 4, rateMBps: 10, extra: ['gamma-wheel==1.0.0'] },
  });
  const { image, workspace, cacheDir, wheels: index } = suite;
  const inputs = { ...localCacheInputs(image, cacheDir), 'build-args': 'APP_UID=1001' };

  it('carries the expanded mount across fresh runners: a later build downloads only the added wheel', async () => {
    suite.freshRunner();
    const cold = await suite.run({ inputs });
    expect(cold.exitCode).toBe(0);
    expect(warningsOf(cold).filter((w) => /not persisted|Cache mount/.test(w))).toEqual([]);
    expect(cold.log).toContain(
      'Dependency cache for /home/app/.cache/pip: extracting while the build finishes.',
    );
    expect(cold.report?.dependencyCache.status).toBe('miss');
    expect(index.totalDownloads()).toBe(2);
    expect(cacheEntries(cacheDir)).toHaveLength(1);
    expect(newestEntry(cacheDir)).toMatch(process.arch === 'x64' ? /pip-1001-amd64/ : /pip-1001-[a-z0-9]+/);

    appendFileSync(path.join(workspace, 'requirements.txt'), 'gamma-wheel==1.0.0\n');
    suite.freshRunner();
    index.resetCounts();
    const added = await suite.run({ inputs });
    expect(added.exitCode).toBe(0);
    expect(added.report?.dependencyCache.status).toBe('partial');
    expect(index.totalDownloads()).toBe(1);
  });
});
