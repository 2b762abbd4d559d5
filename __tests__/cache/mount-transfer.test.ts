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
    const transfer = createMountTransfer(hanging, 'builder', scratch, 0.2);
    await expect(transfer.inject(cacheMount(), scratch)).rejects.toThrow(
      'inject of cache mount /root/.cache/pip timed out after 0.2 s (dependency-cache-timeout)',
    );
    await expect(transfer.extract(cacheMount(), path.join(scratch, 'out'), false)).rejects.toThrow(
      'extract of cache mount /root/.cache/pip timed out after 0.2 s (dependency-cache-timeout)',
    );
    expect(aborted).toHaveLength(2);
  }, 20_000);
});
