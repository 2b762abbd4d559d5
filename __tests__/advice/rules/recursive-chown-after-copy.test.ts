import { contextFacts, dockerfile, findingsOf, linesOf } from '../helpers.js';

describe('recursive-chown-after-copy', () => {
  const RULE = 'recursive-chown-after-copy';

  it('flags chown -R over a directory an earlier COPY filled', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY . .',
      'RUN useradd -m appuser && chown -R appuser /app',
    );
    const [finding] = findingsOf(RULE, text);
    expect(finding).toMatchObject({ line: 4, severity: 'warning' });
    expect(finding?.message).toContain('the COPY at line 3 put in /app');
    expect(finding?.fix).toContain('COPY --chown=appuser at line 3');
  });

  it('flags chmod -R and combined flags over a parent or a child of the copied path', () => {
    const text = dockerfile(
      'FROM ubuntu:24.04 AS build',
      'FROM ubuntu:24.04',
      'COPY --chown=1000:1000 --from=build /app/.venv /app/.venv',
      'RUN chmod -R 777 /app',
      'ADD static /srv/static',
      'RUN chown -hR www-data:www-data /srv/static/img',
      'COPY src/ /opt/src/',
      'RUN chmod --recursive g+w /opt',
    );
    // Unmeasured, named context directories count as small source trees; measured, they are large here.
    expect(linesOf(RULE, text)).toEqual([4]);
    const context = contextFacts({
      largest: [
        { path: 'static', bytes: 40_000_000 },
        { path: 'src', bytes: 30_000_000 },
      ],
    });
    expect(linesOf(RULE, text, { context })).toEqual([4, 6, 8]);
  });

  it.each([
    ['a COPY that already set the owner', ['COPY --chown=app:app . /app', 'RUN chown -R app:app /app']],
    ['a COPY that set it with the user only', ['COPY --chown=app . /app', 'RUN chown -R app:app /app']],
    ['a chown limited with --from', ['COPY . /app', 'RUN chown --from=root:root -R app /app']],
    ['a directory the RUN creates', ['COPY . /app', 'RUN mkdir -p /data/cache && chown -R app /data']],
    [
      'subdirectories the RUN creates',
      ['COPY . /app', 'RUN mkdir -p /app/media/images && chown -R app /app/media'],
    ],
    ['a non-recursive chown', ['COPY . /app', 'RUN chown app /app']],
    ['an unrelated path', ['COPY . /app', 'RUN chown -R app /var/log/app']],
    [
      'a chmod with the mode the COPY set',
      ['COPY --chmod=755 bin/ /usr/local/bin/', 'RUN chmod -R 755 /usr/local/bin'],
    ],
  ])('does not flag %s', (_case, lines) => {
    expect(linesOf(RULE, dockerfile('FROM python:3.12-slim', ...lines))).toEqual([]);
  });

  it('does not flag copies in builder stages, whose layers never ship', () => {
    const text = dockerfile(
      'FROM python:3.12 AS build',
      'COPY . /src',
      'RUN chown -R 1000 /src',
      'FROM python:3.12-slim',
      'COPY --from=build /src/dist /dist',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });
});

describe('recursive-chown-after-copy: how much, and which COPY', () => {
  const RULE = 'recursive-chown-after-copy';

  it('names the COPY that put most there, not the first one', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'COPY entrypoint.sh /app/',
      'COPY . /app',
      'RUN useradd app && chown -R app /app',
    );
    const [finding] = findingsOf(RULE, text);
    expect(finding?.message).toContain(
      'the COPY at line 3 put in /app (the whole build context) and 1 other COPY',
    );
    expect(finding?.message).not.toContain('twice');
    expect(finding?.fix).toContain('COPY --chown=app at line 3');
  });

  it('stays quiet, unmeasured, over files and source directories named from the context', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'COPY requirements.txt entrypoint.sh /app/',
      'COPY src/ /app/src/',
      'RUN useradd app && chown -R app /app',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });

  it('says how much from the measured context, and stays quiet below a size that matters', () => {
    const text = dockerfile('FROM python:3.12-slim', 'COPY src/ /app/src/', 'RUN chown -R app /app');
    const measured = (bytes: number) => contextFacts({ largest: [{ path: 'src', bytes }] });
    expect(findingsOf(RULE, text, { context: measured(2_000_000) })).toEqual([]);
    expect(findingsOf(RULE, text, { context: measured(80_000_000) })).toMatchObject([
      { line: 3, bytesAtStake: 80_000_000, message: expect.stringContaining('(src/, 80.0 MB)') },
    ]);
  });
});
