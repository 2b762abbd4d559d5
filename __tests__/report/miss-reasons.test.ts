import {
  couldBeIgnored,
  describeMissReason,
  missReasons,
  stepPosition,
  type MissReasonOptions,
} from '../../src/report/miss-reasons.js';
import type { BuildReport, ReportStepInputs } from '../../src/report/model.js';
import { reportFromUntrusted } from '../../src/report/untrusted.js';
import { baseReport } from './sample-reports.js';

const CACHE = { noCache: false, noCacheFilters: [] } satisfies MissReasonOptions;
const FROM_DIGEST = 'sha256:1111111111111111111111111111111111111111111111111111111111111111';
const NEW_DIGEST = 'sha256:2222222222222222222222222222222222222222222222222222222222222222';

/** pip-small's Dockerfile: FROM, WORKDIR, COPY requirements, install, COPY app/, with an ARG read by the install. */
function inputs(): ReportStepInputs[] {
  return [
    {
      stage: '',
      position: 1,
      line: 1,
      text: 'FROM python:3.11-slim',
      image: 'python:3.11-slim',
      imageDigest: FROM_DIGEST,
    },
    { stage: '', position: 2, line: 3, text: 'WORKDIR /app' },
    {
      stage: '',
      position: 3,
      line: 4,
      text: 'COPY requirements.txt .',
      files: [['requirements.txt', 'aaaa']],
      filesDigest: 'r1',
    },
    {
      stage: '',
      position: 4,
      line: 5,
      text: 'RUN pip install -r requirements.txt',
      args: [['PIP_INDEX', 'i1']],
    },
    {
      stage: '',
      position: 5,
      line: 6,
      text: 'COPY . .',
      files: [
        ['README.md', 'bbbb'],
        ['app/main.py', 'cccc'],
        ['app/util.py', 'dddd'],
        ['docs/intro.md', 'eeee'],
        ['requirements.txt', 'aaaa'],
      ],
      filesDigest: 'all1',
    },
  ];
}

const NAMES = [
  '[2/5] WORKDIR /app',
  '[3/5] COPY requirements.txt .',
  '[4/5] RUN pip install',
  '[5/5] COPY . .',
];

/** A report whose steps at the given positions ran and the rest came from the cache. */
function report(steps: ReportStepInputs[], ran: number[], edit?: (r: BuildReport) => void): BuildReport {
  const r = baseReport();
  r.build.steps = NAMES.map((name, i) => ({ name, cached: !ran.includes(i + 2), seconds: 1 }));
  r.build.stepInputs = steps;
  r.layerCache = { kind: 'registry', readRefs: ['reg/app:cache'], writeRef: 'reg/app:cache', exported: true };
  r.advice = [];
  r.warnings = [];
  edit?.(r);
  return r;
}

const base = () => report(inputs(), []);

function changed(edit: (steps: ReportStepInputs[]) => void): ReportStepInputs[] {
  const steps = inputs();
  edit(steps);
  return steps;
}

const step = (steps: ReportStepInputs[], position: number) => steps.find((s) => s.position === position)!;

