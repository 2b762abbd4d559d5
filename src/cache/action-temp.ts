import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The directory where files passing through the cache backend live during a run: the cache mounts'
 * archives and the reports. @actions/cache makes a path part of an entry's version, so it must be the
 * same on every run, and RUNNER_TEMP is (the same on every GitHub-hosted runner, on every run of a
 * self-hosted one). Unlike a fixed path under /tmp it belongs to one runner, which empties it around
 * each job, so concurrent jobs on one host never share it; it is made private to the runner's user.
 * Outside a runner: a private directory of this run.
 */
export function actionTempDirFor(env: NodeJS.ProcessEnv): string {
  const root = env.RUNNER_TEMP
    ? path.join(env.RUNNER_TEMP, 'docker-fast-build')
    : mkdtempSync(path.join(tmpdir(), 'docker-fast-build-'));
  mkdirSync(root, { recursive: true, mode: 0o700 });
  // It may have existed already, made by an older version with other modes.
  chmodSync(root, 0o700);
  return root;
}

let current: string | undefined;

/** actionTempDirFor(process.env), made once per process. */
export function actionTempDir(): string {
  return (current ??= actionTempDirFor(process.env));
}
