import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LARGE_FILE_BYTES, measureContext } from '../../src/advice/context.js';

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'dfb-context-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Writes a file of exactly `bytes` bytes; returns the byte count so tests can add up what is sent. */
function write(relative: string, bytes: number | string): number {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  const content = typeof bytes === 'string' ? bytes : 'x'.repeat(bytes);
  writeFileSync(file, content);
  return Buffer.byteLength(content);
}

describe('measureContext', () => {
  it('counts only what .dockerignore lets through, with ! exceptions, anchors and always-sent files', async () => {
    const sent = [
      write(
        '.dockerignore',
        [
          '# build context for the app',
          '.git',
          '**/__pycache__',
          '*.log',
          '!keep.log',
          'data/',
          '!data/README.md',
          '/build',
          'Dockerfile',
          '',
        ].join('\n'),
      ),
      write('Dockerfile', 120), // excluded, but Docker always sends it
      write('src/app.py', 1_000),
      write('keep.log', 30),
      write('APP.LOG', 40), // patterns are case-sensitive on Linux
      write('data/README.md', 50),
      write('sub/build/notes.txt', 60), // `/build` only matches at the root
      write('node_modules/pkg/index.js', 2_000),
      write('.venv/lib/site.py', 700),
      write('tools/venv/script.sh', 10), // not a virtualenv: no pyvenv.cfg
    ];
    write('.git/objects/ab/cdef', 5_000);
    write('.git/HEAD', 20);
    write('src/__pycache__/app.cpython-312.pyc', 900);
    write('app.log', 300);
    write('data/big.csv', 4_000);
    write('build/out.bin', 800);
    symlinkSync('/etc', path.join(root, 'etc-link')); // never followed out of the context
    const linkBytes = '/etc'.length;

    const facts = await measureContext(root);

    expect(facts.hasDockerignore).toBe(true);
    expect(facts.fileCount).toBe(sent.length + 1);
    expect(facts.totalBytes).toBe(sent.reduce((sum, bytes) => sum + bytes, 0) + linkBytes);
    expect(facts.sentHeavyDirs).toEqual([
      { path: 'node_modules', bytes: 2_000 },
      { path: '.venv', bytes: 700 },
    ]);
    expect(facts.largest.slice(0, 3)).toEqual([
      { path: 'node_modules', bytes: 2_000 },
      { path: 'src', bytes: 1_000 },
      { path: '.venv', bytes: 700 },
    ]);
    expect(facts.largest.map((entry) => entry.path)).not.toEqual(expect.arrayContaining(['.git', 'build']));
    expect(facts.largeFiles).toEqual([]);
  });

  it('without a .dockerignore sends everything and groups repeated heavy directories', async () => {
    write('.git/HEAD', 20);
    write('.git/objects/pack/pack-1.pack', 3_000);
    write('pkg/a/__pycache__/m.pyc', 100);
    write('pkg/b/__pycache__/m.pyc', 150);
    write('pkg/b/__pycache__/n.pyc', 50);
    write('venv/pyvenv.cfg', 10);
    write('venv/lib/x.py', 90);
    write('main.py', 5);

    const facts = await measureContext(root);

    expect(facts.hasDockerignore).toBe(false);
    expect(facts.fileCount).toBe(8);
    expect(facts.sentHeavyDirs).toEqual([
      { path: '.git', bytes: 3_020 },
      { path: '**/__pycache__', bytes: 300 },
      { path: 'venv', bytes: 100 },
    ]);
  });

  it('looks inside an excluded directory when a wildcard exception may reach into it', async () => {
    const ignoreBytes = write('.dockerignore', 'vendor\n!**/LICENSE\n');
    write('vendor/a/LICENSE', 11);
    write('vendor/a/big.so', 9_000);
    write('vendor/b/c/LICENSE', 13);

    const facts = await measureContext(root);

    expect(facts.totalBytes).toBe(11 + 13 + ignoreBytes);
    expect(facts.fileCount).toBe(3);
  });

  it('reports files of 50 MB or more, biggest first, without reading them', async () => {
    write('.dockerignore', '.git\n');
    write('models/small.bin', 10);
    for (const [name, bytes] of [
      ['models/a.bin', LARGE_FILE_BYTES],
      ['models/b.bin', LARGE_FILE_BYTES * 3],
      ['c.tar', LARGE_FILE_BYTES - 1],
    ] as const) {
      write(name, 0);
      truncateSync(path.join(root, name), bytes); // sparse: sized without writing the bytes
    }

    const facts = await measureContext(root);

    expect(facts.largeFiles).toEqual([
      { path: 'models/b.bin', bytes: LARGE_FILE_BYTES * 3 },
      { path: 'models/a.bin', bytes: LARGE_FILE_BYTES },
    ]);
    expect(facts.largest[0]).toEqual({ path: 'models', bytes: LARGE_FILE_BYTES * 4 + 10 });
  });

  it("prefers the Dockerfile's own .dockerignore and always sends that Dockerfile", async () => {
    write('.dockerignore', '');
    write('docker/app.Dockerfile', 40);
    write('docker/app.Dockerfile.dockerignore', '*.md\ndocker\n');
    write('README.md', 500);
    write('main.py', 7);

    const facts = await measureContext(root, { dockerfile: 'docker/app.Dockerfile' });

    // main.py + the (empty) .dockerignore + the Dockerfile; the README and docker/ are ignored.
    expect(facts.hasDockerignore).toBe(true);
    expect(facts.fileCount).toBe(3);
    expect(facts.totalBytes).toBe(7 + 40);
  });

  it('refuses a context that is not a directory', async () => {
    write('file.txt', 1);
    await expect(measureContext(path.join(root, 'file.txt'))).rejects.toThrow('is not a directory');
    await expect(measureContext(path.join(root, 'missing'))).rejects.toThrow('is not a directory');
  });

  it('walks thousands of files quickly', async () => {
    for (let dir = 0; dir < 60; dir++) {
      for (let file = 0; file < 50; file++) write(`pkg${dir}/mod${file}.py`, 1);
    }
    write('.dockerignore', 'pkg1*\n');

    const started = performance.now();
    const facts = await measureContext(root);

    expect(facts.fileCount).toBe(3_000 - 11 * 50 + 1);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
