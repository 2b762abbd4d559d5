import { dockerfile, findingsOf, linesOf } from '../helpers.js';

const RULE = 'copy-before-install';

describe('copy-before-install', () => {
  it('flags a requirements install after COPY . .', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY . .',
      'RUN pip install --no-cache-dir -r requirements.txt',
    );
    const [finding] = findingsOf(RULE, text);
    expect(finding).toMatchObject({ severity: 'warning', line: 4, file: 'app/Dockerfile' });
    expect(finding?.message).toContain('line 3');
    expect(finding?.fix).toContain('requirements');
  });

  it.each([
    ['ADD . /app', 'RUN pip install --no-cache-dir .'],
    ['COPY --chown=app:app ./ /app/', 'RUN uv sync --locked'],
    ['COPY . /src', 'RUN poetry install'],
    ['COPY . .', 'RUN pipenv install --system --deploy'],
    ['COPY . .', 'RUN python3 -mpip install --no-cache-dir -r requirements.txt'],
    ['COPY . .', 'RUN --mount=type=cache,target=/root/.cache/uv uv pip install --system -r requirements.txt'],
    ['COPY . .', 'RUN npm ci'],
  ])('flags %s followed by %s', (copy, install) => {
    expect(linesOf(RULE, dockerfile('FROM python:3.12-slim', copy, install))).toEqual([3]);
  });

  it('does not flag dependencies installed before the code is copied', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'COPY . .',
      'RUN pip install --no-cache-dir --no-deps .',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });

  it('does not flag installing only the project once its dependencies are in', () => {
    const uv = dockerfile(
      'FROM python:3.12-slim',
      'COPY pyproject.toml uv.lock ./',
      'RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked --no-install-project',
      'COPY . .',
      'RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked',
    );
    const poetry = dockerfile(
      'FROM python:3.12-slim',
      'COPY pyproject.toml poetry.lock ./',
      'RUN poetry install --no-root',
      'COPY . .',
      'RUN poetry install --only-root',
    );
    const editable = dockerfile(
      'FROM python:3.12-slim',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'COPY . .',
      'RUN pip install --no-cache-dir -e .',
    );
    expect([...linesOf(RULE, uv), ...linesOf(RULE, poetry), ...linesOf(RULE, editable)]).toEqual([]);
  });

  it('does not flag a --no-deps project install even without an earlier dependency step', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'COPY . .',
      'RUN pip install --no-cache-dir --no-deps -e .',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });

  it('still flags a full dependency install after COPY . . when dependencies were installed before', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'COPY . .',
      'RUN pip install --no-cache-dir -r requirements-dev.txt',
    );
    expect(linesOf(RULE, text)).toEqual([5]);
  });

  it('ignores tooling upgrades, partial copies and copies from other stages', () => {
    const text = dockerfile(
      'FROM python:3.12 AS build',
      'COPY . .',
      'RUN pip install --no-cache-dir --upgrade pip setuptools wheel',
      'FROM python:3.12-slim',
      'COPY --from=build . /app',
      'COPY src/ ./src/',
      'RUN pip install --no-cache-dir -r requirements.txt',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });

  it('follows a stage built on a stage that copied the whole context', () => {
    const text = dockerfile(
      'FROM python:3.12-slim AS base',
      'COPY . /app',
      'FROM base AS test',
      'RUN pip install --no-cache-dir -r requirements-test.txt',
    );
    expect(linesOf(RULE, text)).toEqual([4]);
  });

  it('reads installs inside heredocs and continuation lines, reporting the whole RUN', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'COPY . .',
      'RUN <<EOF',
      'set -e',
      'pip install --no-cache-dir -r requirements.txt',
      'EOF',
      'RUN echo start && \\',
      '    pipenv install --deploy',
    );
    expect(findingsOf(RULE, text).map((finding) => [finding.line, finding.endLine])).toEqual([
      [3, 6],
      [7, 8],
    ]);
  });

  it('does not flag packages named on the command line, which cost seconds, not the whole install', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'COPY . /app',
      'RUN uv pip install --system debugpy',
      'RUN pip install --no-cache-dir flask gunicorn',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });

  it('counts dependencies copied in from a stage that installed them as installed', () => {
    const text = dockerfile(
      'FROM python:3.12 AS python-deps',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir --prefix=/install -r requirements.txt',
      'FROM node:22 AS web',
      'RUN npm ci',
      'FROM python:3.12-slim',
      'COPY --from=python-deps /install /usr/local',
      'COPY . /app',
      'RUN pip install --no-cache-dir -e /app',
      'FROM python:3.12-slim AS other',
      'COPY --from=web /dist /app/static',
      'COPY . /app',
      'RUN pip install --no-cache-dir /app',
    );
    expect(linesOf(RULE, text)).toEqual([13]);
  });
});

describe('copy-before-install on installs inside shell strings', () => {
  it('sees pip install inside bash -c and sh -c', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY . .',
      'RUN bash -c "pip install --no-cache-dir -r requirements.txt"',
      `RUN ["/bin/sh", "-c", "sh -c 'pip install --no-cache-dir -r requirements.txt'"]`,
    );
    expect(linesOf('copy-before-install', text)).toEqual([4, 5]);
  });
});
