import { dockerfile, findingsOf, linesOf } from '../helpers.js';

describe('build-tools-in-final-image', () => {
  const RULE = 'build-tools-in-final-image';

  it('flags compilers and -dev packages in a single-stage build', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev=15.4-1 curl \\',
      '    && rm -rf /var/lib/apt/lists/*',
    );
    const [finding] = findingsOf(RULE, text);
    expect(finding).toMatchObject({ line: 2, endLine: 3, severity: 'warning' });
    expect(finding?.message).toContain('build-essential, libpq-dev');
    expect(finding?.message).not.toContain('curl');
  });

  it('flags apk build-base and python3-dev too', () => {
    const text = dockerfile('FROM python:3.12-alpine', 'RUN apk add --no-cache build-base python3-dev');
    expect(linesOf(RULE, text)).toEqual([2]);
  });

  it('does not flag a multi-stage build, or build deps purged in the same RUN', () => {
    const multiStage = dockerfile(
      'FROM python:3.12-slim AS build',
      'RUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*',
      'FROM python:3.12-slim',
    );
    const purged = dockerfile(
      'FROM python:3.12-alpine',
      'RUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install --no-cache-dir psycopg2 && apk del .build-deps',
    );
    expect([...linesOf(RULE, multiStage), ...linesOf(RULE, purged)]).toEqual([]);
  });

  it('does not flag runtime libraries or packages held in variables', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN apt-get update && apt-get install -y libpq5 udev $BUILD_DEPS && rm -rf /var/lib/apt/lists/*',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });
});
