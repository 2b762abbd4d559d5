import {
  applyExplicitLayerCache,
  branchSlug,
  describeCacheSpec,
  layerCacheTag,
  planLayerCache,
  pullRequestLayerCacheTag,
  type LayerCacheFacts,
} from '../../src/buildx/layer-cache.js';

const repository = 'ghcr.io/org/app';

function facts(overrides: Partial<LayerCacheFacts> = {}): LayerCacheFacts {
  return {
    kind: 'registry',
    mode: 'max',
    repository,
    tags: [],
    cacheDir: '',
    branch: 'main',
    baseBranch: '',
    defaultBranch: 'main',
    pullRequestNumber: undefined,
    ...overrides,
  };
}

describe('branchSlug', () => {
  it('lower-cases and replaces anything outside [a-z0-9_.-] with -', () => {
    expect(branchSlug('feature/X_1')).toBe('feature-x_1');
    expect(branchSlug('Fix: spaces & symbols!')).toBe('fix--spaces---symbols-');
    expect(branchSlug('release-1.2')).toBe('release-1.2');
  });

  it('never returns an empty slug', () => {
    expect(branchSlug('')).toBe('unknown');
  });

  it('keeps very long branch names within the 128-character tag limit', () => {
    const long = `feature/${'very-long-branch-name-'.repeat(10)}`;
    const tag = layerCacheTag(long);
    expect(tag.length).toBeLessThanOrEqual(128);
    expect(tag).toMatch(/^buildcache-feature-very-long-branch-name-/);
    expect(tag).toMatch(/-[0-9a-f]{8}$/);
  });

  it('gives two long names sharing a long prefix different tags', () => {
    const prefix = `feature/${'x'.repeat(200)}`;
    const a = layerCacheTag(`${prefix}-a`);
    const b = layerCacheTag(`${prefix}-b`);
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThanOrEqual(128);
    expect(b.length).toBeLessThanOrEqual(128);
  });

  it('leaves a name that exactly fits unchanged', () => {
    const fits = 'a'.repeat(128 - 'buildcache-'.length);
    expect(layerCacheTag(fits)).toBe(`buildcache-${fits}`);
    expect(layerCacheTag(`${fits}b`)).not.toContain(`${fits}b`);
  });
});

