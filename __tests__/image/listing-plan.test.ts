import { parseDockerfile } from '../../src/dockerfile/model.js';
import type { ListingPlan } from '../../src/domain/listing.js';
import { planListing } from '../../src/image/listing-plan.js';

function plan(text: string, target?: string): Extract<ListingPlan, { dockerfile: string }> {
  const planned = planListing(parseDockerfile(text, [], { target }));
  if ('unsupported' in planned) throw new Error(planned.unsupported);
  return planned;
}

const LISTING_TAIL = (snapshots: number, from: string) => [
  `FROM ${from} AS dfb-listing`,
  'USER 0:0',
  `RUN ${Array.from({ length: snapshots }, (_, i) => `--mount=type=bind,from=SUB${i},target=/dfb/${i}`).join(' ')} --mount=type=bind,from=dfb-listing-script,source=dfb-list.py,target=/dfb/dfb-list.py ${JSON.stringify(['python3', '/dfb/dfb-list.py', '/dfb-listing-out', ...Array.from({ length: snapshots }, (_, i) => `/dfb/${i}`)])}`,
  'FROM scratch AS dfb-listing-out',
  'COPY --from=dfb-listing /dfb-listing-out/ /',
];

function withMounts(tail: string[], names: string[]): string[] {
  return tail.map((line) =>
    names.reduce((text, name, i) => text.replace(`from=SUB${i},`, `from=${name},`), line),
  );
}