describe('missReasons', () => {
  it('names the changed files of a COPY, a few, then a count', () => {
    const now = changed((s) => {
      step(s, 5).files = [
        ['README.md', 'b2'],
        ['app/main.py', 'c2'],
        ['app/new.py', 'ffff'],
        ['docs/intro.md', 'e2'],
        ['requirements.txt', 'aaaa'],
      ];
      step(s, 5).filesDigest = 'all2';
    });
    const [reason, ...rest] = missReasons(report(now, [5]), base(), CACHE);
    expect(rest).toEqual([]);
    expect(reason).toMatchObject({
      kind: 'files',
      step: 'COPY . .',
      names: ['README.md', 'app/main.py', 'app/new.py'],
      more: 2, // docs/intro.md, and app/util.py which is gone
      ignorable: false,
    });
    expect(describeMissReason(reason!)).toBe(
      '<code>COPY . .</code> re-ran: README.md, app/main.py, app/new.py changed (+2 more)',
    );
  });

  it('flags a change only in files a .dockerignore could leave out', () => {
    const now = changed((s) => {
      step(s, 5).files![0] = ['README.md', 'b2'];
      step(s, 5).files![3] = ['docs/intro.md', 'e2'];
      step(s, 5).filesDigest = 'all2';
    });
    const [reason] = missReasons(report(now, [5]), base(), CACHE);
    expect(reason).toMatchObject({ kind: 'files', names: ['README.md', 'docs/intro.md'], ignorable: true });
    expect(describeMissReason(reason!)).toContain('only files a .dockerignore could leave out');
  });

  it('names the lockfile for its COPY and that COPY for every step after it, as one chain', () => {
    const now = changed((s) => {
      step(s, 3).files = [['requirements.txt', 'a2']];
      step(s, 3).filesDigest = 'r2';
      step(s, 5).files![4] = ['requirements.txt', 'a2'];
      step(s, 5).filesDigest = 'all2';
    });
    const reasons = missReasons(report(now, [3, 4, 5]), base(), CACHE);
    expect(reasons.map((r) => [r.step, r.kind, r.names ?? r.after?.step])).toEqual([
      ['COPY requirements.txt .', 'files', ['requirements.txt']],
      ['RUN pip install -r requirements.txt', 'earlier', 'COPY requirements.txt .'],
      // Its own files changed too: that is its first reason.
      ['COPY . .', 'files', ['requirements.txt']],
    ]);
    expect(describeMissReason(reasons[1]!)).toBe(
      '<code>RUN pip install -r requirements.txt</code> re-ran: it follows <code>COPY requirements.txt .</code> (line 4), which re-ran because requirements.txt changed',
    );
  });

  it('names the base image with its old and new digest, then the chain after it', () => {
    const now = changed((s) => (step(s, 1).imageDigest = NEW_DIGEST));
    const reasons = missReasons(report(now, [2, 3, 4, 5]), base(), CACHE);
    expect(reasons[0]).toMatchObject({
      kind: 'base-image',
      step: 'WORKDIR /app',
      image: { name: 'python:3.11-slim', from: FROM_DIGEST, to: NEW_DIGEST },
    });
    expect(describeMissReason(reasons[0]!)).toBe(
      '<code>WORKDIR /app</code> re-ran: the base image <code>python:3.11-slim</code> moved from <code>sha256:111111111111…</code> to <code>sha256:222222222222…</code>',
    );
    expect(describeMissReason(reasons[1]!)).toContain('which re-ran because the base image moved');
    expect(reasons.slice(1).map((r) => [r.kind, r.after])).toEqual([
      ['earlier', { step: 'WORKDIR /app', line: 3, kind: 'base-image' }],
      ['earlier', { step: 'WORKDIR /app', line: 3, kind: 'base-image' }],
      ['earlier', { step: 'WORKDIR /app', line: 3, kind: 'base-image' }],
    ]);
  });

  it('names a changed build arg, never its value', () => {
    const now = changed((s) => (step(s, 4).args = [['PIP_INDEX', 'i2']]));
    const [reason] = missReasons(report(now, [4, 5]), base(), CACHE);
    expect(reason).toMatchObject({ kind: 'args', names: ['PIP_INDEX'] });
    expect(describeMissReason(reason!)).toBe(
      '<code>RUN pip install -r requirements.txt</code> re-ran: build arg PIP&#95;INDEX changed (values not shown)',
    );
  });

  it('names a secret id a step mounts that it did not before', () => {
    const now = changed((s) => {
      step(s, 4).text = 'RUN --mount=type=secret,id=netrc pip install -r requirements.txt';
      step(s, 4).secrets = ['netrc'];
    });
    const [reason] = missReasons(report(now, [4]), base(), CACHE);
    expect(reason).toMatchObject({ kind: 'secrets', names: ['netrc'] });
  });

  it('says no-cache and no-cache-filters asked for a step with unchanged inputs', () => {
    expect(missReasons(report(inputs(), [2]), base(), { ...CACHE, noCache: true })[0]?.kind).toBe('no-cache');
    const staged = (steps: ReportStepInputs[]) => steps.map((s) => ({ ...s, stage: 'deps' }));
    const named = report(staged(inputs()), [2], (r) => {
      r.build.steps = r.build.steps.map((s) => ({ ...s, name: s.name.replace('[', '[deps ') }));
    });
    const baseNamed = report(staged(inputs()), []);
    expect(missReasons(named, baseNamed, { noCache: false, noCacheFilters: ['Deps'] })[0]?.kind).toBe(
      'no-cache',
    );
    expect(missReasons(named, baseNamed, { noCache: false, noCacheFilters: ['test'] })[0]?.kind).toBe(
      'cache-empty',
    );
  });

  it('matches steps by stage label as BuildKit names them, stage-0 included', () => {
    const labelled = (steps: ReportStepInputs[]) => steps.map((s) => ({ ...s, stage: 'stage-0' }));
    const now = labelled(changed((s) => (step(s, 4).args = [['PIP_INDEX', 'i2']])));
    const named = report(now, [4], (r) => {
      r.build.steps = r.build.steps.map((s) => ({ ...s, name: s.name.replace('[', '[stage-0 ') }));
    });
    expect(missReasons(named, report(labelled(inputs()), []), CACHE).map((r) => r.kind)).toEqual(['args']);
  });

  it('carries a cause into a stage built FROM the stage that re-ran', () => {
    const staged = (lockDigest: string): ReportStepInputs[] => [
      {
        stage: 'deps',
        position: 1,
        line: 1,
        text: 'FROM python:3.11-slim AS deps',
        imageDigest: FROM_DIGEST,
      },
      {
        stage: 'deps',
        position: 2,
        line: 2,
        text: 'COPY requirements.txt .',
        files: [['requirements.txt', lockDigest]],
        filesDigest: lockDigest,
      },
      { stage: 'deps', position: 3, line: 3, text: 'RUN pip install -r requirements.txt' },
      { stage: 'final', position: 0, line: 4, text: 'FROM deps AS final' },
      {
        stage: 'final',
        position: 1,
        line: 5,
        text: 'COPY app/ ./app/',
        files: [['app/main.py', 'c']],
        filesDigest: 'c',
      },
    ];
    const ran = (steps: ReportStepInputs[]) =>
      report(steps, [], (r) => {
        r.build.steps = [
          '[deps 2/3] COPY requirements.txt .',
          '[deps 3/3] RUN pip install',
          '[final 1/1] COPY app/ ./app/',
        ].map((name) => ({ name, cached: false, seconds: 1 }));
      });
    const reasons = missReasons(ran(staged('a2')), report(staged('a1'), []), CACHE);
    expect(reasons.map((r) => [r.step, r.kind, r.after?.step])).toEqual([
      ['COPY requirements.txt .', 'files', undefined],
      ['RUN pip install -r requirements.txt', 'earlier', 'COPY requirements.txt .'],
      ['COPY app/ ./app/', 'earlier', 'COPY requirements.txt .'],
    ]);
  });

  it('says an edited or new instruction', () => {
    const now = changed((s) => (step(s, 4).text = 'RUN pip install --no-deps -r requirements.txt'));
    expect(missReasons(report(now, [4]), base(), CACHE)[0]?.kind).toBe('instruction');
  });

  it('tells why the cache held nothing, where it can', () => {
    const detail = (now: BuildReport, against: BuildReport | undefined) =>
      missReasons(now, against, CACHE)[0]?.detail;
    expect(detail(report(inputs(), [2]), undefined)).toBe('first-build');
    const older = base();
    delete older.build.stepInputs;
    expect(detail(report(inputs(), [2]), older)).toBe('not-recorded');
    expect(detail(report(inputs(), [2]), base())).toBe('evicted');
    const unread = report(inputs(), [2], (r) => {
      r.warnings = ['Layer cache reg/app:cache could not be read; the build went on without it: 401'];
    });
    expect(detail(unread, base())).toBe('unreadable');
    const otherScope = report(inputs(), [2], (r) => (r.layerCache.readRefs = ['reg/app:cache-pr-7']));
    expect(detail(otherScope, base())).toBe('other-scope');
    const notWritten = base();
    notWritten.layerCache.exported = false;
    expect(detail(report(inputs(), [2]), notWritten)).toBe('other-scope');
    const builderOnly = (r: BuildReport) =>
      (r.layerCache = { kind: 'none', readRefs: [], writeRef: undefined });
    expect(detail(report(inputs(), [2], builderOnly), report(inputs(), [], builderOnly))).toBe(
      'builder-only',
    );
  });

  it('gives no reason for steps from the cache, nor without recorded inputs', () => {
    expect(missReasons(report(inputs(), []), base(), CACHE)).toEqual([]);
    const unrecorded = report(inputs(), [5]);
    delete unrecorded.build.stepInputs;
    expect(missReasons(unrecorded, base(), CACHE)).toEqual([]);
  });

  it('links the reordering advice when an install follows a whole-context COPY', () => {
    const steps = inputs();
    // Install after COPY . .: swap the lines.
    step(steps, 5).line = 5;
    step(steps, 4).line = 6;
    const edited = (s: ReportStepInputs[]) => {
      step(s, 5).files![1] = ['app/main.py', 'c2'];
      step(s, 5).filesDigest = 'all2';
      // The COPY comes first now.
      return [s[0]!, s[1]!, s[2]!, step(s, 5), step(s, 4)];
    };
    const now = edited(structuredClone(steps));
    const r = report(now, [4, 5], (x) => {
      x.advice = [
        {
          rule: 'copy-before-install',
          severity: 'warning',
          file: 'Dockerfile',
          line: 6,
          message: 'm',
          fix: 'f',
        },
      ];
    });
    const reasons = missReasons(
      r,
      report([steps[0]!, steps[1]!, steps[2]!, steps[4]!, steps[3]!], []),
      CACHE,
    );
    expect(reasons.map((x) => [x.kind, x.advice])).toEqual([
      ['files', undefined],
      ['earlier', 'copy-before-install'],
    ]);
    expect(describeMissReason(reasons[1]!)).toContain('see advice <code>copy-before-install</code>');
    // A moved base image re-runs the install whatever the order: no advice then.
    const moved = structuredClone(now);
    moved[0]!.imageDigest = NEW_DIGEST;
    step(moved, 5).files![1] = ['app/main.py', 'cccc'];
    step(moved, 5).filesDigest = 'all1';
    const byBase = missReasons(
      report(moved, [2, 4, 5], (x) => (x.advice = r.advice)),
      report([steps[0]!, steps[1]!, steps[2]!, steps[4]!, steps[3]!], []),
      CACHE,
    );
    expect(byBase.map((x) => [x.kind, x.advice])).toEqual([
      ['base-image', undefined],
      ['earlier', undefined],
      ['earlier', undefined],
    ]);
  });
});

