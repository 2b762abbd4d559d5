import {
  DEFAULT_SECONDS_PER_MB,
  measuredSecondsPerMB,
  mountsNotWorthRestoring,
  uncachedSeconds,
  type RestoreHistory,
} from '../../src/cache/restore-policy.js';

const MB = 1_000_000;
const PIP = '/root/.cache/pip';

function history(entryMB: number, stepSeconds: number | undefined, secondsPerMB?: number): RestoreHistory {
  return {
    secondsPerMB,
    mounts: [{ mountId: PIP, entryBytes: entryMB * MB, uncachedStepSeconds: stepSeconds }],
  };
}

describe('mountsNotWorthRestoring', () => {
  it('skips a restore that costs more than the step took without the cache, saying both figures', () => {
    // 300 MB at 20 ms/MB is 6 s, for a step that took 2 s with nothing cached.
    const skipped = mountsNotWorthRestoring(history(300, 2, 0.02), [PIP], 'auto');
    expect(skipped.get(PIP)).toBe(
      'restoring its 300 MB takes about 6.0 s, more than the 2.0 s its steps took without it',
    );
  });

  it('restores when the step took longer than restoring costs (compiled wheels, big downloads)', () => {
    expect(mountsNotWorthRestoring(history(300, 60, 0.02), [PIP], 'auto').size).toBe(0);
  });

  it('uses the default cost per MB when the last run could not measure one', () => {
    const threshold = 300 * DEFAULT_SECONDS_PER_MB;
    expect(mountsNotWorthRestoring(history(300, threshold - 0.1), [PIP], 'auto').has(PIP)).toBe(true);
    expect(mountsNotWorthRestoring(history(300, threshold + 0.1), [PIP], 'auto').has(PIP)).toBe(false);
  });

  it('restores when nothing says what the step costs without the cache', () => {
    expect(mountsNotWorthRestoring(undefined, [PIP], 'auto').size).toBe(0);
    expect(mountsNotWorthRestoring(history(300, undefined, 1), [PIP], 'auto').size).toBe(0);
    expect(mountsNotWorthRestoring(history(0, 0.1, 1), [PIP], 'auto').size).toBe(0);
    expect(mountsNotWorthRestoring(history(300, 0.1, 1), ['/other'], 'auto').size).toBe(0);
  });

  it('restore-cache: true always restores; false never does', () => {
    expect(mountsNotWorthRestoring(history(300, 0.1, 1), [PIP], 'true').size).toBe(0);
    expect(mountsNotWorthRestoring(undefined, [PIP, '/var/cache/apt'], 'false')).toEqual(
      new Map([
        [PIP, 'restore-cache is false'],
        ['/var/cache/apt', 'restore-cache is false'],
      ]),
    );
  });
});

describe('measuredSecondsPerMB', () => {
  it('divides restore + inject seconds by the MB restored, once enough was restored to tell', () => {
    expect(measuredSecondsPerMB(6, 300 * MB)).toBeCloseTo(0.02);
    expect(measuredSecondsPerMB(1, 5 * MB)).toBeUndefined();
  });
});

describe('uncachedSeconds', () => {
  const step = (name: string, cached: boolean, seconds: number | undefined) => ({ name, cached, seconds });

  it('adds up the RUN steps that name the mount, when all of them ran', () => {
    const steps = [
      step('[2/4] RUN --mount=type=cache,target=/root/.cache/pip pip install -r a.txt', false, 10),
      step('[3/4] RUN --mount=type=cache,target=/root/.cache/pip pip install -r b.txt', false, 5.5),
      step('[4/4] COPY . .', false, 0.2),
    ];
    expect(uncachedSeconds(PIP, steps)).toBeCloseTo(15.5);
  });

  it('says nothing when a step came from the cache, gave no time, or none names the mount', () => {
    const run = '[2/4] RUN --mount=type=cache,target=/root/.cache/pip pip install -r a.txt';
    expect(uncachedSeconds(PIP, [step(run, true, 0)])).toBeUndefined();
    expect(uncachedSeconds(PIP, [step(run, false, undefined)])).toBeUndefined();
    expect(uncachedSeconds(PIP, [step('[2/2] RUN pip install x', false, 3)])).toBeUndefined();
  });
});
