import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { runPost } from '../src/run-post.js';

// The post step gets the runner's saved state as STATE_* variables. `docker` and `buildx` are
// stand-ins on PATH that record the arguments they are given, one per line.
describe('runPost', () => {
  let dir: string;
  const saved = { ...process.env };
  const recorded = (program: string) => path.join(dir, `${program}.argv`);
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dfb-post-test-'));
    for (const program of ['docker', 'buildx']) {
      const stub = path.join(dir, program);
      writeFileSync(stub, `#!/bin/sh\nprintf '%s\\n' "$@" > '${recorded(program)}'\n`);
      chmodSync(stub, 0o755);
    }
    process.env.PATH = `${dir}:${saved.PATH ?? ''}`;
  });
  afterEach(() => {
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it('removes the builder it created through the docker CLI plugin', async () => {
    process.env.STATE_buildxInvocation = JSON.stringify(['docker', 'buildx']);
    process.env.STATE_builderToRemove = 'dfb-1234-abc123';
    await runPost();
    expect(readFileSync(recorded('docker'), 'utf8')).toBe('buildx\nrm\n--force\ndfb-1234-abc123\n');
  });

  it('uses the standalone buildx when main did', async () => {
    process.env.STATE_buildxInvocation = JSON.stringify(['buildx']);
    process.env.STATE_builderToRemove = 'dfb-local-abc123';
    await runPost();
    expect(readFileSync(recorded('buildx'), 'utf8')).toBe('rm\n--force\ndfb-local-abc123\n');
  });

  it('runs no invocation it did not write: a printed save-state cannot run a command', async () => {
    const pwned = path.join(dir, 'pwned');
    process.env.STATE_buildxInvocation = JSON.stringify(['sh', '-c', 'touch "$0"', pwned]);
    process.env.STATE_builderToRemove = 'dfb-1234-abc123';
    await runPost();
    expect(existsSync(pwned)).toBe(false);
    expect(readFileSync(recorded('docker'), 'utf8')).toBe('buildx\nrm\n--force\ndfb-1234-abc123\n');
  });

  it.each(['my-team-builder', 'default', 'dfb-1-abc123 --all', '--all'])(
    'removes no builder named %j: only the ones it creates',
    async (name) => {
      process.env.STATE_buildxInvocation = JSON.stringify(['docker', 'buildx']);
      process.env.STATE_builderToRemove = name;
      await runPost();
      expect(existsSync(recorded('docker'))).toBe(false);
    },
  );

  it('leaves the builder to a GitHub-hosted runner, whose machine goes with the job', async () => {
    process.env.RUNNER_ENVIRONMENT = 'github-hosted';
    process.env.STATE_buildxInvocation = JSON.stringify(['docker', 'buildx']);
    process.env.STATE_builderToRemove = 'dfb-1234-abc123';
    await runPost();
    expect(existsSync(recorded('docker'))).toBe(false);
    process.env.RUNNER_ENVIRONMENT = 'self-hosted';
    await runPost();
    expect(readFileSync(recorded('docker'), 'utf8')).toBe('buildx\nrm\n--force\ndfb-1234-abc123\n');
  });

  it('does nothing when the main step created no builder', async () => {
    process.env.STATE_builderToRemove = '';
    await runPost();
    expect(existsSync(recorded('docker'))).toBe(false);
  });
});
