// Reading a job's result: its annotations by level, and its timing for the test log.
import { readFileSync } from 'node:fs';

import type { ActionRun } from '../../../scripts/harness/runner/run-action.js';
import type { BuildReport } from '../../../src/report/model.js';

/** The job passed, main step and post step; a failed one's log tail goes to the test log, as only the log says why. */
export function expectSucceeded(run: ActionRun): void {
  if (run.exitCode !== 0) console.log(run.log.slice(-4000));
  expect(run.exitCode).toBe(0);
  expect(run.postExitCode).toBe(0);
}

/** The messages of the job's ::warning:: annotations, in order. */
export const warningsOf = (run: ActionRun): string[] =>
  run.annotations.filter((a) => a.level === 'warning').map((a) => a.message);

/** The messages of the job's ::error:: annotations, in order. */
export const errorsOf = (run: ActionRun): string[] =>
  run.annotations.filter((a) => a.level === 'error').map((a) => a.message);

/** The seconds of one run, printed so that the figures per driver and layer cache are in the test log. */
export function logBuildSeconds(label: string, outputs: Record<string, string>): void {
  const { build } = JSON.parse(readFileSync(outputs.report!, 'utf8')) as BuildReport;
  console.log(
    `${label}: build ${outputs['build-seconds']} s, cached ${build.cachedSteps}/${build.totalSteps}`,
  );
}

/** What most suites build with: the engine's own BuildKit, the wheel index on the host, dependency caches in a directory. */
export function localCacheInputs(image: string, cacheDir: string): Record<string, string> {
  return {
    driver: 'docker',
    image,
    network: 'host',
    'dependency-cache-backend': 'local',
    'local-cache-dir': cacheDir,
  };
}
