import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { resolveLockfiles } from '../../src/inputs/lockfiles.js';

describe('resolveLockfiles', () => {
  let workspace: string;
  beforeAll(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'dfb-lockfiles-'));
    writeFileSync(path.join(workspace, 'Dockerfile'), 'FROM scratch\n');
    writeFileSync(path.join(workspace, 'requirements.txt'), 'requests==2.32.0\n');
    symlinkSync(path.join(workspace, 'gone.txt'), path.join(workspace, 'requirements-dev.txt'));
  });
  afterAll(() => {
    rmSync(workspace, { recursive: true, force: true });
  });

  it('skips a dangling lockfile symlink with a warning instead of failing the build', async () => {
    const warnings: string[] = [];
    const found = await resolveLockfiles(
      { dependencyCacheLockfiles: [], context: '.', file: '' },
      workspace,
      (message) => warnings.push(message),
    );
    expect(found.files).toEqual(['requirements.txt']);
    expect(warnings).toEqual([expect.stringContaining('Lockfile requirements-dev.txt is skipped')]);
  });

  it('hashes the same as without the dangling link', async () => {
    const quiet = () => undefined;
    const withLink = await resolveLockfiles(
      { dependencyCacheLockfiles: [], context: '.', file: '' },
      workspace,
      quiet,
    );
    const only = await resolveLockfiles(
      { dependencyCacheLockfiles: ['requirements.txt'], context: '.', file: '' },
      workspace,
      quiet,
    );
    expect(withLink.hash).toBe(only.hash);
  });
});
