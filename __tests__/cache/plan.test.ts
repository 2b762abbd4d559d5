import type { KeyFacts } from '../../src/cache/keys.js';
import type { CacheMount } from '../../src/cache/mounts.js';
import { planDependencyCache, type DependencyCacheFacts } from '../../src/cache/plan.js';
import { cacheMount } from './sample-mount.js';

const pip = cacheMount({ line: 4 });
const uv = cacheMount({ target: '/root/.cache/uv/', kind: 'uv', line: 7 });
const deps = cacheMount({ target: '/opt/deps', id: 'deps-v2', kind: 'generic', line: 9 });
const scratchOnly = cacheMount({
  target: '/cache/orphan',
  kind: 'generic',
  line: 12,
  helperImage: undefined,
});

const keyFacts: KeyFacts = { os: 'Linux', arch: 'X64', lockfileHash: 'cafe01', runStamp: '77.1' };
const hostRoot = '/tmp/docker-fast-build/cache-mounts';

function facts(setting: string, mounts: CacheMount[] = [pip, uv, deps]): DependencyCacheFacts {
  return { setting, mounts, keyFacts, hostRoot };
}

const plannedTargets = (setting: string, mounts?: CacheMount[]) =>
  planDependencyCache(facts(setting, mounts)).mounts.map((m) => m.mount.target);

describe('planDependencyCache', () => {
  it('plans nothing when off', () => {
    expect(planDependencyCache(facts('off', [pip, scratchOnly]))).toEqual({
      enabled: false,
      mounts: [],
      skipped: [],
      unknownTargets: [],
    });
    expect(planDependencyCache(facts('  off\n')).enabled).toBe(false);
  });

  it('plans every mount on auto, with keys and a host directory per mount', () => {
    const plan = planDependencyCache(facts('auto'));
    expect(plan.enabled).toBe(true);
    expect(plan.skipped).toEqual([]);
    expect(plan.unknownTargets).toEqual([]);
    expect(plan.mounts.map((m) => [m.mount, m.dir])).toEqual([
      [pip, '/tmp/docker-fast-build/cache-mounts/root-.cache-pip-bf3b04da'],
      [uv, '/tmp/docker-fast-build/cache-mounts/root-.cache-uv-01625ae4'],
      [deps, '/tmp/docker-fast-build/cache-mounts/deps-v2-3e11e113'],
    ]);
    expect(plan.mounts[0]!.keys).toEqual({
      primaryKey: 'docker-fast-build-v2_Linux_X64_root-.cache-pip-bf3b04da_cafe01',
      restoreKeys: [
        'docker-fast-build-v2_Linux_X64_root-.cache-pip-bf3b04da_cafe01_',
        'docker-fast-build-v2_Linux_X64_root-.cache-pip-bf3b04da_',
      ],
      saveKey: 'docker-fast-build-v2_Linux_X64_root-.cache-pip-bf3b04da_cafe01_77.1',
      exactPrefix: 'docker-fast-build-v2_Linux_X64_root-.cache-pip-bf3b04da_cafe01_',
    });
    expect(plan.mounts[2]!.keys.saveKey).toBe('docker-fast-build-v2_Linux_X64_deps-v2-3e11e113_cafe01_77.1');
  });

  it('treats an empty setting like auto', () => {
    expect(plannedTargets('  ')).toEqual(['/root/.cache/pip', '/root/.cache/uv/', '/opt/deps']);
  });

  it('selects from a comma-separated list by target, ignoring trailing slashes on either side', () => {
    expect(plannedTargets('/root/.cache/uv, /root/.cache/pip/')).toEqual([
      '/root/.cache/pip',
      '/root/.cache/uv/',
    ]);
  });

  it('selects from a newline-separated list by id', () => {
    const plan = planDependencyCache(facts('deps-v2\n\n'));
    expect(plan.mounts.map((m) => m.mount)).toEqual([deps]);
    expect(plan.unknownTargets).toEqual([]);
  });

  it('does not select a mount with an id by a different target', () => {
    expect(plannedTargets('/root/.cache/pip', [deps])).toEqual([]);
  });

  it('reports names that no cache mount uses', () => {
    const plan = planDependencyCache(facts('/root/.cache/pip,/root/.npm/\nnot-an-id'));
    expect(plan.mounts.map((m) => m.mount)).toEqual([pip]);
    expect(plan.unknownTargets).toEqual(['/root/.npm', 'not-an-id']);
  });

  it('skips mounts without a helper image, with a reason', () => {
    const plan = planDependencyCache(facts('auto', [pip, scratchOnly]));
    expect(plan.mounts.map((m) => m.mount)).toEqual([pip]);
    expect(plan.skipped).toEqual([
      { mount: scratchOnly, reason: 'no base image with a shell could be resolved for its stage' },
    ]);
  });

  it('does not report an unselected mount without a helper image as skipped', () => {
    const plan = planDependencyCache(facts('/root/.cache/pip', [pip, scratchOnly]));
    expect(plan.skipped).toEqual([]);
    expect(plan.mounts).toHaveLength(1);
  });

  it('gives a mount the same directory on every run', () => {
    const first = planDependencyCache(facts('auto', [pip]));
    const second = planDependencyCache({
      ...facts('auto', [cacheMount({ line: 40 })]),
      keyFacts: { ...keyFacts, lockfileHash: 'beef02', runStamp: '78.2' },
    });
    expect(second.mounts[0]!.dir).toBe(first.mounts[0]!.dir);
    expect(second.mounts[0]!.keys.saveKey).not.toBe(first.mounts[0]!.keys.saveKey);
  });
});

describe('planDependencyCache: values the helper builds cannot repeat safely', () => {
  it('skips a mount whose target or id could end the --mount flag or start shell text', () => {
    const spaced = cacheMount({ target: '/opt/my cache', kind: 'generic', line: 3 });
    const quoted = cacheMount({ target: '/opt/c', id: 'x"$(id)', kind: 'generic', line: 4 });
    const plan = planDependencyCache({ ...facts('auto'), mounts: [pip, spaced, quoted] });
    expect(plan.mounts.map((m) => m.mount)).toEqual([pip]);
    expect(plan.skipped.map((s) => s.mount)).toEqual([spaced, quoted]);
    expect(plan.skipped[0]!.reason).toContain("'/opt/my cache'");
  });

  it('says when a variable with no value known here is what keeps a mount out', () => {
    const home = cacheMount({ target: '$HOME/.cache/pip', kind: 'pip', line: 5 });
    const plan = planDependencyCache({ ...facts('auto'), mounts: [home] });
    expect(plan.mounts).toEqual([]);
    expect(plan.skipped[0]!.reason).toMatch(
      /name a variable whose value is not known before the build \('\$HOME\/\.cache\/pip'\)/,
    );
    const quoted = cacheMount({ target: '/opt/c', id: 'x"$(id)', kind: 'generic', line: 4 });
    expect(planDependencyCache({ ...facts('auto'), mounts: [quoted] }).skipped[0]!.reason).toContain(
      'cannot repeat safely',
    );
  });
});
