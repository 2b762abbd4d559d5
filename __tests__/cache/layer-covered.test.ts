import type { StepRecord } from '../../src/buildx/progress.js';
import {
  cacheStepFingerprints,
  mountsCoveredByLayerCache,
  stepsFromLayerCache,
  type CoverageBase,
  type StepFingerprintFacts,
} from '../../src/cache/layer-covered.js';
import { parseDockerfile } from '../../src/dockerfile/model.js';

const PIP = '/root/.cache/pip';
const facts: StepFingerprintFacts = {
  lockfiles: new Set(['requirements.txt', 'requirements-dev.txt', 'uv.lock', 'pyproject.toml']),
  lockfileNames: ['requirements*.txt', 'uv.lock', 'pyproject.toml'],
  lockfileHash: 'aaaa',
  buildSettings: [],
};

function fingerprint(dockerfile: string, mountId = PIP, overrides: Partial<StepFingerprintFacts> = {}) {
  return cacheStepFingerprints(parseDockerfile(dockerfile), [mountId], { ...facts, ...overrides }).get(
    mountId,
  );
}

const GOOD = `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
COPY . .
`;

describe('cacheStepFingerprints', () => {
  it('gives a fingerprint when only lockfiles reach the install step, whatever comes after it', () => {
    const first = fingerprint(GOOD);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprint(`${GOOD}RUN echo later\nCOPY docs/ /docs/\n`)).toBe(first);
  });

  it('changes with the lockfiles, the build settings and the Dockerfile text up to the step', () => {
    const first = fingerprint(GOOD);
    expect(fingerprint(GOOD, PIP, { lockfileHash: 'bbbb' })).not.toBe(first);
    expect(fingerprint(GOOD, PIP, { buildSettings: ['VERSION=2'] })).not.toBe(first);
    expect(fingerprint(GOOD.replace('pip install', 'pip install --pre'))).not.toBe(first);
    expect(fingerprint(GOOD.replace('WORKDIR /app', 'WORKDIR /srv'))).not.toBe(first);
    expect(fingerprint(`ARG BASE=3.12\n${GOOD}`)).not.toBe(first);
  });

  it('finds the install step when its mount target is written with an ARG', () => {
    const withArg = `FROM python:3.12-slim
ARG PIP_DIR=/root/.cache/pip
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=\${PIP_DIR} pip install -r requirements.txt
`;
    expect(fingerprint(withArg)).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprint(withArg, '${PIP_DIR}')).toBeUndefined();
  });

  it('gives none when the whole context is copied before the install step', () => {
    expect(
      fingerprint(`FROM python:3.12-slim
COPY . .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
`),
    ).toBeUndefined();
  });

  it('gives none when a source is not a lockfile, a directory, or another stage', () => {
    const withCopy = (copy: string) =>
      fingerprint(`FROM python:3.12-slim AS build
${copy}
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
`);
    expect(withCopy('COPY setup.py requirements.txt ./')).toBeUndefined();
    expect(withCopy('COPY requirements/ ./requirements/')).toBeUndefined();
    expect(withCopy('COPY --from=builder /wheels /wheels')).toBeUndefined();
    expect(withCopy('ADD https://example.com/x.tar.gz /x')).toBeUndefined();
    expect(withCopy('COPY src/*.txt ./')).toBeUndefined();
    expect(withCopy('COPY ["requirements.txt", "pyproject.toml", "./"]')).toBeDefined();
    expect(withCopy('COPY ./requirements.txt /app/')).toBeDefined();
    expect(withCopy('COPY requirements*.txt ./')).toBeDefined();
    // With user-given lockfile globs, a wildcard could match anything.
    expect(
      fingerprint(
        `FROM python:3.12-slim\nCOPY requirements*.txt ./\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n`,
        PIP,
        { lockfileNames: [] },
      ),
    ).toBeUndefined();
  });

  it('accepts bind mounts of lockfiles (the uv pattern) but not of the whole context', () => {
    const uv = (binds: string) =>
      fingerprint(
        `FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/uv ${binds} \\
    uv sync --locked --no-install-project
`,
        '/root/.cache/uv',
      );
    expect(
      uv(
        '--mount=type=bind,source=uv.lock,target=uv.lock --mount=type=bind,source=pyproject.toml,target=pyproject.toml',
      ),
    ).toBeDefined();
    expect(uv('--mount=type=bind,target=/src')).toBeUndefined();
    expect(uv('--mount=type=bind,source=src,target=/src')).toBeUndefined();
    expect(uv('--mount=type=bind,from=builder,source=/x,target=/x')).toBeUndefined();
  });

  it('follows the stages a mount step is built on, and every step that uses the mount', () => {
    const parentCopiesAll = `FROM python:3.12-slim AS base
COPY . /src
FROM base AS deps
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
`;
    expect(fingerprint(parentCopiesAll)).toBeUndefined();
    const secondUseAfterCopy = `FROM python:3.12-slim
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
COPY . .
RUN --mount=type=cache,target=/root/.cache/pip pip install .
`;
    expect(fingerprint(secondUseAfterCopy)).toBeUndefined();
    const unrelatedStage = `FROM python:3.12-slim AS docs
COPY . /docs
FROM python:3.12-slim
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
`;
    expect(fingerprint(unrelatedStage)).toBeDefined();
  });

  it('covers a heredoc body and matches mounts by id', () => {
    const heredoc = (body: string) =>
      fingerprint(
        `FROM python:3.12-slim
COPY requirements.txt .
RUN --mount=type=cache,id=pip-cache,target=/root/.cache/pip <<EOF
${body}
EOF
COPY . .
`,
        'pip-cache',
      );
    expect(heredoc('pip install -r requirements.txt')).toBeDefined();
    expect(heredoc('pip install -r requirements.txt')).not.toBe(
      heredoc('pip install --pre -r requirements.txt'),
    );
    expect(fingerprint(GOOD, '/root/.cache/uv')).toBeUndefined();
  });
});

