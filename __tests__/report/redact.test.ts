import { assembleReport, reportDependencyCache } from '../../src/report/assemble.js';
import type { Plan } from '../../src/buildx/plan.js';
import type { RunContext } from '../../src/github/run-context.js';
import { buildArgRedactor, withoutArgValues } from '../../src/report/redact.js';

const TOKEN = 'ghp_s3cretValue0123';

describe('withoutArgValues', () => {
  it('keeps the names of the build args BuildKit writes into a RUN layer’s history, not their values', () => {
    expect(withoutArgValues(`RUN |2 TOKEN=${TOKEN} PY=3.12 /bin/sh -c pip install -r r.txt # buildkit`)).toBe(
      'RUN |2 TOKEN= PY= /bin/sh -c pip install -r r.txt # buildkit',
    );
  });

  it('drops a value with spaces up to the next name', () => {
    expect(withoutArgValues('RUN |2 A=x y z B=1 /bin/sh -c true')).toBe('RUN |2 A= B= /bin/sh -c true');
  });

  it('leaves other history alone and shows nothing of a form it does not know', () => {
    expect(withoutArgValues('COPY . . # buildkit')).toBe('COPY . . # buildkit');
    expect(withoutArgValues('RUN /bin/sh -c make')).toBe('RUN /bin/sh -c make');
    expect(withoutArgValues(`RUN |1 =${TOKEN} /bin/sh -c make`)).toBe('RUN |1 (build args not shown)');
  });
});

describe('buildArgRedactor', () => {
  it('hides values given inline or taken from the environment, leaving short ones', () => {
    const redact = buildArgRedactor([`TOKEN=${TOKEN}`, 'FROM_ENV', 'PY=3.12'], { FROM_ENV: 'env-secret-42' });
    expect(redact(`curl -H "x: ${TOKEN}" && echo env-secret-42 && python3.12`)).toBe(
      'curl -H "x: ***" && echo *** && python3.12',
    );
  });
});

describe('assembleReport keeps no build-arg value', () => {
  it('from the step names, the layers’ history or the warnings', () => {
    const report = assembleReport({
      inputs: { image: 'r', tags: [], target: '' },
      run: {
        repository: 'acme/app',
        eventName: 'push',
        branch: 'main',
        baseBranch: '',
        sha: 'abc',
      } as RunContext,
      build: {
        succeeded: true,
        seconds: 3,
        steps: [{ name: `[2/3] RUN curl -u ${TOKEN} https://index/simple`, cached: false, seconds: 2 }],
        cachedSteps: 0,
        totalSteps: 1,
        imageId: 'sha256:1',
        digest: 'sha256:2',
        metadata: '{}',
        cacheProblems: [],
        error: undefined,
      },
      plan: { layerCache: { kind: 'none', readRefs: [], writeRef: undefined } } as unknown as Plan,
      dependencyCache: reportDependencyCache({
        status: 'off',
        seconds: { restore: 0, inject: 0, extract: 0, save: 0 },
        mounts: [],
      }),
      size: {
        bytes: 10,
        compressedBytes: 5,
        wastedBytes: 0,
        efficiency: 1,
        layers: [
          {
            digest: 'sha256:3',
            bytes: 10,
            compressedBytes: 5,
            createdBy: `RUN |1 TOKEN=${TOKEN} /bin/sh -c curl -u $TOKEN https://index # buildkit`,
          },
        ],
        layerIds: ['sha256:3'],
        topWasted: [],
        analysisSeconds: 0,
      },
      advice: [],
      warnings: [`The step printed ${TOKEN}`],
      elapsedSeconds: 4,
      redact: buildArgRedactor([`TOKEN=${TOKEN}`], {}),
    });
    const stored = JSON.stringify(report);
    expect(stored).not.toContain(TOKEN);
    expect(report.size?.layers[0]?.createdBy).toBe(
      'RUN |1 TOKEN= /bin/sh -c curl -u $TOKEN https://index # buildkit',
    );
  });
});
