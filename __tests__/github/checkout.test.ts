import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { checkedOutCommit, headCommitOf } from '../../src/github/checkout.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('headCommitOf', () => {
  it('reads a detached HEAD, a loose ref and a packed one', () => {
    const none = () => undefined;
    expect(headCommitOf(`${A}\n`, none, '')).toBe(A);
    expect(
      headCommitOf('ref: refs/heads/main\n', (ref) => (ref === 'refs/heads/main' ? `${B}\n` : undefined), ''),
    ).toBe(B);
    expect(
      headCommitOf('ref: refs/heads/main', none, `# pack-refs with: peeled\n${A} refs/heads/main\n`),
    ).toBe(A);
  });

  it('says nothing of what it cannot read', () => {
    expect(headCommitOf('ref: refs/heads/gone', () => undefined, '')).toBeUndefined();
    expect(headCommitOf('ref: refs/../../etc/passwd', () => A, '')).toBeUndefined();
    expect(headCommitOf('garbage', () => A, '')).toBeUndefined();
  });
});

describe('checkedOutCommit', () => {
  let workspace: string;
  beforeEach(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'dfb-checkout-'));
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  it('finds the repository above the context, up to the workspace', () => {
    mkdirSync(path.join(workspace, '.git', 'refs', 'heads'), { recursive: true });
    mkdirSync(path.join(workspace, 'app'));
    writeFileSync(path.join(workspace, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(path.join(workspace, '.git', 'refs', 'heads', 'main'), `${A}\n`);
    expect(checkedOutCommit(path.join(workspace, 'app'), workspace)).toBe(A);
  });

  it('follows a .git file to the real directory, and is undefined without a repository', () => {
    expect(checkedOutCommit(workspace, workspace)).toBeUndefined();
    mkdirSync(path.join(workspace, 'real'));
    writeFileSync(path.join(workspace, 'real', 'HEAD'), `${B}\n`);
    writeFileSync(path.join(workspace, '.git'), 'gitdir: real\n');
    expect(checkedOutCommit(workspace, workspace)).toBe(B);
  });
});
