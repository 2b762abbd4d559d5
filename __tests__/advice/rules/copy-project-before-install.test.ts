import { dockerfile, findingsOf, linesOf } from '../helpers.js';

describe('copy-project-before-install', () => {
  const RULE = 'copy-project-before-install';

  it('flags a frontend directory copied whole before its install', () => {
    const text = dockerfile(
      'FROM node:22-slim AS web',
      'COPY ./src-ui /src/src-ui',
      'WORKDIR /src/src-ui',
      'RUN corepack enable && pnpm install',
      'FROM node:22-slim AS web2',
      'WORKDIR /build',
      'COPY frontend/web/ ./',
      'RUN --mount=type=cache,target=/pnpm/store pnpm install --frozen-lockfile',
    );
    const findings = findingsOf(RULE, text);
    expect(findings.map((finding) => finding.line)).toEqual([4, 8]);
    expect(findings[0]?.message).toContain('after ./src-ui is copied in (line 2)');
    expect(findings[0]?.fix).toContain('package.json');
  });

  it('flags an app package copied before pip install -r, and follows cd in the RUN', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'WORKDIR /srv',
      'COPY app ./app',
      'COPY requirements.txt .',
      'RUN cd /srv && pip install --no-cache-dir -r requirements.txt',
    );
    expect(findingsOf(RULE, text)).toMatchObject([{ line: 5, fix: expect.stringContaining('requirements') }]);
  });

  it.each([
    [
      'manifests and lockfiles',
      ['COPY package.json pnpm-lock.yaml ./', 'RUN pnpm install --frozen-lockfile'],
    ],
    [
      'a requirements directory',
      ['COPY requirements/ ./requirements/', 'RUN pip install -r requirements/base.txt'],
    ],
    [
      'a helper copied elsewhere',
      ['COPY build_helpers /tmp/build_helpers', 'RUN pip install -r requirements.txt'],
    ],
    ['a single file', ['COPY scripts/setup.sh ./', 'RUN pip install -r requirements.txt']],
    [
      'a possible workspace member below a node project',
      [
        'COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./',
        'COPY viz-lib ./viz-lib',
        'RUN pnpm install',
      ],
    ],
    [
      'a possible workspace member below a uv project',
      [
        'COPY pyproject.toml uv.lock ./',
        'COPY packages ./packages/',
        'RUN uv sync --frozen --no-install-project',
      ],
    ],
    [
      'the project install itself',
      ['COPY src ./src', 'COPY pyproject.toml .', 'RUN pip install --no-cache-dir .'],
    ],
    [
      'the whole context (copy-before-install’s finding)',
      ['COPY . .', 'RUN pip install -r requirements.txt'],
    ],
  ])('does not flag %s', (_case, lines) => {
    expect(linesOf(RULE, dockerfile('FROM python:3.12-slim', 'WORKDIR /app', ...lines))).toEqual([]);
  });

  it('does not flag an install when the dependencies come from a builder stage', () => {
    const text = dockerfile(
      'FROM python:3.12 AS deps',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir --prefix=/install -r requirements.txt',
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY --from=deps /install /usr/local',
      'COPY app ./app',
      'RUN pip install --no-cache-dir -r requirements-extra.txt',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });
});

describe('copy-project-before-install: which COPY, and build-script directories', () => {
  const RULE = 'copy-project-before-install';

  it('names the copy of the project directory itself rather than an earlier subdirectory copy', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY docs/ ./docs/',
      'COPY src/ ./',
      'RUN pip install --no-cache-dir -r requirements.txt',
    );
    expect(findingsOf(RULE, text)).toMatchObject([
      { line: 5, message: expect.stringContaining('after src/ is copied in (line 4)') },
    ]);
  });

  it.each([
    ['a later RUN', ['RUN ./build/prepare.sh', 'RUN pip install --no-cache-dir -r requirements.txt']],
    ['the same RUN', ['RUN bash build/prepare.sh && pip install --no-cache-dir -r requirements.txt']],
    ['a python script', ['RUN python3 build/gen_requirements.py', 'RUN pip install -r requirements.txt']],
  ])('stays quiet when %s executes a script from the copied directory', (_where, runs) => {
    const text = dockerfile('FROM python:3.12-slim', 'WORKDIR /app', 'COPY build/ ./build/', ...runs);
    expect(linesOf(RULE, text)).toEqual([]);
  });

  it('stays quiet when the requirements file is read from the copied directory', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY deploy/ ./deploy/',
      'RUN pip install --no-cache-dir -r deploy/requirements.txt',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });
});