describe('stepPosition', () => {
  it('reads the stage and place from BuildKit step names', () => {
    expect(stepPosition('[builder 3/5] COPY . .')).toEqual({ stage: 'builder', position: 3 });
    expect(stepPosition('[stage-1  2/10] RUN x')).toEqual({ stage: 'stage-1', position: 2 });
    expect(stepPosition('[ 2/10] RUN x')).toEqual({ stage: '', position: 2 });
    expect(stepPosition('[linux/arm64 builder 3/5] RUN x')).toEqual({ stage: 'builder', position: 3 });
    expect(stepPosition('[linux/arm/v7 2/4] RUN x')).toEqual({ stage: '', position: 2 });
    expect(stepPosition('[internal] load build context')).toBeUndefined();
  });
});

describe('couldBeIgnored', () => {
  it('knows docs and repository files from code', () => {
    expect(['README.md', 'docs/a.txt', '.github/workflows/ci.yml', 'LICENSE'].every(couldBeIgnored)).toBe(
      true,
    );
    expect(['app/main.py', 'requirements.txt', 'pyproject.toml'].some(couldBeIgnored)).toBe(false);
  });
});

describe('miss reasons from an untrusted report', () => {
  it('keeps them cut to size, drops the step inputs, and names a wrong kind', () => {
    const hostile = JSON.parse(JSON.stringify(report(inputs(), [5]))) as Record<string, unknown>;
    hostile.missReasons = Array.from({ length: 10_000 }, () => ({
      step: 's'.repeat(100_000),
      line: 3,
      kind: 'files',
      names: Array.from({ length: 1000 }, () => 'n'.repeat(1000)),
      more: 7,
      after: { step: 'COPY . .', line: 2, kind: 'files' },
    }));
    const read = reportFromUntrusted(hostile);
    expect(read.missReasons).toHaveLength(200);
    expect(read.missReasons![0]!.step.length).toBeLessThanOrEqual(300);
    expect(read.missReasons![0]!.names).toHaveLength(5);
    expect(read.build.stepInputs).toBeUndefined();
    (hostile.missReasons as { kind: string }[])[3]!.kind = 'anything';
    expect(() => reportFromUntrusted(hostile)).toThrow(/report\.missReasons\[3\]\.kind: expected one of/);
  });
});
