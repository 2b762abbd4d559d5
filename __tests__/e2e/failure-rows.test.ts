// Rows of the README's failure-behaviour table on the real stack. Where a fault has to be made (a
// docker call that fails), a wrapper in front of the real docker CLI fails exactly that call and
// records every call's arguments; everything else is the real engine's.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { pushImage } from '../../scripts/harness/engine.js';
import { copyProject } from '../../scripts/harness/fixtures/projects.js';
import { REGISTRY } from '../../scripts/harness/registry.js';
import type { DockerFaults } from './support/docker-wrapper.js';
import { localEntriesDir } from './support/local-backend.js';
import { errorsOf, warningsOf } from './support/runs.js';
import { useStack } from './support/use-stack.js';

describe('failure-behaviour rows', () => {
  const suite = useStack({
    image: 'e2e-rows',
    workspace: { project: 'pip-small' },
    cacheDir: true,
    wheels: { payloadMB: 4 },
    dockerWrapper: true,
  });
  const { image, workspace, cacheDir, wheels: index, dockerWrapper } = suite;

  function freshRunner(options: { inputs?: Record<string, string>; workspace?: string } & DockerFaults = {}) {
    suite.freshRunner();
    dockerWrapper.reset();
    return suite.run({
      inputs: {
        driver: 'docker',
        image,
        network: 'host',
        'dependency-cache-backend': 'local',
        'local-cache-dir': cacheDir,
        ...options.inputs,
      },
      workspace: options.workspace ?? workspace,
      env: dockerWrapper.env(options),
    });
  }
  // The docker driver measures an image it keeps from the registry layer cache's blobs; without a
  // layer cache it writes an OCI layout beside the export, which these rows break.
  const LAYOUT_MEASURED = { 'layer-cache': 'none' };
  const entries = (prefix: string, dir = localEntriesDir(cacheDir)) =>
    existsSync(dir) ? readdirSync(dir).filter((name) => name.startsWith(prefix)) : [];

  it('secrets never reach a command line, and their files are readable by the runner’s user only', async () => {
    const secret = `s3cret-${randomBytes(12).toString('hex')}`;
    const run = await freshRunner({ inputs: { secrets: `TOKEN=${secret}` } });
    expect(run.exitCode).toBe(0);
    const calls = dockerWrapper.calls();
    expect(calls).toMatch(/--secret id=TOKEN\\?,src=/);
    expect(calls).not.toContain(secret);
    const modes = dockerWrapper.secretModes().trim().split('\n');
    expect(modes.length).toBeGreaterThan(0);
    for (const line of modes) expect(line.trim()).toMatch(/^600 700$/);
  });

  it('an image that cannot be measured: a warning, no sizes, and a size budget cannot fail the job', async () => {
    const run = await freshRunner({
      inputs: { 'size-budget': '1MB', ...LAYOUT_MEASURED },
      fail: '^(image inspect|save) ',
      breakLayout: true,
    });
    expect(run.exitCode).toBe(0);
    expect(warningsOf(run)).toEqual([
      expect.stringMatching(/^The image could not be measured, so the report has no sizes: /),
    ]);
    expect(run.outputs.size).toBe('');
    expect(run.outputs.imageid).toMatch(/^sha256:/);
  });

  it('a layout the build wrote that cannot be read: measured with docker save instead, a log line and no warning', async () => {
    appendFileSync(path.join(workspace, 'src/app.py'), 'print("layout lost")\n');
    const run = await freshRunner({
      inputs: { tags: `${image}:rows`, ...LAYOUT_MEASURED },
      breakLayout: true,
    });
    expect(run.exitCode).toBe(0);
    expect(warningsOf(run)).toEqual([]);
    // Tried as soon as the exporter was done, and once more after the build, before docker save.
    expect(run.log).toContain('Measuring the OCI layout after the build instead');
    expect(run.log).toContain('The OCI layout the build wrote cannot be read');
    expect(run.log).not.toContain('Measured the image from the OCI layout');
    expect(Number(run.outputs.size)).toBeGreaterThan(100_000_000);
  });

  it('an untagged image whose layout cannot be read: docker save finds it by the digest the engine knows it by', async () => {
    appendFileSync(path.join(workspace, 'src/app.py'), 'print("layout lost, no tag")\n');
    const run = await freshRunner({ inputs: { tags: '', ...LAYOUT_MEASURED }, breakLayout: true });
    expect(run.exitCode).toBe(0);
    expect(warningsOf(run)).toEqual([]);
    expect(run.log).toContain('The OCI layout the build wrote cannot be read');
    expect(Number(run.outputs.size)).toBeGreaterThan(100_000_000);
  });

  /** Rewrites the newest report entry with layers.json replaced (or left out, with undefined). */
  function rewriteLayersFile(content: string | undefined): void {
    const dir = localEntriesDir(cacheDir);
    const [newest] = entries('docker-fast-build-report-v2_').sort(
      (a, b) => statSync(path.join(dir, b)).mtimeMs - statSync(path.join(dir, a)).mtimeMs,
    );
    const unpacked = mkdtempSync(path.join(tmpdir(), 'dfb-e2e-report-entry-'));
    try {
      execFileSync('tar', ['--zstd', '-xf', path.join(dir, newest!), '-C', unpacked]);
      expect(existsSync(path.join(unpacked, 'layers.json'))).toBe(true);
      if (content === undefined) rmSync(path.join(unpacked, 'layers.json'));
      else writeFileSync(path.join(unpacked, 'layers.json'), content);
      const members = readdirSync(unpacked);
      execFileSync('tar', ['--zstd', '-cf', path.join(dir, newest!), '-C', unpacked, ...members]);
    } finally {
      rmSync(unpacked, { recursive: true, force: true });
    }
  }

  it.each([
    ['malformed', '{"schema":"docker-fast-build/layers@1","layers":[{"digest":"sha256:nothex","files":-1}]}'],
    ['missing', undefined],
  ])(
    'layers.json %s: every layer is read again, and a good one is kept for the next run',
    async (_what, content) => {
      appendFileSync(path.join(workspace, 'src/app.py'), `print("${_what}")\n`);
      expect((await freshRunner()).exitCode).toBe(0);
      rewriteLayersFile(content);
      appendFileSync(path.join(workspace, 'src/app.py'), `print("${_what} again")\n`);
      const reread = await freshRunner();
      expect(reread.exitCode).toBe(0);
      expect(warningsOf(reread)).toEqual([]);
      expect(reread.log).toMatch(
        /Measured the image from the engine and the layer cache at \S+: read all \d+ layers/,
      );
      appendFileSync(path.join(workspace, 'src/app.py'), `print("${_what} once more")\n`);
      const next = await freshRunner();
      expect(next.log).toMatch(
        /read 1 of \d+ layers( \(1 of them while the build ran\))?, the rest were measured by an earlier run/,
      );
      expect(Number(next.outputs.size)).toBeGreaterThan(100_000_000);
    },
  );

  it('a failed build saves nothing: no dependency cache, no report', async () => {
    const failing = copyProject('pip-small');
    const failingCache = mkdtempSync(path.join(tmpdir(), 'dfb-e2e-rows-failed-'));
    try {
      writeFileSync(
        path.join(failing, 'Dockerfile'),
        `FROM ${REGISTRY}/python:3.11-slim\nRUN --mount=type=cache,target=/root/.cache/pip sh -c 'echo half > /root/.cache/pip/written && exit 3'\n`,
      );
      const run = await freshRunner({ workspace: failing, inputs: { 'local-cache-dir': failingCache } });
      expect(run.exitCode).toBe(1);
      expect(errorsOf(run)).toEqual([expect.stringMatching(/^The build failed: /)]);
      const dir = localEntriesDir(failingCache);
      expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    } finally {
      rmSync(failing, { recursive: true, force: true });
      rmSync(failingCache, { recursive: true, force: true });
    }
  });

  it('the extract helper fails: a warning, a green build, nothing saved over the cache', async () => {
    // A base image without tar: the helper builds run in the stage's own image.
    const noTar = `${REGISTRY}/python-without-tar:e2e`;
    pushImage(noTar, `FROM ${REGISTRY}/python:3.11-slim\nRUN rm -f /usr/bin/tar /bin/tar\n`);
    const project = copyProject('pip-small');
    const projectCache = mkdtempSync(path.join(tmpdir(), 'dfb-e2e-rows-extract-'));
    try {
      const dockerfile = path.join(project, 'Dockerfile');
      writeFileSync(dockerfile, readFileSync(dockerfile, 'utf8').replace(/^FROM .*$/m, `FROM ${noTar}`));
      const run = await freshRunner({ workspace: project, inputs: { 'local-cache-dir': projectCache } });
      expect(run.exitCode).toBe(0);
      expect(warningsOf(run)).toContainEqual(
        expect.stringMatching(
          /^Dependency cache for \/root\/\.cache\/pip could not be saved; .*extract of cache mount \/root\/\.cache\/pip failed/,
        ),
      );
      expect(index.totalDownloads()).toBe(3);
      expect(entries('docker-fast-build-v2_', localEntriesDir(projectCache))).toEqual([]);
    } finally {
      rmSync(project, { recursive: true, force: true });
      rmSync(projectCache, { recursive: true, force: true });
    }
  });

  it('the inject helper fails: a warning, a build without that cache, nothing saved over it', async () => {
    // The entry the earlier runs saved is restored into a stage whose image has no tar: the inject
    // helper build runs in that image, so it fails for real.
    const before = entries('docker-fast-build-v2_');
    expect(before.length).toBeGreaterThan(0);
    const project = copyProject('pip-small');
    try {
      const dockerfile = path.join(project, 'Dockerfile');
      writeFileSync(
        dockerfile,
        readFileSync(dockerfile, 'utf8').replace(/^FROM .*$/m, `FROM ${REGISTRY}/python-without-tar:e2e`),
      );
      const run = await freshRunner({ workspace: project, inputs: { 'layer-cache': 'none' } });
      expect(run.exitCode).toBe(0);
      expect(warningsOf(run)).toContainEqual(
        expect.stringMatching(
          /^Dependency cache for \/root\/\.cache\/pip was restored but could not be put into BuildKit: inject of cache mount \/root\/\.cache\/pip failed/,
        ),
      );
      // Built without the cache: every wheel downloaded again.
      expect(index.totalDownloads()).toBe(3);
      expect(entries('docker-fast-build-v2_')).toEqual(before);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('builder-max-used-space when the prune fails: a warning, a green build, no builder storage figure', async () => {
    const run = await freshRunner({
      inputs: { 'builder-max-used-space': '10GB' },
      fail: '^buildx (prune|du) ',
    });
    expect(run.exitCode).toBe(0);
    expect(dockerWrapper.calls()).toMatch(/^buildx prune --builder default --force/m);
    expect(warningsOf(run)).toContainEqual(
      expect.stringMatching(/^builder-max-used-space: the builder was not pruned: /),
    );
    expect(run.report?.builderStorage).toBeUndefined();
    expect(run.outputs.imageid).toMatch(/^sha256:/);
    expect(JSON.parse(readFileSync(run.outputs.report!, 'utf8')).builderStorage).toBeUndefined();
  });

  it('half-written archives: one an hour untouched from another host, and one whose process is gone, are removed by the next save', async () => {
    const dir = localEntriesDir(cacheDir);
    const hourOld = path.join(dir, '.docker-fast-build-v2_x.tar.zst.partial-elsewhere-4242-0badf00d');
    const freshElsewhere = path.join(dir, '.docker-fast-build-v2_y.tar.zst.partial-elsewhere-4243-0badf00d');
    // A pid this host does not run (beyond the kernel's limit).
    const deadHere = path.join(
      dir,
      `.docker-fast-build-v2_z.tar.zst.partial-${hostname()}-99999999-0badf00d`,
    );
    for (const file of [hourOld, freshElsewhere, deadHere]) writeFileSync(file, 'half an archive');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(hourOld, twoHoursAgo, twoHoursAgo);
    appendFileSync(path.join(workspace, 'src/app.py'), 'print("sweep")\n');
    const run = await freshRunner();
    expect(run.exitCode).toBe(0);
    expect(existsSync(hourOld)).toBe(false);
    expect(existsSync(deadHere)).toBe(false);
    // Another host's save may still be writing it: kept.
    expect(existsSync(freshElsewhere)).toBe(true);
    rmSync(freshElsewhere);
  });

  it('the local backend past dependency-cache-timeout: restore and save abandoned with warnings, a green build, no file left behind', async () => {
    const before = entries('docker-fast-build-v2_');
    expect(before.length).toBeGreaterThan(0);
    const run = await freshRunner({ inputs: { 'dependency-cache-timeout': '0.001', 'layer-cache': 'none' } });
    expect(run.exitCode).toBe(0);
    const warnings = warningsOf(run);
    expect(warnings).toContainEqual(
      expect.stringMatching(/could not be restored.*timed out after 0\.001 s \(dependency-cache-timeout\)/),
    );
    expect(warnings).toContainEqual(
      expect.stringMatching(/could not be saved.*timed out after 0\.001 s \(dependency-cache-timeout\)/),
    );
    expect(run.report?.dependencyCache.status).toBe('miss');
    expect(index.totalDownloads()).toBe(3);
    // The abandoned tar was stopped: no new entry appears later, and no partial file stays.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(entries('docker-fast-build-v2_')).toEqual(before);
    expect(readdirSync(localEntriesDir(cacheDir)).filter((name) => name.includes('.partial-'))).toEqual([]);
  });
});
