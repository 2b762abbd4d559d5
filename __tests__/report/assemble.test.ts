import type { Plan } from '../../src/buildx/plan.js';
import type { BuildResult } from '../../src/buildx/run-build.js';
import type { DependencyCacheReport } from '../../src/cache/dependency-cache.js';
import type { RunContext } from '../../src/github/run-context.js';
import {
  assembleReport,
  coverageBaseOf,
  reportDependencyCache,
  reportImageName,
  restoreHistoryOf,
} from '../../src/report/assemble.js';
import { REPORT_SCHEMA } from '../../src/report/model.js';
import { readStoredReport } from '../../src/report/schema.js';

const build: BuildResult = {
  succeeded: true,
  seconds: 12.5,
  steps: [{ name: '[1/2] RUN pip install', cached: false, seconds: 11 }],
  cachedSteps: 0,
  totalSteps: 1,
  imageId: 'sha256:1',
  digest: 'sha256:2',
  metadata: '{}',
  cacheProblems: [],
  error: undefined,
};

const plan = {
  layerCache: { kind: 'registry', readRefs: ['r:buildcache-main'], writeRef: 'r:buildcache-main' },
} as unknown as Plan;

const run = {
  repository: 'acme/app',
  eventName: 'push',
  branch: 'main',
  baseBranch: '',
  sha: 'abc',
} as RunContext;

const session: DependencyCacheReport = {
  status: 'partial',
  seconds: { restore: 1, inject: 2, extract: 3, save: 4 },
  mounts: [
    {
      target: '/root/.cache/pip',
      kind: 'pip',
      status: 'partial',
      matchedKey: 'k1',
      restoredBytes: 10,
      savedKey: 'k2',
      savedBytes: 5,
      savedDeltaOf: 'k1',
      prunedBytes: 0,
      prunedFiles: 0,
      mountId: '/root/.cache/pip',
      fingerprint: 'f',
    },
  ],
};

describe('assembleReport', () => {
  it('stores what the build and the cache session did, with the overhead around the build', () => {
    const report = assembleReport({
      inputs: { image: '', tags: ['ghcr.io/acme/app:1'], target: '' },
      run,
      build,
      plan,
      dependencyCache: reportDependencyCache(session),
      size: undefined,
      advice: [],
      warnings: [],
      elapsedSeconds: 20,
    });
    expect(report.schema).toBe(REPORT_SCHEMA);
    expect(report.image.name).toBe('ghcr.io/acme/app');
    expect(report.build.overheadSeconds).toBeCloseTo(7.5);
    expect(report.build.steps).toEqual(build.steps);
    expect(report.layerCache.exported).toBe(true);
    // Through JSON and back, as the next run reads it.
    expect(readStoredReport(JSON.stringify(report))).toEqual(JSON.parse(JSON.stringify(report)));
    // Another version's report is refused by name, for the caller to warn and go on without it.
    expect(() =>
      readStoredReport(JSON.stringify({ ...report, schema: 'docker-fast-build/report@0' })),
    ).toThrow(/report\.schema: expected docker-fast-build\/report@1, not docker-fast-build\/report@0/);
    expect(() => readStoredReport('{not json')).toThrow();
  });

  it('keeps what each step read and says why the steps that ran re-ran, with no build-arg value', () => {
    const parts = {
      inputs: { image: 'ghcr.io/acme/app', tags: [], target: '', noCache: false, noCacheFilters: [] },
      run,
      build: { ...build, steps: [{ name: '[2/2] RUN pip install', cached: false, seconds: 11 }] },
      plan,
      dependencyCache: reportDependencyCache(session),
      size: undefined,
      advice: [],
      warnings: [],
      elapsedSeconds: 20,
      redact: (text: string) => text.split('private-mirror').join('***'),
    };
    const from = { stage: '', position: 1, line: 1, text: 'FROM ${BASE}', image: 'private-mirror/python:3' };
    const install = {
      stage: '',
      position: 2,
      line: 2,
      text: 'RUN pip install',
      args: [['PY', 'd1']] as [string, string][],
    };
    const base = assembleReport({ ...parts, stepInputs: [from, install] });
    const report = assembleReport({
      ...parts,
      base,
      stepInputs: [from, { ...install, args: [['PY', 'd2']] }],
    });
    expect(report.build.stepInputs?.[0]?.image).toBe('***/python:3');
    expect(report.missReasons).toEqual([{ step: 'RUN pip install', line: 2, kind: 'args', names: ['PY'] }]);
    expect(readStoredReport(JSON.stringify(report))).toEqual(JSON.parse(JSON.stringify(report)));
    // Without step inputs, no reasons: an older run's report reads as before.
    expect(assembleReport({ ...parts, base }).missReasons).toBeUndefined();
  });

  it("carries the last cold build's install seconds forward, and measures this build's", () => {
    const pipBuild: BuildResult = {
      ...build,
      steps: [
        {
          name: '[1/2] RUN --mount=type=cache,target=/root/.cache/pip pip install',
          cached: false,
          seconds: 4.25,
        },
      ],
    };
    const parts = {
      inputs: { image: 'r', tags: [], target: '' },
      run,
      build: pipBuild,
      plan,
      size: undefined,
      advice: [],
      warnings: [],
      elapsedSeconds: 20,
    };
    const cold = assembleReport({
      ...parts,
      build: { ...pipBuild, steps: [{ ...pipBuild.steps[0]!, seconds: 30 }] },
      dependencyCache: reportDependencyCache({
        ...session,
        mounts: [{ ...session.mounts[0]!, status: 'miss', stepsFromLayerCache: false }],
      }),
    });
    expect(cold.dependencyCache.mounts[0]).toMatchObject({ installSeconds: 30, missInstallSeconds: 30 });
    const warm = assembleReport({
      ...parts,
      base: cold,
      dependencyCache: reportDependencyCache({
        ...session,
        mounts: [{ ...session.mounts[0]!, stepsFromLayerCache: false }],
      }),
    });
    expect(warm.dependencyCache.mounts[0]).toMatchObject({ installSeconds: 4.25, missInstallSeconds: 30 });
  });

  it('never reports a negative overhead', () => {
    const report = assembleReport({
      inputs: { image: 'r', tags: [], target: '' },
      run,
      build,
      plan,
      dependencyCache: reportDependencyCache(session),
      size: undefined,
      advice: [],
      warnings: [],
      elapsedSeconds: 3,
    });
    expect(report.build.overheadSeconds).toBe(0);
  });
});

