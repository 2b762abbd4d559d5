// What a dependency cache keeps across fresh runners: what the build made (a wheel pip built from an
// sdist) always; what it downloaded only when the download was slower than carrying it. Two indexes
// serve the same kind of project: a fast one (downloads not worth carrying, left out of the entry)
// and a slow one (kept). The network is simulated: the wheel server throttles to the rate given.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import tar from 'tar-stream';

import { removeImages, wipeBuilder } from '../../scripts/harness/engine.js';
import { makeWheel } from '../../scripts/harness/fixtures/wheels.js';
import { runAction } from '../../scripts/harness/runner/run-action.js';
import { serveWheels } from '../../scripts/harness/services/wheel-index.js';
import { assertStackRunning, localEntriesDir, pushEvent, uniqueRepository } from './support/stack.js';

const MB = 1024 * 1024;

/** A pure-Python sdist: pip builds a wheel from it and keeps that wheel in its cache's wheels/. */
async function writeSdist(dir: string, name: string): Promise<void> {
  const files: [string, string][] = [
    [`${name}-1.0/PKG-INFO`, `Metadata-Version: 2.1\nName: ${name}\nVersion: 1.0\n`],
    [
      `${name}-1.0/setup.py`,
      `from setuptools import setup\nsetup(name="${name}", version="1.0", py_modules=["${name}"])\n`,
    ],
    [`${name}-1.0/${name}.py`, 'VALUE = 1\n'],
  ];
  const pack = tar.pack();
  for (const [file, content] of files) pack.entry({ name: file, mtime: new Date('2020-01-01') }, content);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  writeFileSync(path.join(dir, `${name}-1.0.tar.gz`), gzipSync(Buffer.concat(chunks)));
}

/** The member names of the entries saved for a push to main (each a zstd tar holding cache.tar). */
function savedMembers(cacheDir: string): string[] {
  const dir = localEntriesDir(cacheDir);
  const names: string[] = [];
  for (const entry of readdirSync(dir).filter((name) => name.startsWith('docker-fast-build-v2_'))) {
    const outer = execFileSync('tar', ['--zstd', '-xOf', path.join(dir, entry), 'cache.tar'], {
      maxBuffer: 1024 * MB,
    });
    names.push(
      ...execFileSync('tar', ['-tf', '-'], { input: outer, encoding: 'utf8', maxBuffer: 64 * MB }).split(
        '\n',
      ),
    );
  }
  return names.filter(Boolean);
}

describe.each([
  // Faster than carrying a MB costs: the downloads are left out.
  { index: 'fast', rateMBps: 2000, payloadMB: 100, downloadsKept: false },
  // 30 MB at 10 MB/s: slower than a restore, so they are kept.
  { index: 'slow', rateMBps: 10, payloadMB: 10, downloadsKept: true },
])('dependency cache with a $index index', ({ index, rateMBps, payloadMB, downloadsKept }) => {
  const image = uniqueRepository(`e2e-downloads-${index}`);
  let workspace: string;
  let cacheDir: string;
  let wheels: string;
  let server: Awaited<ReturnType<typeof serveWheels>>;

  beforeAll(async () => {
    assertStackRunning();
    workspace = mkdtempSync(path.join(tmpdir(), `dfb-e2e-downloads-${index}-`));
    cacheDir = mkdtempSync(path.join(tmpdir(), `dfb-e2e-downloads-cache-`));
    wheels = mkdtempSync(path.join(tmpdir(), `dfb-e2e-downloads-wheels-`));
    for (const name of ['alpha', 'beta', 'gamma', 'delta'])
      await makeWheel(wheels, { name: `${name}-${index}`, payloadBytes: payloadMB * MB });
    await writeSdist(wheels, `built_${index}`);
    server = await serveWheels(wheels, { rateMBps });
    writeFileSync(
      path.join(workspace, 'requirements.txt'),
      `alpha-${index}==1.0.0\nbeta-${index}==1.0.0\ngamma-${index}==1.0.0\nbuilt_${index}==1.0\n`,
    );
    writeFileSync(
      path.join(workspace, 'Dockerfile'),
      [
        'FROM 127.0.0.1:5000/python:3.11-slim',
        'COPY requirements.txt .',
        'RUN --mount=type=cache,target=/root/.cache/pip \\',
        `    pip install --no-index --no-build-isolation --trusted-host 127.0.0.1 --find-links ${server.url} -r requirements.txt`,
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await server?.close();
    removeImages(image);
    for (const dir of [workspace, cacheDir, wheels]) rmSync(dir, { recursive: true, force: true });
  });

  const freshRunner = () => {
    wipeBuilder();
    server.resetCounts();
    return runAction({
      inputs: {
        driver: 'docker',
        image,
        network: 'host',
        'layer-cache': 'none',
        'cache-backend': 'local',
        'cache-dir': cacheDir,
        comment: 'off',
      },
      workspace,
      ...pushEvent('main'),
    });
  };

  it(`keeps the built wheel${downloadsKept ? ' and the downloads' : ', not the downloads'}`, async () => {
    const cold = await freshRunner();
    expect(cold.exitCode).toBe(0);
    // The figures behind the decision, in the test log.
    console.log(
      `${index} index: ${/Dependency cache for \/root\/\.cache\/pip: its [^\n]*/.exec(cold.log)?.[0]}`,
    );
    expect(cold.log).toMatch(
      downloadsKept
        ? /Dependency cache for \/root\/\.cache\/pip: its .* of downloads came at about \d+ MB\/s, less than the \d+ MB\/s at which carrying them pays: they are saved/
        : /Dependency cache for \/root\/\.cache\/pip: its .* of downloads came at \d+ MB\/s or faster, more than the \d+ MB\/s at which carrying them pays: only what the build made is saved/,
    );
    const members = savedMembers(cacheDir);
    expect(members.some((name) => /^\.\/wheels\/.*built_.*\.whl$/.test(name))).toBe(true);
    expect(members.some((name) => /^\.\/http(-v2)?\//.test(name))).toBe(downloadsKept);
    const report = JSON.parse(execFileSync('cat', [cold.outputs.report!], { encoding: 'utf8' }));
    expect(report.dependencyCache.mounts[0].downloads).toMatchObject({ dropped: !downloadsKept });

    // A fresh runner, one more dependency: the built wheel comes from the restored cache, and the
    // downloads too where they were kept.
    writeFileSync(path.join(workspace, 'requirements.txt'), `delta-${index}==1.0.0\n`, { flag: 'a' });
    const next = await freshRunner();
    expect(next.exitCode).toBe(0);
    expect(next.outputs['dependency-cache']).toBe('partial');
    expect(next.log).not.toMatch(new RegExp(`Building wheel for built_${index}`));
    expect(server.totalDownloads()).toBe(downloadsKept ? 1 : 4);
  });
});