describe('planListing', () => {
  it('splits a single stage at every instruction that makes a layer, keeping the rest where they were', () => {
    const { dockerfile, snapshots } = plan(
      [
        'FROM 127.0.0.1:5000/python:3.11-slim',
        'ENV PIP_NO_CACHE_DIR=1',
        'WORKDIR /app',
        'COPY requirements.txt .',
        'RUN --mount=type=cache,target=/root/.cache/pip \\',
        '    pip install -r requirements.txt',
        'ENV APP=1',
        'COPY src/ ./src/',
        'CMD ["python3", "-m", "src.app"]',
      ].join('\n'),
    );
    const names = ['dfb-layer-0-0', 'dfb-layer-0-1', 'dfb-layer-0-2', 'dfb-layer-0-3', 'dfb-layer-0-4'];
    expect(dockerfile.split('\n')).toEqual([
      'FROM 127.0.0.1:5000/python:3.11-slim AS dfb-layer-0-0',
      'ENV PIP_NO_CACHE_DIR=1',
      'FROM dfb-layer-0-0 AS dfb-layer-0-1',
      'WORKDIR /app',
      'FROM dfb-layer-0-1 AS dfb-layer-0-2',
      'COPY requirements.txt .',
      'FROM dfb-layer-0-2 AS dfb-layer-0-3',
      'RUN --mount=type=cache,target=/root/.cache/pip \\',
      '    pip install -r requirements.txt',
      'ENV APP=1',
      'FROM dfb-layer-0-3 AS dfb-layer-0-4',
      'COPY src/ ./src/',
      'CMD ["python3", "-m", "src.app"]',
      ...withMounts(LISTING_TAIL(5, 'dfb-layer-0-0'), names),
      '',
    ]);
    expect(snapshots.map((s) => s.step && [s.step.keyword, s.step.line])).toEqual([
      null,
      ['WORKDIR', 3],
      ['COPY', 4],
      ['RUN', 5],
      ['COPY', 8],
    ]);
    expect(snapshots[3]!.step!.script).toContain('pip install -r requirements.txt');
  });

  it('declares the stage ARGs again in every later sub-stage, and keeps global ARGs on top', () => {
    const { dockerfile } = plan(
      [
        'ARG BASE=python:3.11',
        'FROM ${BASE}',
        'ARG VERSION=1',
        'RUN echo $VERSION',
        'ARG OTHER',
        'RUN echo $OTHER',
      ].join('\n'),
    );
    expect(dockerfile.split('\n').slice(0, 10)).toEqual([
      'ARG BASE=python:3.11',
      'FROM ${BASE} AS dfb-layer-0-0',
      'ARG VERSION=1',
      'FROM dfb-layer-0-0 AS dfb-layer-0-1',
      'ARG VERSION=1',
      'RUN echo $VERSION',
      'ARG OTHER',
      'FROM dfb-layer-0-1 AS dfb-layer-0-2',
      'ARG VERSION=1',
      'ARG OTHER',
    ]);
  });

  it('sets again, after the ARGs, each variable set after the first ARG, in the order it was last set', () => {
    // BuildKit orders a RUN's environment by when each variable was last set: declaring the ARG again
    // in a sub-stage moves it behind ENV X, and that RUN then misses the cache (seen on the docker driver).
    const { dockerfile } = plan(
      [
        'FROM python:3.11',
        'ENV EARLY=1',
        'ARG G=hi',
        'COPY f .',
        'ENV PATH=/venv/bin:$PATH X=1',
        'RUN echo $G',
      ].join('\n'),
    );
    expect(dockerfile.split('\n').slice(0, 12)).toEqual([
      'FROM python:3.11 AS dfb-layer-0-0',
      'ENV EARLY=1',
      'ARG G=hi',
      'FROM dfb-layer-0-0 AS dfb-layer-0-1',
      'ARG G=hi',
      'COPY f .',
      'ENV PATH=/venv/bin:$PATH X=1',
      'FROM dfb-layer-0-1 AS dfb-layer-0-2',
      'ARG G=hi',
      // Their own values: the ENV as written would prepend /venv/bin a second time.
      'ENV PATH=${PATH}',
      'ENV X=${X}',
      'RUN echo $G',
    ]);
  });

  it('keeps builder stages as written, splits the target and the stages it is built FROM, and drops later stages', () => {
    const text = [
      'FROM python:3.11 AS base',
      'RUN apt-get update',
      'FROM base AS builder',
      'RUN pip wheel -w /wheels .',
      'FROM base AS app',
      'COPY --from=builder /wheels /wheels',
      'RUN pip install /wheels/*',
      'FROM app AS test',
      'RUN pytest',
    ].join('\n');
    const { dockerfile, snapshots } = plan(text, 'app');
    expect(dockerfile.split('\n').slice(0, 12)).toEqual([
      'FROM python:3.11 AS dfb-layer-0-0',
      // The last sub-stage keeps the name: `FROM base` and `COPY --from=base` still find it.
      'FROM dfb-layer-0-0 AS base',
      'RUN apt-get update',
      'FROM base AS builder',
      'RUN pip wheel -w /wheels .',
      'FROM base AS dfb-layer-2-0',
      'FROM dfb-layer-2-0 AS dfb-layer-2-1',
      'COPY --from=builder /wheels /wheels',
      'FROM dfb-layer-2-1 AS app',
      'RUN pip install /wheels/*',
      'FROM dfb-layer-0-0 AS dfb-listing',
      'USER 0:0',
    ]);
    expect(dockerfile).not.toContain('pytest');
    expect(dockerfile).toContain(
      '--mount=type=bind,from=dfb-layer-0-0,target=/dfb/0 --mount=type=bind,from=base,target=/dfb/1 --mount=type=bind,from=dfb-layer-2-1,target=/dfb/2 --mount=type=bind,from=app,target=/dfb/3 ',
    );
    expect(snapshots.map((s) => s.step?.keyword ?? 'base')).toEqual(['base', 'RUN', 'COPY', 'RUN']);
  });

  it('lists nothing but the base for a stage of instructions that make no layer', () => {
    const { dockerfile, snapshots } = plan('FROM python:3.11\nENV A=1\nUSER app\nCMD ["python3"]');
    expect(snapshots).toEqual([{ step: null }]);
    expect(dockerfile.split('\n').slice(0, 6)).toEqual([
      'FROM python:3.11 AS dfb-layer-0-0',
      'ENV A=1',
      'USER app',
      'CMD ["python3"]',
      'FROM dfb-layer-0-0 AS dfb-listing',
      'USER 0:0',
    ]);
  });

  it('keeps a FROM flag and a heredoc whole', () => {
    const { dockerfile } = plan('FROM --platform=linux/amd64 python:3.11 AS app\nRUN <<EOF\necho hi\nEOF\n');
    expect(dockerfile.split('\n').slice(0, 5)).toEqual([
      'FROM --platform=linux/amd64 python:3.11 AS dfb-layer-0-0',
      'FROM dfb-layer-0-0 AS app',
      'RUN <<EOF',
      'echo hi',
      'EOF',
    ]);
  });

  it.each([
    ['# escape=`\nFROM python:3.11\nRUN echo', 'escape directive'],
    ['FROM scratch\nCOPY app /app', 'FROM scratch'],
    ['FROM python:3.11 AS a\nRUN x\nFROM python:3.11\nCOPY --from=0 /x /x', 'by its number'],
    ['FROM python:3.11\nONBUILD RUN x', 'ONBUILD'],
    ['FROM python:3.11 AS dfb-layer-x\nRUN x', 'named like'],
  ])('says why it cannot split %j', (text, reason) => {
    const planned = planListing(parseDockerfile(text));
    expect('unsupported' in planned && planned.unsupported).toContain(reason);
  });
});