describe('reportDependencyCache', () => {
  it('copies each stored field and leaves absent optional fields out', () => {
    const stored = reportDependencyCache(session);
    expect(stored).toEqual(session);
    expect(Object.keys(stored.mounts[0]!)).not.toContain('restoredDeltaOf');
  });
});

describe('restoreHistoryOf', () => {
  const APT_STEP =
    '[2/3] RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt apt-get install -y git';
  const aptMount = (target: string) => ({
    ...session.mounts[0]!,
    target,
    mountId: target,
    kind: 'apt' as const,
  });
  const aptBuild = (cached: boolean) => ({
    ...build,
    steps: [{ name: APT_STEP, cached, seconds: cached ? 0 : 6.9, ...(!cached && { downloadSeconds: 2.03 }) }],
  });
  const parts = {
    inputs: { image: 'r', tags: [], target: '' },
    run,
    plan,
    size: undefined,
    advice: [],
    warnings: [],
    elapsedSeconds: 20,
  };

  it('carries what a cold build measured through builds that did not run the steps', () => {
    const cold = assembleReport({
      ...parts,
      build: aptBuild(false),
      dependencyCache: {
        status: 'miss',
        seconds: { restore: 0.1, inject: 0, extract: 2, save: 1 },
        mounts: ['/var/cache/apt', '/var/lib/apt'].map((target) => ({
          ...aptMount(target),
          status: 'miss' as const,
          stepsFromLayerCache: false,
          restoredBytes: 0,
          savedBytes: 85e6,
        })),
      },
    });
    const expected = ['/var/cache/apt', '/var/lib/apt'].map((mountId) => ({
      mountId,
      entryBytes: 85e6,
      uncachedStepSeconds: 6.9,
      downloadSeconds: 2.03,
      steps: APT_STEP,
    }));
    expect(restoreHistoryOf(cold)).toEqual({ secondsPerMB: undefined, mounts: expected });
    // A code change: the layer cache held the step, nothing was restored or saved.
    const codeChange = assembleReport({
      ...parts,
      base: cold,
      build: aptBuild(true),
      dependencyCache: {
        status: 'exact',
        seconds: { restore: 0, inject: 0, extract: 0, save: 0 },
        mounts: ['/var/cache/apt', '/var/lib/apt'].map((target) => ({
          ...aptMount(target),
          status: 'exact' as const,
          restoreSkipped: true,
          stepsFromLayerCache: true,
          restoredBytes: 0,
          savedBytes: 0,
        })),
      },
    });
    expect(restoreHistoryOf(codeChange)).toEqual({ secondsPerMB: undefined, mounts: expected });
  });

  it("measures restore + inject per MB without the inject's wait for its base image", () => {
    const hit = assembleReport({
      ...parts,
      build: aptBuild(false),
      dependencyCache: {
        status: 'partial',
        seconds: { restore: 1.6, inject: 12, extract: 0, save: 0, injectBaseWait: 9.9 },
        mounts: [
          { ...session.mounts[0]!, status: 'partial', restoredBytes: 315e6, stepsFromLayerCache: false },
        ],
      },
    });
    expect(restoreHistoryOf(hit).secondsPerMB).toBeCloseTo(3.7 / 315);
    // A restored run shows nothing of what the steps cost without the cache.
    expect(restoreHistoryOf(hit).mounts[0]!.uncachedStepSeconds).toBeUndefined();
  });
});

describe('coverageBaseOf and reportImageName', () => {
  it('reads back what the coverage check needs, falling back to the target for the mount id', () => {
    const report = assembleReport({
      inputs: { image: 'r', tags: [], target: '' },
      run,
      build,
      plan,
      dependencyCache: {
        ...reportDependencyCache(session),
        mounts: [{ ...reportDependencyCache(session).mounts[0]!, mountId: undefined }],
      },
      size: undefined,
      advice: [],
      warnings: [],
      elapsedSeconds: 20,
    });
    expect(coverageBaseOf(report)).toEqual({
      succeeded: true,
      writeRef: 'r:buildcache-main',
      layerCacheExported: true,
      mounts: [{ mountId: '/root/.cache/pip', fingerprint: 'f' }],
    });
    expect(reportImageName({ image: '', tags: ['127.0.0.1:5000/app:pr-1'] })).toBe('127.0.0.1:5000/app');
  });
});
