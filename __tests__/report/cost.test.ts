import {
  dependencyCacheNet,
  installDownloadSeconds,
  installSeconds,
  missInstallSeconds,
} from '../../src/report/cost.js';
import { baseReport, pullRequestReport } from './sample-reports.js';

const PIP = '/root/.cache/pip';

describe('installSeconds', () => {
  const steps = [
    {
      name: '[stage-0 3/6] RUN --mount=type=cache,target=/root/.cache/pip pip install a',
      cached: false,
      seconds: 7.5,
    },
    {
      name: '[stage-0 4/6] RUN --mount=type=cache,target=/root/.cache/pip pip install b',
      cached: true,
      seconds: 0.1,
    },
    {
      name: '[stage-0 5/6] RUN --mount=type=cache,target=/root/.cache/pip2 make',
      cached: false,
      seconds: 60,
    },
    { name: '[stage-0 6/6] COPY . .', cached: false, seconds: 1 },
  ];

  it('adds up the steps using the mount that ran, not the cached ones nor other mounts', () => {
    expect(installSeconds(PIP, steps)).toBe(7.5);
  });

  it('is undefined when no step names the mount', () => {
    expect(installSeconds('/var/cache/apt', steps)).toBeUndefined();
  });
});

describe('installDownloadSeconds', () => {
  const APT = '[2/3] RUN --mount=type=cache,target=/var/cache/apt apt-get install -y git';
  const PIP_RUN = '[3/3] RUN --mount=type=cache,target=/var/cache/apt pip install -r r.txt';

  it('adds up what the tools of the steps that ran said they spent downloading', () => {
    const steps = [
      { name: APT, cached: false, seconds: 6.9, downloadSeconds: 2 },
      { name: PIP_RUN, cached: true, seconds: 0 },
    ];
    expect(installDownloadSeconds('/var/cache/apt', steps)).toBe(2);
  });

  it('is undefined when a step that ran said nothing of it, or none ran', () => {
    const said = { name: APT, cached: false, seconds: 6.9, downloadSeconds: 2 };
    expect(
      installDownloadSeconds('/var/cache/apt', [said, { name: PIP_RUN, cached: false, seconds: 4 }]),
    ).toBeUndefined();
    expect(installDownloadSeconds('/var/cache/apt', [{ ...said, cached: true }])).toBeUndefined();
  });
});

describe('missInstallSeconds', () => {
  it("takes this build's seconds when it missed and ran the steps", () => {
    expect(missInstallSeconds({ status: 'miss', stepsFromLayerCache: false, installSeconds: 40 }, 12)).toBe(
      40,
    );
  });

  it.each([
    ['a hit', { status: 'exact' as const, stepsFromLayerCache: false, installSeconds: 5 }],
    [
      'a miss served by the layer cache',
      { status: 'miss' as const, stepsFromLayerCache: true, installSeconds: 0 },
    ],
  ])('carries the earlier figure forward on %s', (_, mount) => {
    expect(missInstallSeconds(mount, 12)).toBe(12);
  });
});

describe('dependencyCacheNet', () => {
  it('saved is the cold install minus this one; spent is every phase', () => {
    expect(dependencyCacheNet(pullRequestReport())).toEqual({
      spentSeconds: 1.2 + 3.1 + 3.9 + 2.2,
      savedSeconds: 31,
      netSeconds: 31 - (1.2 + 3.1 + 3.9 + 2.2),
      coldSeconds: 41,
      nowSeconds: 10,
    });
  });

  it('credits nothing when the layer cache served the install steps', () => {
    const net = dependencyCacheNet(baseReport());
    expect(net?.savedSeconds).toBe(0);
    expect(net?.netSeconds).toBeCloseTo(-4.3);
  });

  it('does not guess before a cold build has been measured', () => {
    const report = pullRequestReport();
    delete report.dependencyCache.mounts[0]!.missInstallSeconds;
    expect(dependencyCacheNet(report)).toMatchObject({ savedSeconds: undefined, netSeconds: undefined });
  });

  it('is undefined without cache mounts', () => {
    const report = baseReport();
    report.dependencyCache.mounts = [];
    expect(dependencyCacheNet(report)).toBeUndefined();
  });
});
