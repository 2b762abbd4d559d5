// What a pull request writes cannot reach the default branch's builds: the local backend scopes
// entries like the Actions cache, and a fork’s layer cache lives at buildcache_pr-N whatever its
// head is named, a tag no branch gets.
import { appendFileSync, existsSync } from 'node:fs';
import path from 'node:path';

import { registryTags } from '../../scripts/harness/registry.js';
import { forkPullRequestEvent, pushEvent, type Trigger } from '../../scripts/harness/runner/events.js';
import { localEntries, localEntriesDir } from './support/local-backend.js';
import { localCacheInputs } from './support/runs.js';
import { useStack } from './support/use-stack.js';

describe('cache scopes on the real stack (local backend, registry layer cache)', () => {
  const suite = useStack({
    image: 'e2e-scopes',
    workspace: { project: 'pip-small' },
    cacheDir: true,
    wheels: { payloadMB: 4, extra: ['added-by-pr==1.0.0'] },
  });
  const { image, workspace, cacheDir, wheels: index } = suite;

  /** Dependency cache entries of one scope (the same directory keeps each push's report). */
  const dependencyEntries = (scope?: string) => localEntries(cacheDir, { scope });

  async function freshRunner(event: Trigger) {
    suite.freshRunner();
    const run = await suite.run({ inputs: localCacheInputs(image, cacheDir), ...event });
    expect(run.exitCode).toBe(0);
    return run;
  }

  it("a fork's pull request adding a dependency cannot give main an exact hit, nor write main's or its head's caches", async () => {
    const cold = await freshRunner(pushEvent('main'));
    expect(cold.report?.dependencyCache.status).toBe('miss');
    expect(dependencyEntries()).toHaveLength(1);

    // A fork's branch named like one of ours: its caches are the pull request's alone.
    appendFileSync(path.join(workspace, 'requirements.txt'), 'added-by-pr==1.0.0\n');
    const pr = await freshRunner(forkPullRequestEvent(11, 'release'));
    expect(pr.report?.dependencyCache.status).toBe('partial');
    expect(index.totalDownloads()).toBe(1);
    expect(pr.report?.layerCache.writeRef).toBe(`${image}:buildcache_pr-11`);
    expect(pr.report?.layerCache.readRefs).toEqual([`${image}:buildcache_pr-11`, `${image}:buildcache-main`]);
    expect(dependencyEntries('refs/pull/11/merge')).toHaveLength(1);
    expect(dependencyEntries()).toHaveLength(1);
    expect(existsSync(localEntriesDir(cacheDir, 'refs/heads/release'))).toBe(false);
    expect(await registryTags(image)).toEqual(['buildcache-main', 'buildcache_pr-11']);

    // A push to a branch named like the pull request never reads or writes the fork's layer cache.
    const lookalike = await freshRunner(pushEvent('PR/11'));
    expect(lookalike.report?.layerCache.writeRef).toBe(`${image}:buildcache-pr-11`);
    expect(lookalike.report?.layerCache.readRefs).toEqual([
      `${image}:buildcache-pr-11`,
      `${image}:buildcache-main`,
    ]);

    // main with the same lockfile: restored from its own entry (partial), never from the pull request's.
    const main = await freshRunner(pushEvent('main'));
    expect(main.report?.dependencyCache.status).toBe('partial');
    expect([...index.downloads.keys()]).toEqual(['added_by_pr-1.0.0-py3-none-any.whl']);
    expect(dependencyEntries()).toHaveLength(2);
  });
});
