import { dockerfile, findingsOf, linesOf } from '../helpers.js';

describe('uv-sync-unlocked', () => {
  const RULE = 'uv-sync-unlocked';

  it('flags uv sync without --locked or --frozen', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN --mount=type=cache,target=/root/.cache/uv uv sync --no-install-project',
    );
    const [finding] = findingsOf(RULE, text);
    expect(finding).toMatchObject({ line: 2, severity: 'warning' });
    expect(finding?.message).toContain('uv sync --no-install-project');
  });

  it.each([
    ['--locked', 'RUN uv sync --locked --no-cache'],
    ['--frozen', 'RUN uv --no-cache sync --frozen'],
    ['UV_FROZEN inline', 'RUN UV_FROZEN=1 uv sync --no-cache'],
    ['a uv pip install (no lockfile involved)', 'RUN uv pip install --no-cache --system flask'],
  ])('does not flag %s', (_case, run) => {
    expect(linesOf(RULE, dockerfile('FROM python:3.12-slim', run))).toEqual([]);
  });

  it('honours UV_LOCKED from ENV', () => {
    const text = dockerfile('FROM python:3.12-slim', 'ENV UV_LOCKED=1', 'RUN uv sync --no-cache');
    expect(linesOf(RULE, text)).toEqual([]);
  });

  it('reads flags from ARG/ENV values and stays silent on variables it cannot read', () => {
    const text = dockerfile(
      'ARG UV_OPTIONS="--frozen --no-dev"',
      'FROM python:3.12-slim',
      'ARG UV_OPTIONS',
      'ARG EXTRA_FLAGS="--no-dev"',
      'RUN uv sync $UV_OPTIONS',
      'RUN uv sync ${EXTRA_FLAGS}',
      'RUN uv sync $group_flags',
    );
    expect(linesOf(RULE, text)).toEqual([6]);
  });

  it('does not flag an unlocked sync that is only the fallback of a frozen one', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN uv sync --frozen --no-dev || uv sync --no-dev',
      'RUN uv sync --no-dev || uv sync --frozen',
    );
    expect(linesOf(RULE, text)).toEqual([3]);
  });
});
