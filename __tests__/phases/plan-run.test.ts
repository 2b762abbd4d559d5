import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Input, type InputName } from '../../src/constants.js';
import { parseDockerfile } from '../../src/dockerfile/model.js';
import { readRunContext } from '../../src/github/run-context.js';
import { parseInputs } from '../../src/inputs/parse.js';
import { chooseCacheStores } from '../../src/phases/cache-stores.js';
import { logPlan, planRun } from '../../src/phases/plan-run.js';

describe('planRun and logPlan', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'dfb-plan-run-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function plannedFor(values: Partial<Record<InputName, string>>, dockerfileText: string) {
    const eventPath = path.join(dir, 'event.json');
    writeFileSync(eventPath, JSON.stringify({ repository: { default_branch: 'main' } }));
    const run = readRunContext({
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_RUN_ID: '77',
      GITHUB_WORKSPACE: dir,
      RUNNER_TEMP: dir,
    });
    const inputs = parseInputs((name) => values[name] ?? '', { adviceRules: [] });
    const stores = chooseCacheStores(inputs, run);
    const dockerfile = parseDockerfile(dockerfileText, inputs.buildArgs, { target: inputs.target });
    const lockfiles = { files: ['requirements.txt'], hash: 'abc123' };
    const planned = planRun({
      inputs,
      run,
      dockerfile,
      lockfiles,
      engine: { driver: 'docker-container', containerdStore: false },
      stores,
    });
    return { planned, inputs, stores };
  }

  const PIP =
    'FROM python:3.12\nCOPY requirements.txt .\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n';

  it('plans one build on a builder of its own, with its files in a fresh scratch directory under RUNNER_TEMP', () => {
    const { planned } = plannedFor(
      {
        [Input.Tags]: 'ghcr.io/acme/app:1',
        [Input.DependencyCacheBackend]: 'local',
        [Input.LocalCacheDir]: dir,
      },
      PIP,
    );
    expect(planned.runStamp).toBe('77.1');
    expect(path.dirname(planned.scratch)).toBe(dir);
    expect(existsSync(planned.scratch)).toBe(true);
    expect(planned.files.metadataFile).toBe(path.join(planned.scratch, 'metadata.json'));
    expect(planned.plan.builder.name).toMatch(/^dfb-77-[0-9a-f]{6}$/);
    expect(planned.plan.buildArgs).toEqual(
      expect.arrayContaining(['--metadata-file', planned.files.metadataFile]),
    );
    expect(planned.dependencyPlan.mounts.map((m) => m.mount.target)).toEqual(['/root/.cache/pip']);
    expect(planned.registryRefs).toBeUndefined();
  });

  it('warns of a dependency-cache target no mount uses', () => {
    const { planned, inputs, stores } = plannedFor(
      { [Input.DependencyCache]: '/root/.cache/uv', [Input.DependencyCacheBackend]: 'gha' },
      PIP,
    );
    const warnings: string[] = [];
    logPlan(planned, inputs, stores, (message) => warnings.push(message));
    expect(warnings).toEqual(
      expect.arrayContaining([
        'dependency-cache names /root/.cache/uv, but no RUN --mount=type=cache in the Dockerfile uses it',
      ]),
    );
  });
});
