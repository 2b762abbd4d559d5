// Cache entries crafted to escape or to carry what a runner must not get: '../' members, absolute
// paths, a symlink out of the directory with a file written through it, devices, setuid files.
// Nothing may land outside the cache directory, and none of it reaches BuildKit.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as tarStream from 'tar-stream';

import { localEntriesDir } from './support/local-backend.js';
import { localCacheInputs, warningsOf } from './support/runs.js';
import { useStack } from './support/use-stack.js';

type Member = Partial<tarStream.Header> & { name: string; content?: Buffer | string };

async function tarOf(members: Member[]): Promise<Buffer> {
  const pack = tarStream.pack();
  for (const { content, ...header } of members) {
    const body = Buffer.from(content ?? '');
    pack.entry({ mode: 0o644, ...header, size: body.length }, body);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A cache mount's archive as the extract helper could never have written it: a device and a setuid shell. */
function hostileMount(): Promise<Buffer> {
  return tarOf([
    { name: './', type: 'directory', mode: 0o755 },
    { name: './wheels/alpha.whl', content: 'not a wheel' },
    { name: './null', type: 'character-device', devmajor: 1, devminor: 3, mode: 0o666 },
    { name: './rootshell', content: '#!/bin/sh\n', mode: 0o4755 },
  ]);
}

const zstd = (input: Buffer, decompress = false) =>
  execFileSync('zstd', [decompress ? '-dcq' : '-cq'], { input, maxBuffer: 1024 * 1024 * 1024 });

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
  const suite = useStack({
    image: 'e2e-hostile-archive',
    workspace: { project: 'pip-small' },
    cacheDir: true,
    wheels: { payloadMB: 4 },
  });
  const { image, cacheDir, wheels: index } = suite;
  const inputs = { ...localCacheInputs(image, cacheDir), 'layer-cache': 'none' };
  const outside = path.join(tmpdir(), `dfb-outside-${process.pid}`);
  afterAll(() => {
    for (const suffix of ['-dotdot', '-absolute', '-through-link'])
      rmSync(`${outside}${suffix}`, { force: true });
  });

  it('writes nothing outside the cache directory, warns, builds, and replaces the entry', async () => {
    suite.freshRunner();
    const first = await suite.run({ inputs });
    expect(first.exitCode).toBe(0);
    const entriesDir = localEntriesDir(cacheDir);
    const [entry] = readdirSync(entriesDir).filter((n) => n.startsWith('docker-fast-build-v2_'));
    expect(entry).toBeDefined();
    // Same name, hostile content: the next run finds it as an exact hit.
    const raw = path.join(tmpdir(), `dfb-hostile-${process.pid}.tar`);
    writeFileSync(raw, await hostileTar(outside));
    execFileSync('zstd', ['-q', '-f', raw, '-o', path.join(entriesDir, entry!)]);
    rmSync(raw);

    suite.freshRunner();
    const run = await suite.run({ inputs });
    expect(run.exitCode).toBe(0);
    for (const suffix of ['-dotdot', '-absolute', '-through-link'])
      expect(existsSync(`${outside}${suffix}`)).toBe(false);
    const warnings = warningsOf(run);
    expect(warnings.some((w) => w.startsWith('Dependency cache for /root/.cache/pip'))).toBe(true);
    expect(run.report?.dependencyCache.status).toBe('miss');
    expect(index.totalDownloads()).toBe(3);
    const after = readdirSync(entriesDir).filter((n) => n.startsWith('docker-fast-build-v2_'));
    expect(after.length).toBe(2);

    // The replacement is what the next fresh runner restores.
    suite.freshRunner();
    const next = await suite.run({ inputs });
    expect(next.report?.dependencyCache.status).toBe('exact');
    expect(index.totalDownloads()).toBe(0);
  });

  it('an entry whose cache mount archive holds a device and a setuid file never reaches BuildKit', async () => {
    const entriesDir = localEntriesDir(cacheDir);
    const newest = readdirSync(entriesDir)
      .filter((n) => n.startsWith('docker-fast-build-v2_'))
      .sort(
        (a, b) => statSync(path.join(entriesDir, b)).mtimeMs - statSync(path.join(entriesDir, a)).mtimeMs,
      )[0]!;
    writeFileSync(
      path.join(entriesDir, newest),
      zstd(await tarOf([{ name: 'cache.tar', content: await hostileMount() }])),
    );

    suite.freshRunner();
    const run = await suite.run({ inputs });
    expect(run.exitCode).toBe(0);
    const warnings = warningsOf(run);
    expect(warnings).toEqual([
      expect.stringMatching(
        /could not be restored.*cache\.tar was not written by this action: '\.\/null' is a character-device/,
      ),
    ]);
    expect(run.report?.dependencyCache.status).toBe('miss');
    expect(index.totalDownloads()).toBe(3);
  });
});

