import { dockerfile, findingsOf, linesOf } from '../helpers.js';

describe('pip-cache-baked-in', () => {
  const RULE = 'pip-cache-baked-in';

  it('flags pip and uv installs that write their cache into the final image', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN pip install -r requirements.txt',
      'RUN uv pip install --system flask',
      'RUN uv sync --locked',
    );
    const findings = findingsOf(RULE, text);
    expect(findings.map((finding) => [finding.line, finding.severity])).toEqual([
      [2, 'warning'],
      [3, 'warning'],
      [4, 'warning'],
    ]);
    expect(findings[0]?.fix).toContain('target=/root/.cache/pip');
    expect(findings[1]?.fix).toContain('target=/root/.cache/uv');
  });

  it('stays silent in a builder stage, whose layers never ship', () => {
    const text = dockerfile(
      'FROM python:3.12 AS build',
      'RUN pip wheel -w /wheels -r requirements.txt && pip install build',
      'FROM python:3.12-slim',
      'COPY --from=build /wheels /wheels',
      'RUN python -mpip install /wheels/*',
    );
    expect(linesOf(RULE, text)).toEqual([5]);
  });

  it('still flags --no-index when the wheels come from an HTTP find-links page', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN pip install --no-index --find-links http://127.0.0.1:8765/ -r requirements.txt',
      'RUN pip install --no-index -fhttps://wheels.example/ app',
      'RUN pip install --no-index --find-links=/wheels app',
    );
    expect(linesOf(RULE, text)).toEqual([2, 3]);
  });

  it('does not take the removal of another file named like pip for a cache cleanup', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN curl -sSLo get-pip.py https://bootstrap.pypa.io/get-pip.py && python get-pip.py && pip3.12 install httpx && rm get-pip.py',
      'RUN pip install flask && rm -rf ~/.cache/pip/*',
      'RUN pip install gunicorn && rm -rf $HOME/.cache',
    );
    expect(linesOf(RULE, text)).toEqual([2]);
  });

  it.each([
    ['a pip cache mount', 'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt'],
    ['a uv cache mount', 'RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked'],
    ['a ~/.cache mount for another user', 'RUN --mount=type=cache,target=/home/app/.cache pip install flask'],
    ['--no-cache-dir', 'RUN pip install --no-cache-dir -r requirements.txt'],
    ['its --no-cache abbreviation', 'RUN pip install --no-cache /wheels/*'],
    ['uv --no-cache', 'RUN uv pip install --no-cache --system flask'],
    ['uv --no-cache-dir, its alias', 'RUN uv pip install --system --no-cache-dir -r requirements.txt'],
    ['--no-index (local wheels only)', 'RUN pip install --no-index --find-links=/wheels app'],
    ['an inline PIP_NO_CACHE_DIR', 'RUN PIP_NO_CACHE_DIR=1 pip install flask'],
    ['an exported UV_NO_CACHE', 'RUN export UV_NO_CACHE=1 && uv sync --frozen'],
    ['a purge in the same RUN', 'RUN pip install flask && pip cache purge'],
    ['rm of the cache in the same RUN', 'RUN pip install flask && rm -rf /root/.cache'],
  ])('does not flag an install with %s', (_case, run) => {
    expect(linesOf(RULE, dockerfile('FROM python:3.12-slim', run))).toEqual([]);
  });

  it('honours PIP_NO_CACHE_DIR and PIP_CACHE_DIR set by ENV or ARG, also in a parent stage', () => {
    const text = dockerfile(
      'FROM python:3.12-slim AS base',
      'ENV PIP_NO_CACHE_DIR=1 UV_CACHE_DIR=/cache/uv',
      'FROM base',
      'RUN pip install flask',
      'RUN --mount=type=cache,target=/cache/uv uv pip install --system flask',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });

  it('expands variables in the cache mount target', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'ENV PIP_CACHE_DIR=/var/cache/wheels',
      'RUN --mount=type=cache,target=${PIP_CACHE_DIR} pip install flask',
      'RUN --mount=type=cache,target=/var/cache/other pip install gunicorn',
    );
    expect(linesOf(RULE, text)).toEqual([4]);
  });

  it('does not flag when a pip.conf is brought in (it may disable the cache)', () => {
    const text = dockerfile('FROM python:3.12-slim', 'COPY pip.conf /etc/pip.conf', 'RUN pip install flask');
    expect(linesOf(RULE, text)).toEqual([]);
  });

  it("names the user's own cache when a non-root USER installs", () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'USER app',
      'RUN pip install --user flask',
      'USER root',
      'RUN pip install gunicorn',
    );
    const findings = findingsOf(RULE, text);
    expect(findings.map((finding) => finding.message.includes('(~/.cache/pip)'))).toEqual([true, false]);
    expect(findings[0]?.fix).toContain('uid=<uid of app>');
    expect(findings[1]?.fix).toContain('target=/root/.cache/pip');
  });

  it('does not treat an unrelated bind mount as a cache', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt pip install -r /tmp/requirements.txt',
    );
    expect(linesOf(RULE, text)).toEqual([2]);
  });
});

describe('pip-cache-baked-in and apt-lists-left on quoted mount values', () => {
  it('sees cache mounts whose target is quoted', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN --mount=type=cache,target="/root/.cache" pip install -r requirements.txt',
      'RUN --mount=type=cache,target="/var/lib/apt",sharing=locked --mount="type=cache,target=/var/cache/apt" \\',
      '    apt-get update && apt-get install -y --no-install-recommends libpq5',
    );
    expect(linesOf('pip-cache-baked-in', text)).toEqual([]);
    expect(linesOf('apt-lists-left', text)).toEqual([]);
  });
});

describe('cache mounts whose target cannot be resolved', () => {
  it('are taken for the cache rather than ignored', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN --mount=type=cache,target=$CACHE_ROOT/pip pip install -r requirements.txt',
      'RUN --mount=type=cache,target=${APT_CACHE} apt-get update && apt-get install -y --no-install-recommends curl',
    );
    expect(linesOf('pip-cache-baked-in', text)).toEqual([]);
    expect(linesOf('apt-lists-left', text)).toEqual([]);
  });
});

describe('pip-cache-baked-in on packaging tools', () => {
  it('leaves an upgrade of pip itself alone and names the dependency install instead', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN pip install --upgrade pip setuptools wheel',
      'RUN python -m pip install --upgrade pip && python -m pip install -r requirements.txt',
    );
    expect(findingsOf('pip-cache-baked-in', text)).toMatchObject([
      { line: 3, message: expect.stringContaining('`python -m pip install -r requirements.txt`') },
    ]);
  });
});
