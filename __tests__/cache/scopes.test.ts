import { scopeDirName } from '../../src/cache/backends/local.js';
import { registryCacheTag } from '../../src/cache/registry/refs.js';
import { planCacheScopes, type ScopeFacts } from '../../src/cache/scopes.js';

function facts(overrides: Partial<ScopeFacts> = {}): ScopeFacts {
  return {
    eventName: 'push',
    ref: 'refs/heads/main',
    branch: 'main',
    baseBranch: '',
    defaultBranch: 'main',
    pullRequestNumber: undefined,
    ...overrides,
  };
}

describe('planCacheScopes', () => {
  it('a push to the default branch reads and writes its own scope only', () => {
    expect(planCacheScopes(facts(), 'local')).toEqual({
      read: ['refs/heads/main'],
      write: 'refs/heads/main',
    });
  });

  it('a push to another branch reads its own scope, then the default branch, and writes its own', () => {
    const scopes = planCacheScopes(facts({ ref: 'refs/heads/feature/X', branch: 'feature/X' }), 'local');
    expect(scopes).toEqual({
      read: ['refs/heads/feature/X', 'refs/heads/main'],
      write: 'refs/heads/feature/X',
    });
  });

  it('a pull request reads its own scope, its base branch, the default branch; writes only its own', () => {
    const scopes = planCacheScopes(
      facts({
        eventName: 'pull_request',
        ref: 'refs/pull/7/merge',
        branch: 'feature/a',
        baseBranch: 'release',
        pullRequestNumber: 7,
      }),
      'local',
    );
    expect(scopes).toEqual({
      read: ['refs/pull/7/merge', 'refs/heads/release', 'refs/heads/main'],
      write: 'refs/pull/7/merge',
    });
  });

  it("a fork's pull request from a branch named main still writes only the pull request's scope", () => {
    const scopes = planCacheScopes(
      facts({
        eventName: 'pull_request',
        ref: 'refs/pull/9/merge',
        branch: 'main',
        baseBranch: 'main',
        pullRequestNumber: 9,
      }),
      'local',
    );
    expect(scopes.write).toBe('refs/pull/9/merge');
    expect(scopes.read).toEqual(['refs/pull/9/merge', 'refs/heads/main']);
  });

  it('a tag keeps a scope of its own, apart from a branch of the same name', () => {
    const scopes = planCacheScopes(facts({ ref: 'refs/tags/main', branch: 'main' }), 'local');
    expect(scopes.write).toBe('refs/tags/main');
    expect(scopes.read).toEqual(['refs/tags/main', 'refs/heads/main']);
  });

  it('scopes are exact: a branch named like the default in another case is another scope', () => {
    const scopes = planCacheScopes(facts({ ref: 'refs/heads/MAIN', branch: 'MAIN' }), 'local');
    expect(scopes.read).toEqual(['refs/heads/MAIN', 'refs/heads/main']);
    expect(scopes.write).toBe('refs/heads/MAIN');
  });

  it('pull_request_target with the Actions cache saves nothing: the service would file it under the base branch', () => {
    const scopes = planCacheScopes(
      facts({
        eventName: 'pull_request_target',
        ref: 'refs/heads/main',
        branch: 'feature/a',
        baseBranch: 'main',
        pullRequestNumber: 4,
      }),
      'gha',
    );
    expect(scopes.write).toBeUndefined();
    expect(scopes.readOnlyReason).toContain('pull_request_target');
    expect(scopes.read).toEqual(['refs/pull/4/merge', 'refs/heads/main']);
  });

  it("pull_request_target with the local backend saves into the pull request's scope, never the base branch's", () => {
    const scopes = planCacheScopes(
      facts({
        eventName: 'pull_request_target',
        ref: 'refs/heads/main',
        branch: 'feature/a',
        baseBranch: 'main',
        pullRequestNumber: 4,
      }),
      'local',
    );
    expect(scopes.write).toBe('refs/pull/4/merge');
  });

  it('a stranger’s code outside a pull request of its own (a workflow_run of a fork’s run) reads but saves nothing', () => {
    for (const backend of ['gha', 'local'] as const) {
      const scopes = planCacheScopes(facts({ eventName: 'workflow_run', untrustedHead: true }), backend);
      expect(scopes.read).toEqual(['refs/heads/main']);
      expect(scopes.write).toBeUndefined();
      expect(scopes.readOnlyReason).toMatch(/fork’s code in the default branch’s cache scope/);
    }
  });
});

describe('no branch reaches a pull request’s scope', () => {
  it('a push to a branch named pull/7/merge, PR-7 or refs/pull/7/merge writes a scope of its own, a directory and a tag of its own', () => {
    const pr = planCacheScopes(
      facts({
        eventName: 'pull_request',
        ref: 'refs/pull/7/merge',
        branch: 'x',
        baseBranch: 'main',
        pullRequestNumber: 7,
      }),
      'local',
    ).write!;
    for (const branch of ['pull/7/merge', 'PR-7', 'refs/pull/7/merge']) {
      for (const ref of [`refs/heads/${branch}`, '']) {
        const push = planCacheScopes(facts({ ref, branch }), 'local');
        expect(push.write).not.toBe(pr);
        expect(push.read).not.toContain(pr);
        expect(scopeDirName(push.write!)).not.toBe(scopeDirName(pr));
        const mount = { id: '', target: '/root/.cache/pip' };
        expect(registryCacheTag(mount, { os: 'linux', arch: 'x64' }, push.write!)).not.toBe(
          registryCacheTag(mount, { os: 'linux', arch: 'x64' }, pr),
        );
      }
    }
  });
});
