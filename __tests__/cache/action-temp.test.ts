import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { actionTempDirFor } from '../../src/cache/action-temp.js';

describe('actionTempDirFor', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'dfb-action-temp-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("is a private directory in the runner's temp, the same path on every run of that runner", () => {
    const runnerTemp = path.join(root, 'runner-1', '_temp');
    mkdirSync(runnerTemp, { recursive: true });
    const first = actionTempDirFor(runnerTemp);
    expect(first).toBe(path.join(runnerTemp, 'docker-fast-build'));
    expect(actionTempDirFor(runnerTemp)).toBe(first);
    expect(statSync(first).mode & 0o777).toBe(0o700);
  });

  it('two runners on one host never share it', () => {
    const a = actionTempDirFor(path.join(root, 'runner-a', '_temp'));
    const b = actionTempDirFor(path.join(root, 'runner-b', '_temp'));
    expect(a).not.toBe(b);
  });

  it('makes a directory an older version left readable private again', () => {
    const runnerTemp = path.join(root, 'runner-1', '_temp');
    mkdirSync(path.join(runnerTemp, 'docker-fast-build'), { recursive: true, mode: 0o777 });
    expect(statSync(actionTempDirFor(runnerTemp)).mode & 0o777).toBe(0o700);
  });

  it('outside a runner, a private directory of its own for every run, never a fixed path under /tmp', () => {
    const a = actionTempDirFor(undefined);
    const b = actionTempDirFor(undefined);
    try {
      expect(a).not.toBe(b);
      expect(a).not.toBe(path.join(tmpdir(), 'docker-fast-build'));
      expect(statSync(a).mode & 0o777).toBe(0o700);
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });
});
