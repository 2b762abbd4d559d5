import { dockerfile, findingsOf, linesOf } from '../helpers.js';

describe('cache-mount-wrong-user', () => {
  const RULE = 'cache-mount-wrong-user';

  it('flags a /root/.cache mount on an install run by a non-root USER', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN useradd --create-home app',
      'USER app',
      'RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked',
      'RUN --mount=type=cache,target=/root/.cache pip install --user -r requirements.txt',
    );
    const findings = findingsOf(RULE, text);
    expect(findings.map((finding) => finding.line)).toEqual([4, 5]);
    expect(findings[0]?.message).toContain('uv cache is in /home/app/.cache/uv');
    expect(findings[0]?.fix).toContain('target=/home/app/.cache/uv,uid=<uid of app>');
  });

  it('fires in builder stages too: the mount is wasted wherever it is', () => {
    const text = dockerfile(
      'FROM python:3.12 AS build',
      'USER 1000',
      'RUN --mount=type=cache,target=/root/.cache/pip pip wheel -w /wheels -r requirements.txt && pip install -r requirements.txt',
      'FROM python:3.12-slim',
      'COPY --from=build /wheels /wheels',
    );
    expect(findingsOf(RULE, text)).toMatchObject([
      { line: 3, message: expect.stringContaining("1000's home") },
    ]);
  });

  it.each([
    ['root', ['USER root', 'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt']],
    [
      'UV_CACHE_DIR pointing at the mount',
      [
        'ENV UV_CACHE_DIR=/root/.cache/uv',
        'USER app',
        'RUN --mount=type=cache,target=/root/.cache/uv,uid=1000 uv sync --locked',
      ],
    ],
    [
      'a mount at the cache directory in force',
      [
        'ENV UV_CACHE_DIR=/opt/uv-cache',
        'USER app',
        'RUN --mount=type=cache,target=${UV_CACHE_DIR},uid=1000 uv sync --locked',
      ],
    ],
    [
      'a mount in the user’s home',
      ['USER app', 'RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install -r r.txt'],
    ],
    [
      'a mount for another tool',
      ['USER app', 'RUN --mount=type=cache,target=/root/.cache/pip uv sync --locked'],
    ],
    [
      '--no-cache-dir',
      ['USER app', 'RUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir -r r.txt'],
    ],
  ])('does not flag %s', (_case, lines) => {
    expect(linesOf(RULE, dockerfile('FROM python:3.12-slim', ...lines))).toEqual([]);
  });

  it('stays silent without a USER line: the base image may run as anyone', () => {
    const text = dockerfile(
      'FROM registry.access.redhat.com/ubi9/python-312:1',
      'RUN --mount=type=cache,target=/root/.cache/uv uv pip install -r requirements.txt',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });
});