describe('planLayerCache: which caches a build reads and writes', () => {
  it('push on main reads main only and writes main', () => {
    const plan = planLayerCache(facts());
    expect(plan.readRefs).toEqual([`${repository}:buildcache-main`]);
    expect(plan.writeRef).toBe(`${repository}:buildcache-main`);
  });

  it('push on a feature branch reads the branch then main, writes the branch', () => {
    const plan = planLayerCache(facts({ branch: 'feature/login' }));
    expect(plan.readRefs).toEqual([
      `${repository}:buildcache-feature-login`,
      `${repository}:buildcache-main`,
    ]);
    expect(plan.writeRef).toBe(`${repository}:buildcache-feature-login`);
  });

  it('a pull request from feature/a into release reads feature-a, release, main and writes feature-a', () => {
    const plan = planLayerCache(facts({ branch: 'feature/a', baseBranch: 'release', pullRequestNumber: 12 }));
    expect(plan.readRefs).toEqual([
      `${repository}:buildcache-feature-a`,
      `${repository}:buildcache-release`,
      `${repository}:buildcache-main`,
    ]);
    expect(plan.writeRef).toBe(`${repository}:buildcache-feature-a`);
  });

  it('a pull request whose head branch is named main never writes buildcache-main', () => {
    const plan = planLayerCache(facts({ branch: 'main', baseBranch: 'main', pullRequestNumber: 7 }));
    expect(plan.writeRef).toBe(`${repository}:buildcache_pr-7`);
    expect(plan.cacheTo.join('\n')).not.toContain('buildcache-main');
    expect(plan.readRefs).toEqual([`${repository}:buildcache_pr-7`, `${repository}:buildcache-main`]);
  });

  it("a pull request whose head is named like its base (a fork's release into release) never writes the base's cache", () => {
    const plan = planLayerCache(facts({ branch: 'release', baseBranch: 'release', pullRequestNumber: 4 }));
    expect(plan.writeRef).toBe(`${repository}:buildcache_pr-4`);
    expect(plan.readRefs).toEqual([
      `${repository}:buildcache_pr-4`,
      `${repository}:buildcache-release`,
      `${repository}:buildcache-main`,
    ]);
  });

  it('a pull request from a head branch that only differs in case from the default never writes it', () => {
    const plan = planLayerCache(facts({ branch: 'Main', baseBranch: 'main', pullRequestNumber: 8 }));
    expect(plan.writeRef).toBe(`${repository}:buildcache_pr-8`);
  });

  it('a pull request whose head is named like a default branch other than main writes buildcache_pr-<n>', () => {
    const plan = planLayerCache(
      facts({ branch: 'develop', baseBranch: 'develop', defaultBranch: 'develop', pullRequestNumber: 3 }),
    );
    expect(plan.writeRef).toBe(`${repository}:buildcache_pr-3`);
    expect(plan.cacheTo[0]).not.toContain('buildcache-develop');
  });

  it("a fork's pull request writes only buildcache_pr-<n>, whatever its head is called, and reads no branch named like it", () => {
    const plan = planLayerCache(
      facts({ branch: 'release', baseBranch: 'main', pullRequestNumber: 9, untrustedHead: true }),
    );
    expect(plan.writeRef).toBe(`${repository}:buildcache_pr-9`);
    expect(plan.cacheTo).toEqual([
      `type=registry,ref=${repository}:buildcache_pr-9,mode=max,ignore-error=true`,
    ]);
    expect(plan.readRefs).toEqual([`${repository}:buildcache_pr-9`, `${repository}:buildcache-main`]);
  });

  it('no branch name reaches a pull request’s namespace: a push to pr-7, PR/7 or pr/7 never reads or writes buildcache_pr-7', () => {
    const fork = planLayerCache(
      facts({ branch: 'main', baseBranch: 'main', pullRequestNumber: 7, untrustedHead: true }),
    );
    const forkTag = `${repository}:${pullRequestLayerCacheTag(7)}`;
    expect(fork.writeRef).toBe(forkTag);
    for (const branch of ['pr-7', 'PR/7', 'pr/7', 'Pr-7', 'buildcache_pr-7', '_pr-7']) {
      for (const kind of ['registry', 'gha', 'local'] as const) {
        const push = planLayerCache(facts({ kind, cacheDir: '/c', branch }));
        const sameRepoPullRequest = planLayerCache(
          facts({ kind, cacheDir: '/c', branch, baseBranch: 'main', pullRequestNumber: 8 }),
        );
        for (const plan of [push, sameRepoPullRequest]) {
          for (const ref of [...plan.readRefs, plan.writeRef ?? ''])
            expect(ref.split(/[:/]/).pop()).not.toBe(pullRequestLayerCacheTag(7));
        }
      }
      expect(layerCacheTag(branch)).not.toBe(pullRequestLayerCacheTag(7));
    }
  });

  it('a push to a branch spelled like the default one (MAIN) writes a tag of its own, never main’s', () => {
    const plan = planLayerCache(facts({ branch: 'MAIN' }));
    expect(plan.writeRef).toMatch(new RegExp(`^${repository}:buildcache-main-[0-9a-f]{8}$`));
    expect(plan.readRefs).toEqual([plan.writeRef, `${repository}:buildcache-main`]);
    expect(planLayerCache(facts({ branch: 'Main' })).writeRef).not.toBe(plan.writeRef);
    expect(planLayerCache(facts({ branch: 'main' })).writeRef).toBe(`${repository}:buildcache-main`);
  });

  it('a workflow_run of a fork’s run (a stranger’s code, no pull request of its own) reads but writes nothing', () => {
    for (const kind of ['registry', 'gha', 'local'] as const) {
      const plan = planLayerCache(facts({ kind, cacheDir: '/c', untrustedHead: true }));
      expect(plan.cacheTo).toEqual([]);
      expect(plan.writeRef).toBeUndefined();
      expect(plan.readRefs.length).toBe(1);
    }
  });

  it('a pull_request_target run or a fork (an untrusted head) reads but never writes the gha layer cache', () => {
    for (const pullRequestWrites of ['min', 'max'] as const) {
      const plan = planLayerCache(
        facts({
          kind: 'gha',
          branch: 'feature/a',
          baseBranch: 'main',
          pullRequestNumber: 5,
          untrustedHead: true,
          pullRequestWrites,
        }),
      );
      expect(plan.cacheTo).toEqual([]);
      expect(plan.writeRef).toBeUndefined();
      expect(plan.readRefs).toEqual(['buildcache_pr-5', 'buildcache-main']);
    }
  });

  it('a pull request writes its own gha scope with mode=min by default, as layer-cache-mode with max, or nothing with off', () => {
    const pr = (pullRequestWrites?: 'min' | 'max' | 'off') =>
      planLayerCache(
        facts({
          kind: 'gha',
          branch: 'feature/a',
          baseBranch: 'main',
          pullRequestNumber: 7,
          pullRequestWrites,
        }),
      );
    expect(pr().cacheTo).toEqual(['type=gha,scope=buildcache-feature-a,mode=min,ignore-error=true']);
    expect(pr('min').cacheTo).toEqual(pr().cacheTo);
    expect(pr('max').cacheTo).toEqual(['type=gha,scope=buildcache-feature-a,mode=max,ignore-error=true']);
    expect(pr('off').cacheTo).toEqual([]);
    expect(pr('off').writeRef).toBeUndefined();
    expect(pr('off').cacheFrom).toEqual(pr().cacheFrom);
    // A push is not a pull request: the policy does not apply.
    expect(planLayerCache(facts({ kind: 'gha', branch: 'main', pullRequestWrites: 'off' })).cacheTo).toEqual([
      'type=gha,scope=buildcache-main,mode=max,ignore-error=true',
    ]);
    // The registry layer cache has no such quota: the policy is for gha only.
    expect(
      planLayerCache(facts({ branch: 'feature/a', pullRequestNumber: 7, pullRequestWrites: 'off' })).cacheTo,
    ).toHaveLength(1);
  });
});

