// A cache entry crafted to escape: '../' members, absolute paths, and a symlink out of the
// directory with a file written through it. Nothing may land outside the cache directory.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as tarStream from 'tar-stream';

import { runAction } from '../../scripts/run-action.mjs';
import { removeImages, wipeBuilder } from '../../scripts/stack/docker-state.mjs';
import {
  assertStackRunning,
  copyProject,
  localEntriesDir,
  pushEvent,
  startWheelIndex,
  uniqueRepository,
} from './support/stack.js';

async function hostileTar(outside: string): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  pack.entry({ name: '../../../../../../..' + `${outside}-dotdot` }, 'escaped by ..\n');
  pack.entry({ name: `${outside}-absolute` }, 'escaped by an absolute path\n');
  pack.entry({ name: 'link', type: 'symlink', linkname: path.dirname(outside) });
  pack.entry({ name: `link/${path.basename(outside)}-through-link` }, 'escaped through a symlink\n');
  pack.entry({ name: 'cache.tar' }, 'not a tar at all');
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

describe('a hostile dependency cache archive', () => {
  const image = uniqueRepository('e2e-hostile-archive');
  const outside = path.join(tmpdir(), `dfb-outside-${process.pid}`);
  let workspace: string;
  let cacheDir: string;
  let index: Awaited<ReturnType<typeof startWheelIndex>>;

  beforeAll(async () => {
    assertStackRunning();
    workspace = copyProject('pip-small');
    cacheDir = mkdtempSync(path.join(tmpdir(), 'dfb-e2e-hostile-cache-'));
    index = await startWheelIndex(workspace, 4);
  });
  afterAll(async () => {
    await index?.close();
    removeImages(image);
    rmSync(workspace, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
    for (const suffix of ['-dotdot', '-absolute', '-through-link'])
      rmSync(`${outside}${suffix}`, { force: true });
  });

  it('writes nothing outside the cache directory, warns, builds, and replaces the entry', async () => {
    const inputs = {
      driver: 'docker',
      image,
      network: 'host',
      'layer-cache': 'none',
      'cache-backend': 'local',
      'cache-dir': cacheDir,
    };
    wipeBuilder();
    const first = await runAction({ inputs, workspace, ...pushEvent('main') });
    expect(first.exitCode).toBe(0);
    const entriesDir = localEntriesDir(cacheDir);
    const [entry] = readdirSync(entriesDir).filter((n) => n.startsWith('docker-fast-build-v2_'));
    expect(entry).toBeDefined();
    // Same name, hostile content: the next run finds it as an exact hit.
    const raw = path.join(tmpdir(), `dfb-hostile-${process.pid}.tar`);
    writeFileSync(raw, await hostileTar(outside));
    execFileSync('zstd', ['-q', '-f', raw, '-o', path.join(entriesDir, entry!)]);
    rmSync(raw);

    wipeBuilder();
    removeImages(image);
    index.resetCounts();
    const run = await runAction({ inputs, workspace, ...pushEvent('main') });
    expect(run.exitCode).toBe(0);
    for (const suffix of ['-dotdot', '-absolute', '-through-link'])
      expect(existsSync(`${outside}${suffix}`)).toBe(false);
    const warnings = run.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
    expect(warnings.some((w) => w.startsWith('Dependency cache for /root/.cache/pip'))).toBe(true);
    expect(run.outputs['dependency-cache']).toBe('miss');
    expect(index.totalDownloads()).toBe(3);
    const after = readdirSync(entriesDir).filter((n) => n.startsWith('docker-fast-build-v2_'));
    expect(after.length).toBe(2);

    // The replacement is what the next fresh runner restores.
    wipeBuilder();
    removeImages(image);
    index.resetCounts();
    const next = await runAction({ inputs, workspace, ...pushEvent('main') });
    expect(next.outputs['dependency-cache']).toBe('exact');
    expect(index.totalDownloads()).toBe(0);
  });
});
