import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { BuildxCli } from '../../src/buildx/toolkit.js';
import { createMountTransfer } from '../../src/cache/mount-transfer.js';
import { cacheMount } from './sample-mount.js';

describe('createMountTransfer', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'dfb-transfer-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('stops a helper build past dependency-cache-timeout, aborting the buildx behind it', async () => {
    const aborted: string[][] = [];
    // A BuildKit that takes the build and never answers.
    const hanging: BuildxCli = {
      invocation: () => Promise.resolve(['docker', 'buildx']),
      run: (args, options) =>
        new Promise((_, reject) =>
          options?.signal?.addEventListener('abort', () => {
            aborted.push(args);
            reject(new Error('killed'));
          }),
        ),
    };
    const transfer = createMountTransfer(hanging, 'builder', scratch, { timeoutSeconds: 0.2 });
    await expect(transfer.inject(cacheMount(), scratch)).rejects.toThrow(
      'inject of cache mount /root/.cache/pip timed out after 0.2 s (dependency-cache-timeout)',
    );
    await expect(transfer.extract(cacheMount(), path.join(scratch, 'out'), false)).rejects.toThrow(
      'extract of cache mount /root/.cache/pip timed out after 0.2 s (dependency-cache-timeout)',
    );
    expect(aborted).toHaveLength(2);
  }, 20_000);

  /** A buildx that builds at once and says which --output and nonce each build had. */
  function recordingBuildx(): { buildx: BuildxCli; builds: { output: string; nonce: string }[] } {
    const builds: { output: string; nonce: string }[] = [];
    return {
      builds,
      buildx: {
        invocation: () => Promise.resolve(['docker', 'buildx']),
        run: (args) => {
          builds.push({
            output: args[args.indexOf('--output') + 1]!,
            nonce: args[args.indexOf('--build-arg') + 1]!,
          });
          return Promise.resolve({ exitCode: 0, stdout: '', stderr: '' });
        },
      },
    };
  }

  it('exports through buildx, from the same pack, when the copy out of the container fails', async () => {
    const { buildx, builds } = recordingBuildx();
    const said: string[] = [];
    // `false` stands in for a docker CLI that cannot reach the container: every command fails.
    const transfer = createMountTransfer(buildx, 'builder', scratch, {
      container: Promise.resolve({ name: 'buildx_buildkit_builder0', invocation: ['false'] }),
      info: (message) => said.push(message),
    });
    const out = path.join(scratch, 'out');
    await expect(transfer.extract(cacheMount(), out, false)).resolves.toBe('full');
    expect(builds.map((build) => build.output)).toEqual(['type=cacheonly', `type=local,dest=${out}`]);
    // The same nonce, so BuildKit serves the pack from its cache instead of packing again.
    expect(builds[1]!.nonce).toBe(builds[0]!.nonce);
    expect(said).toEqual([
      expect.stringMatching(
        /^Dependency cache for \/root\/\.cache\/pip: not copied out of the builder's container \(not found under \/var\/lib\/buildkit in buildx_buildkit_builder0\); exporting it through buildx instead\.$/,
      ),
    ]);
  });

  it('exports through buildx at once when there is no container to copy from', async () => {
    const { buildx, builds } = recordingBuildx();
    const transfer = createMountTransfer(buildx, 'builder', scratch, {
      container: Promise.resolve(undefined),
    });
    const out = path.join(scratch, 'out');
    await transfer.extract(cacheMount(), out, false);
    expect(builds.map((build) => build.output)).toEqual([`type=local,dest=${out}`]);
  });
});
