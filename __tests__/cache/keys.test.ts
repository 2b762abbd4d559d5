import {
  exactKeyField,
  joinKey,
  mountCacheKeys,
  mountSlug,
  overallStatus,
  restoreStatus,
  type DependencyCacheStatus,
  type KeyFacts,
} from '../../src/cache/keys.js';

const facts: KeyFacts = { os: 'Linux', arch: 'X64', lockfileHash: '3f2a9c', runStamp: '1234567.1' };
const pip = { id: '', target: '/root/.cache/pip' };

describe('mountSlug', () => {
  it('is the target without leading or trailing slashes, then a hash of the exact id', () => {
    expect(mountSlug(pip)).toBe('root-.cache-pip-bf3b04da');
    expect(mountSlug({ id: '', target: '/var/cache/apt/' })).toBe('var-cache-apt-f41bd3d3');
  });

  it('uses the id when there is one, with no key separator in it', () => {
    expect(mountSlug({ id: 'pip_deps.v2', target: '/root/.cache/pip' })).toBe('pip-deps.v2-d6bd2679');
  });

  it('collapses runs of unsafe characters into one dash', () => {
    expect(mountSlug({ id: '', target: '/opt/my cache:1/@@/x' })).toBe('opt-my-cache-1-x-672af548');
  });

  it('is "root" for the filesystem root', () => {
    expect(mountSlug({ id: '', target: '/' })).toBe('root-8a5edab2');
  });

  it('keeps the readable part to 70 characters', () => {
    expect(mountSlug({ id: '', target: `/${'a'.repeat(200)}` })).toBe(`${'a'.repeat(70)}-f7b36aaa`);
  });

  it('keeps mounts apart whose readable parts collide or prefix each other', () => {
    expect(mountSlug({ id: '', target: '/a/b' })).not.toBe(mountSlug({ id: '', target: '/a-b' }));
    const pipKeys = mountCacheKeys(pip, facts);
    const toolsKeys = mountCacheKeys({ id: '', target: '/root/.cache/pip-tools' }, facts);
    expect(toolsKeys.saveKey.startsWith(pipKeys.restoreKeys[1]!)).toBe(false);
  });
});

describe('mountCacheKeys', () => {
  it('builds the exact key shapes', () => {
    expect(mountCacheKeys(pip, facts)).toEqual({
      primaryKey: 'docker-fast-build-v2_Linux_X64_root-.cache-pip-bf3b04da_3f2a9c',
      restoreKeys: [
        'docker-fast-build-v2_Linux_X64_root-.cache-pip-bf3b04da_3f2a9c_',
        'docker-fast-build-v2_Linux_X64_root-.cache-pip-bf3b04da_',
      ],
      saveKey: 'docker-fast-build-v2_Linux_X64_root-.cache-pip-bf3b04da_3f2a9c_1234567.1',
      exactPrefix: 'docker-fast-build-v2_Linux_X64_root-.cache-pip-bf3b04da_3f2a9c_',
    });
  });

  it('writes a new save key every run, under the same exact prefix', () => {
    const first = mountCacheKeys(pip, facts);
    const second = mountCacheKeys(pip, { ...facts, runStamp: '1234567.2' });
    expect(second.saveKey).not.toBe(first.saveKey);
    expect(second.exactPrefix).toBe(first.exactPrefix);
    expect(second.saveKey.startsWith(first.exactPrefix)).toBe(true);
  });

  it('puts os, arch and the mount id into every key', () => {
    const keys = mountCacheKeys({ id: 'deps', target: '/x' }, { ...facts, os: 'macOS', arch: 'ARM64' });
    expect(keys.primaryKey).toBe('docker-fast-build-v2_macOS_ARM64_deps-f93464a4_3f2a9c');
    expect(keys.restoreKeys[1]).toBe('docker-fast-build-v2_macOS_ARM64_deps-f93464a4_');
  });

  it('keeps the separator out of every field, so no field can pass for two', () => {
    const keys = mountCacheKeys(
      { id: 'a_b', target: '/x' },
      { os: 'linux', arch: 'linux_amd64+linux_arm64', lockfileHash: 'ab_cd', runStamp: '1_2' },
    );
    expect(keys.saveKey.split('_')).toHaveLength(6);
    expect(keys.saveKey).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('a mount whose readable part extends another mount’s slug never matches its prefix', () => {
    const pip = mountCacheKeys({ id: 'pip', target: '/p' }, facts);
    const crafted = mountCacheKeys(
      { id: `${mountSlug({ id: 'pip', target: '/p' })}_x`, target: '/p' },
      facts,
    );
    expect(crafted.saveKey.startsWith(pip.restoreKeys[1]!)).toBe(false);
  });
});

describe('exactKeyField and joinKey', () => {
  it('image app with branch x-y and image app-x with branch y are different prefixes, neither extending the other', () => {
    const a = joinKey([exactKeyField('app'), exactKeyField('x-y')], true);
    const b = joinKey([exactKeyField('app-x'), exactKeyField('y')], true);
    expect(a).not.toBe(b);
    expect(a.startsWith(b) || b.startsWith(a)).toBe(false);
  });

  it('names that differ only in case or in characters a slug drops stay apart', () => {
    expect(exactKeyField('main')).not.toBe(exactKeyField('MAIN'));
    expect(exactKeyField('org/app')).not.toBe(exactKeyField('org-app'));
    expect(exactKeyField('feature/X_1')).toMatch(/^feature-X-1-[0-9a-f]{12}$/);
  });
});

describe('restoreStatus', () => {
  const keys = mountCacheKeys(pip, facts);

  it('is miss when nothing matched', () => {
    expect(restoreStatus(keys, undefined)).toBe('miss');
    expect(restoreStatus(keys, '')).toBe('miss');
  });

  it('is exact for an entry saved by another run from the same lockfiles', () => {
    expect(restoreStatus(keys, 'docker-fast-build-v2_Linux_X64_root-.cache-pip-bf3b04da_3f2a9c_999.3')).toBe(
      'exact',
    );
  });

  it('is exact for the primary key itself', () => {
    expect(restoreStatus(keys, keys.primaryKey)).toBe('exact');
  });

  it('is partial for an entry of the same mount made from other lockfiles', () => {
    expect(restoreStatus(keys, 'docker-fast-build-v2_Linux_X64_root-.cache-pip-bf3b04da_0000aa_999.3')).toBe(
      'partial',
    );
  });
});

describe('overallStatus', () => {
  it.each<[DependencyCacheStatus[], DependencyCacheStatus]>([
    [[], 'off'],
    [['off', 'off'], 'off'],
    [['exact'], 'exact'],
    [['exact', 'exact', 'off'], 'exact'],
    [['miss', 'miss'], 'miss'],
    [['off', 'miss'], 'miss'],
    [['exact', 'miss'], 'partial'],
    [['exact', 'partial'], 'partial'],
    [['partial', 'partial'], 'partial'],
    [['miss', 'partial', 'off'], 'partial'],
  ])('%j → %s', (statuses, expected) => {
    expect(overallStatus(statuses)).toBe(expected);
  });
});
