import {
  DEFAULT_SECONDS_PER_MB,
  measuredSecondsPerMB,
  mountsNotWorthRestoring,
  restoreSecondsPerMB,
  stepsKey,
  uncachedSeconds,
  type RestoreHistory,
} from '../../src/cache/restore-policy.js';

const MB = 1_000_000;
const PIP = '/root/.cache/pip';
const PIP_STEP = '[2/4] RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt';
const APT_STEP =
  '[2/4] RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y git';

function history(entryMB: number, stepSeconds: number | undefined, secondsPerMB?: number): RestoreHistory {
  return {
    secondsPerMB,
    mounts: [
      {
        mountId: PIP,
        entryBytes: entryMB * MB,
        uncachedStepSeconds: stepSeconds,
        downloadSeconds: undefined,
        steps: PIP_STEP,
      },
    ],
  };
}

/** apt's two mounts, used by one step that spent `downloadSeconds` of its `stepSeconds` fetching. */
function aptHistory(downloadSeconds: number | undefined): RestoreHistory {
  const mount = (mountId: string, entryMB: number) => ({
    mountId,
    entryBytes: entryMB * MB,
    uncachedStepSeconds: 6.9,
    downloadSeconds,
    steps: APT_STEP,
  });
  return { secondsPerMB: undefined, mounts: [mount('/var/cache/apt', 120), mount('/var/lib/apt', 50)] };
}

describe('mountsNotWorthRestoring', () => {
  it('skips a restore that costs more than the step took without the cache, saying both figures', () => {
    // 300 MB at 20 ms/MB is 6 s, for a step that took 2 s with nothing cached.
    const skipped = mountsNotWorthRestoring(history(300, 2), [PIP], 'auto', 0.02);
    expect(skipped.get(PIP)).toBe(
      'restoring its 300 MB takes about 6.0 s, more than the 2.0 s its steps took without it',
    );
  });

  it('restores when the step took longer than restoring costs (compiled wheels, big downloads)', () => {
    expect(mountsNotWorthRestoring(history(300, 60), [PIP], 'auto', 0.02).size).toBe(0);
  });

  it('weighs mounts of the same steps together, against what their tool said it spent downloading', () => {
    // 170 MB at 25 ms/MB is 4.25 s: more than the 2.0 s apt fetched for, less than its 6.9 s step.
    const skipped = mountsNotWorthRestoring(
      aptHistory(2),
      ['/var/cache/apt', '/var/lib/apt'],
      'auto',
      DEFAULT_SECONDS_PER_MB,
    );
    const reason =
      'restoring it and the 1 other mount of the same steps (170 MB) takes about 4.3 s, more than the 2.0 s its steps spent downloading without it';
    expect(skipped).toEqual(
      new Map([
        ['/var/cache/apt', reason],
        ['/var/lib/apt', reason],
      ]),
    );
    // Where the inject hides behind the base's unpack (10 ms/MB: 1.7 s), the same cache pays.
    const onEmptyBuilder = restoreSecondsPerMB(undefined, true);
    expect(
      mountsNotWorthRestoring(aptHistory(2), ['/var/cache/apt', '/var/lib/apt'], 'auto', onEmptyBuilder).size,
    ).toBe(0);
    // Without the tool's figure only the whole step can be weighed, and 6.9 s is more than 4.25 s.
    expect(
      mountsNotWorthRestoring(aptHistory(undefined), ['/var/cache/apt', '/var/lib/apt'], 'auto', 0.025).size,
    ).toBe(0);
  });

  it('restores when nothing says what the step costs without the cache', () => {
    expect(mountsNotWorthRestoring(undefined, [PIP], 'auto', 1).size).toBe(0);
    expect(mountsNotWorthRestoring(history(300, undefined), [PIP], 'auto', 1).size).toBe(0);
    expect(mountsNotWorthRestoring(history(0, 0.1), [PIP], 'auto', 1).size).toBe(0);
    expect(mountsNotWorthRestoring(history(300, 0.1), ['/other'], 'auto', 1).size).toBe(0);
  });

  it('restore-cache: true always restores; false never does', () => {
    expect(mountsNotWorthRestoring(history(300, 0.1), [PIP], 'true', 1).size).toBe(0);
    expect(mountsNotWorthRestoring(undefined, [PIP, '/var/cache/apt'], 'false', 1)).toEqual(
      new Map([
        [PIP, 'restore-cache is false'],
        ['/var/cache/apt', 'restore-cache is false'],
      ]),
    );
  });
});

describe('restoreSecondsPerMB', () => {
  it('takes the measured cost, else the default for the kind of builder', () => {
    expect(restoreSecondsPerMB(0.04, true)).toBe(0.04);
    expect(restoreSecondsPerMB(undefined, false)).toBe(DEFAULT_SECONDS_PER_MB);
    expect(restoreSecondsPerMB(undefined, true)).toBeLessThan(DEFAULT_SECONDS_PER_MB);
  });
});

describe('measuredSecondsPerMB', () => {
  it('divides restore + inject seconds by the MB restored, once enough was restored to tell', () => {
    expect(measuredSecondsPerMB({ restore: 2, inject: 4 }, 300 * MB)).toBeCloseTo(0.02);
    expect(measuredSecondsPerMB({ restore: 0.5, inject: 0.5 }, 5 * MB)).toBeUndefined();
  });

  it("leaves out the inject's wait for its base image, which the build would have waited for", () => {
    // GitHub-hosted +1: restore 1.6 s, inject 12.0 s of which the base's unpack took 9.9 s.
    expect(measuredSecondsPerMB({ restore: 1.6, inject: 12, injectBaseWait: 9.9 }, 315 * MB)).toBeCloseTo(
      3.7 / 315,
    );
    expect(measuredSecondsPerMB({ restore: 1, inject: 2, injectBaseWait: 5 }, 100 * MB)).toBeCloseTo(0.01);
  });
});

describe('stepsKey', () => {
  it('names the steps that use the mount, so that mounts of the same steps share it', () => {
    const steps = [{ name: APT_STEP }, { name: '[3/4] COPY . .' }];
    expect(stepsKey('/var/cache/apt', steps)).toBe(APT_STEP);
    expect(stepsKey('/var/lib/apt', steps)).toBe(stepsKey('/var/cache/apt', steps));
    expect(stepsKey(PIP, steps)).toBe('');
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