describe('planLayerCache: kinds', () => {
  it('registry: one cache-from per ref, cache-to with mode and ignore-error', () => {
    const plan = planLayerCache(facts({ branch: 'feature/a' }));
    expect(plan.kind).toBe('registry');
    expect(plan.cacheFrom).toEqual([
      `type=registry,ref=${repository}:buildcache-feature-a`,
      `type=registry,ref=${repository}:buildcache-main`,
    ]);
    expect(plan.cacheTo).toEqual([
      `type=registry,ref=${repository}:buildcache-feature-a,mode=max,ignore-error=true`,
    ]);
  });

  it('registry honours mode=min', () => {
    const plan = planLayerCache(facts({ mode: 'min' }));
    expect(plan.cacheTo).toEqual([
      `type=registry,ref=${repository}:buildcache-main,mode=min,ignore-error=true`,
    ]);
  });

  it('registry uses a port-qualified repository as given', () => {
    const plan = planLayerCache(facts({ repository: '127.0.0.1:5000/pip-app' }));
    expect(plan.cacheFrom).toEqual(['type=registry,ref=127.0.0.1:5000/pip-app:buildcache-main']);
  });

  it('gha: scopes named after the cache tags', () => {
    const plan = planLayerCache(facts({ kind: 'gha', repository: '', branch: 'feature/a' }));
    expect(plan.readRefs).toEqual(['buildcache-feature-a', 'buildcache-main']);
    expect(plan.writeRef).toBe('buildcache-feature-a');
    expect(plan.cacheFrom).toEqual(['type=gha,scope=buildcache-feature-a', 'type=gha,scope=buildcache-main']);
    expect(plan.cacheTo).toEqual(['type=gha,scope=buildcache-feature-a,mode=max,ignore-error=true']);
  });

  it('local: directories under <dir>/layers/, trailing slashes dropped', () => {
    const plan = planLayerCache(
      facts({ kind: 'local', cacheDir: '/var/cache/dfb/', branch: 'feature/a', mode: 'min' }),
    );
    expect(plan.readRefs).toEqual([
      '/var/cache/dfb/layers/buildcache-feature-a',
      '/var/cache/dfb/layers/buildcache-main',
    ]);
    expect(plan.writeRef).toBe('/var/cache/dfb/layers/buildcache-feature-a');
    expect(plan.cacheFrom).toEqual([
      'type=local,src=/var/cache/dfb/layers/buildcache-feature-a',
      'type=local,src=/var/cache/dfb/layers/buildcache-main',
    ]);
    expect(plan.cacheTo).toEqual([
      'type=local,dest=/var/cache/dfb/layers/buildcache-feature-a,mode=min,ignore-error=true',
    ]);
  });

  it('inline: reads from the image tags and writes into the image', () => {
    const tags = ['ghcr.io/org/app:1.0', 'ghcr.io/org/app:latest'];
    const plan = planLayerCache(facts({ kind: 'inline', tags }));
    expect(plan.readRefs).toEqual(tags);
    expect(plan.writeRef).toBe('ghcr.io/org/app:1.0');
    expect(plan.cacheFrom).toEqual([
      'type=registry,ref=ghcr.io/org/app:1.0',
      'type=registry,ref=ghcr.io/org/app:latest',
    ]);
    expect(plan.cacheTo).toEqual(['type=inline']);
  });

  it('none: reads and writes nothing', () => {
    expect(planLayerCache(facts({ kind: 'none', branch: 'feature/a' }))).toEqual({
      kind: 'none',
      readRefs: [],
      writeRef: undefined,
      cacheFrom: [],
      cacheTo: [],
    });
  });
});