describe('mountsCoveredByLayerCache', () => {
  const fingerprints = new Map([[PIP, 'f1']]);
  const layerCache = {
    kind: 'registry' as const,
    readRefs: ['r/app:buildcache-feature', 'r/app:buildcache-main'],
  };
  const base: CoverageBase = {
    succeeded: true,
    writeRef: 'r/app:buildcache-main',
    layerCacheExported: true,
    mounts: [{ mountId: PIP, fingerprint: 'f1' }],
  };

  it('skips a mount whose steps the base ran from the same lockfiles into a cache this build reads', () => {
    expect([...mountsCoveredByLayerCache(base, fingerprints, layerCache, 'max')]).toEqual([PIP]);
  });

  it.each<[string, CoverageBase | undefined, string, string]>([
    ['no base', undefined, 'registry', 'max'],
    ['a failed base build', { ...base, succeeded: false }, 'registry', 'max'],
    ['a failed export', { ...base, layerCacheExported: false }, 'registry', 'max'],
    ['a cache this build does not read', { ...base, writeRef: 'r/app:buildcache-other' }, 'registry', 'max'],
    ['other lockfiles', { ...base, mounts: [{ mountId: PIP, fingerprint: 'f2' }] }, 'registry', 'max'],
    [
      'a base without fingerprint',
      { ...base, mounts: [{ mountId: PIP, fingerprint: undefined }] },
      'registry',
      'max',
    ],
    ['mode=min (intermediate layers not exported)', base, 'registry', 'min'],
    ['no layer cache', base, 'none', 'max'],
    ['the inline cache', base, 'inline', 'max'],
  ])('restores with %s', (_, baseReport, kind, mode) => {
    const covered = mountsCoveredByLayerCache(
      baseReport,
      fingerprints,
      { kind: kind as 'registry', readRefs: layerCache.readRefs },
      mode,
    );
    expect(covered.size).toBe(0);
  });

  it('never skips a mount without a fingerprint of its own', () => {
    expect(mountsCoveredByLayerCache(base, new Map([[PIP, undefined]]), layerCache, 'max').size).toBe(0);
  });
});

describe('stepsFromLayerCache', () => {
  const step = (name: string, cached: boolean): StepRecord => ({ name, cached, seconds: 1 });
  const install = '[2/4] RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt';

  it('is true when every step using the mount was cached, false when one ran', () => {
    expect(stepsFromLayerCache(PIP, [step('[1/4] WORKDIR /app', false), step(install, true)])).toBe(true);
    expect(stepsFromLayerCache(PIP, [step(install, true), step(install.replace('2/4', '4/4'), false)])).toBe(
      false,
    );
  });

  it('does not mistake a longer target or another mount for this one, and knows when it cannot tell', () => {
    const tools = '[2/4] RUN --mount=type=cache,target=/root/.cache/pip-tools pip-compile';
    expect(stepsFromLayerCache(PIP, [step(tools, false)])).toBeUndefined();
    expect(
      stepsFromLayerCache('pipcache', [
        step('[2/4] RUN --mount=type=cache,uid=0,id=pipcache,target=/x x', true),
      ]),
    ).toBe(true);
    expect(
      stepsFromLayerCache('cache', [step('[2/4] RUN --mount=type=cache,uid=1,target=/x x', false)]),
    ).toBeUndefined();
  });
});