describe('a hostile entry through the gha backend', () => {
  const suite = useStack({
    image: 'e2e-hostile-gha',
    workspace: { project: 'pip-small' },
    wheels: { payloadMB: 4 },
    cacheService: { onDisk: true },
  });
  const { image, wheels: index, cacheService: service } = suite;

  async function freshRunner() {
    suite.freshRunner();
    const run = await suite.run({
      inputs: { driver: 'docker', image, network: 'host', 'layer-cache': 'none' },
    });
    expect(run.exitCode).toBe(0);
    return run;
  }

  it('a device and a setuid file in what @actions/cache unpacks, then a device inside the mount archive: each refused, replaced', async () => {
    await freshRunner();
    const [entry] = service.entries().filter((e) => e.key.startsWith('docker-fast-build-v2_'));
    // Where @actions/cache put cache.tar, relative to the workspace, as it recorded it.
    const original = zstd(await service.readArchive(entry!.key), true);
    const listing = execFileSync('tar', ['-t'], { input: original, encoding: 'utf8' }).split('\n');
    const member = listing.find((name) => name.endsWith('/cache.tar'))!;
    const mountDir = path.posix.dirname(member);

    // What @actions/cache itself unpacks: next to a real cache.tar (setuid), a device.
    const innerArchive = execFileSync('tar', ['-xOP', member], {
      input: original,
      maxBuffer: 1024 * 1024 * 1024,
    });
    await service.writeArchive(
      entry!.key,
      zstd(
        await tarOf([
          { name: `${mountDir}/`, type: 'directory', mode: 0o755 },
          { name: member, content: innerArchive, mode: 0o4755 },
          { name: `${mountDir}/null`, type: 'character-device', devmajor: 1, devminor: 3 },
        ]),
      ),
    );
    const outer = await freshRunner();
    expect(warningsOf(outer)).toEqual([
      expect.stringMatching(
        /the entry is refused: 'cache\.tar' has a setuid, setgid or sticky bit; 'null' is not a file of a cache entry/,
      ),
    ]);
    expect(outer.report?.dependencyCache.status).toBe('miss');
    expect(index.totalDownloads()).toBe(3);

    // The replacement, with a mount archive the extract helper could never have written.
    const replacement = service
      .entries()
      .filter((e) => e.key.startsWith('docker-fast-build-v2_'))
      .at(-1)!;
    expect(replacement.key).not.toBe(entry!.key);
    await service.writeArchive(
      replacement.key,
      zstd(
        await tarOf([
          { name: `${mountDir}/`, type: 'directory', mode: 0o755 },
          { name: member, content: await hostileMount() },
        ]),
      ),
    );
    const inner = await freshRunner();
    expect(warningsOf(inner)).toEqual([expect.stringMatching(/cache\.tar was not written by this action/)]);
    expect(inner.report?.dependencyCache.status).toBe('miss');
    expect(index.totalDownloads()).toBe(3);

    const next = await freshRunner();
    expect(next.report?.dependencyCache.status).toBe('exact');
    expect(index.totalDownloads()).toBe(0);
  });
});