describe('applyExplicitLayerCache: build-push-action’s cache-from, cache-to and no-cache', () => {
  const planned = planLayerCache(facts({ branch: 'feature/a' }));
  const none = { cacheFrom: [], cacheTo: [], noCache: false };

  it('leaves the plan alone when none is given', () => {
    expect(applyExplicitLayerCache(planned, none)).toEqual({ layerCache: planned, notes: [] });
  });

  it('lets explicit caches replace the planned one in both directions, and says so', () => {
    const { layerCache, notes } = applyExplicitLayerCache(planned, {
      ...none,
      cacheFrom: ['type=registry,ref=ghcr.io/org/app:cache'],
      cacheTo: ['type=registry,ref=ghcr.io/org/app:cache,mode=max'],
    });
    expect(layerCache).toEqual({
      kind: 'registry',
      readRefs: ['ghcr.io/org/app:cache'],
      writeRef: 'ghcr.io/org/app:cache',
      cacheFrom: ['type=registry,ref=ghcr.io/org/app:cache'],
      cacheTo: ['type=registry,ref=ghcr.io/org/app:cache,mode=max'],
    });
    expect(notes).toEqual([
      expect.stringContaining(
        'replace the planned registry layer cache (it would have read ghcr.io/org/app:buildcache-feature-a',
      ),
    ]);
  });

  it('with only cache-from, reads those and writes nothing', () => {
    const { layerCache } = applyExplicitLayerCache(planned, { ...none, cacheFrom: ['type=gha,scope=app'] });
    expect(layerCache).toMatchObject({ kind: 'gha', readRefs: ['app'], writeRef: undefined, cacheTo: [] });
  });

  it('no-cache reads nothing of the planned cache but still writes it', () => {
    const { layerCache, notes } = applyExplicitLayerCache(planned, { ...none, noCache: true });
    expect(layerCache.cacheFrom).toEqual([]);
    expect(layerCache.readRefs).toEqual([]);
    expect(layerCache.cacheTo).toEqual(planned.cacheTo);
    expect(notes).toEqual([
      'no-cache: the layer cache is not read; ghcr.io/org/app:buildcache-feature-a is still written',
    ]);
  });

  it('no-cache still passes an explicit cache-from, as build-push-action does, but counts no reads', () => {
    const { layerCache } = applyExplicitLayerCache(planned, {
      cacheFrom: ['ghcr.io/org/app:cache'],
      cacheTo: [],
      noCache: true,
    });
    expect(layerCache.cacheFrom).toEqual(['ghcr.io/org/app:cache']);
    expect(layerCache.readRefs).toEqual([]);
  });
});

describe('describeCacheSpec', () => {
  it('shows the ref, scope or directory of a cache', () => {
    expect(describeCacheSpec('ghcr.io/org/app:cache')).toBe('ghcr.io/org/app:cache');
    expect(describeCacheSpec('type=registry,ref=r/app:c,mode=max')).toBe('r/app:c');
    expect(describeCacheSpec('type=gha,mode=max')).toBe('buildkit');
    expect(describeCacheSpec('type=gha,scope=app,token=t')).toBe('app');
    expect(describeCacheSpec('type=local,src=/c')).toBe('/c');
    expect(describeCacheSpec('type=local,dest=/c,mode=max')).toBe('/c');
  });

  it('never shows other attributes, which may hold a key', () => {
    const s3 = 'type=s3,region=eu-west-1,bucket=b,name=app,access_key_id=AKIA,secret_access_key=SECRET';
    expect(describeCacheSpec(s3)).toBe('s3:app');
    expect(describeCacheSpec('type=azblob,account_url=https://a.example,secret_access_key=SECRET')).toBe(
      'azblob',
    );
  });
});
