import { dockerfile, findingsOf, linesOf } from '../helpers.js';

describe('apt-lists-left', () => {
  const RULE = 'apt-lists-left';

  it('flags apt-get update and install that keep the lists', () => {
    const text = dockerfile(
      'FROM debian:bookworm-slim',
      'RUN apt-get update && \\',
      '    apt-get install -y --no-install-recommends curl',
    );
    expect(findingsOf(RULE, text)).toMatchObject([{ line: 2, endLine: 3, severity: 'warning' }]);
  });

  it('points at a lone apt-get update, where the lists are written', () => {
    const text = dockerfile(
      'FROM debian:bookworm-slim',
      'RUN apt-get update',
      'RUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    );
    const [finding] = findingsOf(RULE, text);
    expect(finding?.line).toBe(2);
    expect(finding?.fix).toContain('one RUN');
  });

  it.each([
    ['rm of the lists', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'],
    [
      'apt cache mounts',
      'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y curl',
    ],
    ['an install without update (the lists come from elsewhere)', 'RUN apt-get install -y curl'],
  ])('does not flag %s', (_case, run) => {
    expect(linesOf(RULE, dockerfile('FROM debian:bookworm-slim', run))).toEqual([]);
  });

  it('reads heredoc scripts, and stays silent in builder stages, whose lists never ship', () => {
    const text = dockerfile(
      'FROM debian:bookworm AS build',
      'RUN <<EOF',
      'apt-get update',
      'apt-get install -y build-essential',
      'EOF',
      'FROM debian:bookworm-slim',
      'COPY --from=build /out /out',
      'RUN <<EOF',
      'apt-get update',
      'apt-get install -y curl',
      'EOF',
    );
    expect(findingsOf(RULE, text)).toMatchObject([{ line: 8, endLine: 11, severity: 'warning' }]);
  });

  it('counts apt-get dist-clean as removing the lists', () => {
    const text = dockerfile(
      'FROM debian:trixie-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends git && apt-get dist-clean',
      'RUN apt-get update && apt-get install -y --no-install-recommends gdb && apt-get clean',
    );
    expect(linesOf(RULE, text)).toEqual([3]);
  });
});

describe('apt-upgrade', () => {
  const RULE = 'apt-upgrade';

  it.each(['apt-get upgrade -y', 'apt-get -y dist-upgrade', 'apt full-upgrade -y'])('flags %s', (command) => {
    const text = dockerfile('FROM debian:bookworm-slim', `RUN apt-get update && ${command}`);
    expect(findingsOf(RULE, text)).toMatchObject([{ line: 2, severity: 'notice' }]);
  });

  it('does not flag a stage that does not ship (a dev stage built only with --target)', () => {
    const text = dockerfile(
      'FROM debian:bookworm-slim AS app',
      'FROM app AS dev',
      'RUN apt-get update && apt-get upgrade -y',
      'FROM app',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });

  it('does not flag installing named packages or --only-upgrade', () => {
    const text = dockerfile(
      'FROM debian:bookworm-slim',
      'RUN apt-get update && apt-get install -y --only-upgrade openssl && rm -rf /var/lib/apt/lists/*',
      'RUN echo "apt-get upgrade" > /notes.txt',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });
});
