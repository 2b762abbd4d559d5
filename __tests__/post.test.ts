import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { runPost } from '../src/run-post.js';

// The post step gets the runner's saved state as STATE_* variables.
describe('runPost', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'dfb-post-test-'))));
  afterEach(() => {
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it('removes the builder with the buildx invocation the main step found', async () => {
    const record = path.join(dir, 'argv');
    // Stands in for `docker buildx`: records the arguments it is given, one per line.
    process.env.STATE_buildxInvocation = JSON.stringify(['sh', '-c', 'printf "%s\\n" "$@" > "$0"', record]);
    process.env.STATE_builderToRemove = 'dfb-1234-abc';
    await runPost();
    expect(readFileSync(record, 'utf8')).toBe('rm\n--force\ndfb-1234-abc\n');
  });

  it('does nothing when the main step created no builder', async () => {
    const record = path.join(dir, 'argv');
    process.env.STATE_buildxInvocation = JSON.stringify(['sh', '-c', 'echo ran > "$0"', record]);
    delete process.env.STATE_builderToRemove;
    await runPost();
    expect(() => readFileSync(record)).toThrow(/ENOENT/);
  });
});
