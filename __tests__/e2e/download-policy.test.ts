// What a dependency cache keeps across fresh runners: what the build made (a wheel pip built from an
// sdist) always; what it downloaded only when the download was slower than carrying it. Two indexes
// serve the same kind of project: a fast one (downloads not worth carrying, left out of the entry)
// and a slow one (kept). The network is simulated: the wheel server throttles to the rate given.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { wipeBuilder } from '../../scripts/harness/engine.js';
import { writePurePythonSdist } from '../../scripts/harness/fixtures/sdists.js';
import { MB, makeWheel } from '../../scripts/harness/fixtures/wheels.js';
import { serveWheels, type WheelIndex } from '../../scripts/harness/services/wheel-index.js';
import { localEntries, localEntriesDir } from './support/local-backend.js';
import { localCacheInputs } from './support/runs.js';
import { useStack } from './support/use-stack.js';

/** The member names of the entries saved for a push to main (each a zstd tar holding cache.tar). */
function savedMembers(cacheDir: string): string[] {
  const dir = localEntriesDir(cacheDir);
  const names: string[] = [];
  for (const entry of localEntries(cacheDir)) {
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
  const suite = useStack({ image: `e2e-downloads-${index}`, workspace: { files: {} }, cacheDir: true });
  const { image, workspace, cacheDir } = suite;
  let server: WheelIndex;

  beforeAll(async () => {
    const wheels = suite.tempDir('dfb-e2e-downloads-wheels-');
    for (const name of ['alpha', 'beta', 'gamma', 'delta'])
      await makeWheel(wheels, { name: `${name}-${index}`, payloadBytes: payloadMB * MB });
    await writePurePythonSdist(wheels, `built_${index}`);
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
  });

  const freshRunner = () => {
    wipeBuilder();
    server.resetCounts();
    return suite.run({
      inputs: { ...localCacheInputs(image, cacheDir), 'layer-cache': 'none', comment: 'off' },
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
    expect(next.report?.dependencyCache.status).toBe('partial');
    expect(next.log).not.toMatch(new RegExp(`Building wheel for built_${index}`));
    expect(server.totalDownloads()).toBe(downloadsKept ? 1 : 4);
  });
});
