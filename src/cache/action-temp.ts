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
export function actionTempDirFor(runnerTemp: string | undefined): string {
  const root = runnerTemp
    ? path.join(runnerTemp, 'docker-fast-build')
    : mkdtempSync(path.join(tmpdir(), 'docker-fast-build-'));
  mkdirSync(root, { recursive: true, mode: 0o700 });
  // It may have existed already, made by an older version with other modes.
  chmodSync(root, 0o700);
  return root;
}

const made = new Map<string | undefined, string>();

/**
 * actionTempDirFor(stableTemp), made once per process: the run context's RUNNER_TEMP, passed in by
 * each caller, so that off a runner the cache mounts and the reports share one private directory.
 */
export function actionTempDir(stableTemp: string | undefined): string {
  let dir = made.get(stableTemp);
  if (dir === undefined) made.set(stableTemp, (dir = actionTempDirFor(stableTemp)));
  return dir;
}
