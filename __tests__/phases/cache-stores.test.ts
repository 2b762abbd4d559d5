import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Input, type InputName } from '../../src/constants.js';
import { readRunContext } from '../../src/github/run-context.js';
import { parseInputs } from '../../src/inputs/parse.js';
import { chooseCacheStores } from '../../src/phases/cache-stores.js';

describe('chooseCacheStores', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'dfb-stores-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const inputs = (values: Partial<Record<InputName, string>>) =>
    parseInputs((name) => values[name] ?? '', { adviceRules: [] });
  const run = (event: string, payload: object, env: Record<string, string> = {}) => {
    const eventPath = path.join(dir, 'event.json');
    writeFileSync(eventPath, JSON.stringify(payload));
    return readRunContext({
      GITHUB_EVENT_NAME: event,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_WORKSPACE: dir,
      ...env,
    });
  };
  const local = { [Input.DependencyCacheBackend]: 'local', [Input.LocalCacheDir]: '/srv/cache' };

  it('writes the branch’s own scope on a push, in the backend asked for', () => {
    const stores = chooseCacheStores(inputs(local), run('push', { repository: { default_branch: 'main' } }));
    expect(stores.saves).toBe(true);
    expect(stores.backend?.name).toBe('local');
    expect(stores.scopes.write).toBe('refs/heads/main');
    expect(stores.registryRepository).toBeUndefined();
  });

  it('reads but writes nothing for a workflow_run of a fork’s pull request', () => {
    const stores = chooseCacheStores(
      inputs(local),
      run('workflow_run', {
        repository: { default_branch: 'main', full_name: 'acme/app' },
        workflow_run: {
          event: 'pull_request',
          head_repository: { full_name: 'mallory/app' },
          head_sha: 'f'.repeat(40),
        },
      }),
    );
    expect(stores.saves).toBe(false);
    expect(stores.scopes.write).toBeUndefined();
    expect(stores.scopes.readOnlyReason).toBeTruthy();
    expect(stores.scopes.read).toContain('refs/heads/main');
  });

  it('names the image repository for registry dependency caches, and keeps no reports without the Actions cache', () => {
    const saved = process.env.ACTIONS_RESULTS_URL;
    delete process.env.ACTIONS_RESULTS_URL;
    const stores = chooseCacheStores(
      inputs({ [Input.DependencyCacheBackend]: 'registry', [Input.Image]: 'ghcr.io/acme/app' }),
      run('push', {}),
    );
    expect(stores.registryRepository).toBe('ghcr.io/acme/app');
    // No ACTIONS_RESULTS_URL: the reports have nowhere to go.
    expect(stores.backend).toBeUndefined();
    if (saved !== undefined) process.env.ACTIONS_RESULTS_URL = saved;
  });
});
