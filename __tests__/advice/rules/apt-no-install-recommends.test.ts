import { dockerfile, findingsOf, linesOf } from '../helpers.js';

describe('apt-no-install-recommends', () => {
  const RULE = 'apt-no-install-recommends';

  it('flags apt-get and apt installs without --no-install-recommends in shipped stages', () => {
    const text = dockerfile(
      'FROM debian:bookworm-slim AS base',
      'RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx curl \\',
      '    && rm -rf /var/lib/apt/lists/*',
      'FROM base',
      'RUN apt update -y && apt install -y git && rm -rf /var/lib/apt/lists/*',
    );
    const findings = findingsOf(RULE, text);
    expect(findings.map((finding) => [finding.line, finding.severity])).toEqual([
      [2, 'warning'],
      [5, 'warning'],
    ]);
    expect(findings[0]?.message).toContain('`apt-get install -y -qq nginx curl`');
  });

  it.each([
    ['--no-install-recommends', 'RUN apt-get install -y --no-install-recommends curl'],
    ['-o APT::Install-Recommends=false', 'RUN apt-get install -qy -o APT::Install-Recommends=false curl'],
    ['-o APT::Install-Recommends=0', 'RUN apt-get -o APT::Install-Recommends=0 install -y curl'],
    ['--only-upgrade', 'RUN apt-get install -y --only-upgrade openssl'],
    ['a dist-upgrade (no packages named)', 'RUN apt-get update && apt-get -y dist-upgrade'],
  ])('does not flag %s', (_case, run) => {
    expect(linesOf(RULE, dockerfile('FROM debian:bookworm-slim', run))).toEqual([]);
  });

  it('honours an apt.conf setting written earlier, also in a parent stage', () => {
    const text = dockerfile(
      'FROM debian:bookworm-slim AS base',
      `RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99-no-recommends`,
      'FROM base',
      'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });

  it('stays silent in builder stages, whose packages never ship', () => {
    const text = dockerfile(
      'FROM golang:1.23 AS tools',
      'RUN apt-get update && apt-get install -y libkrb5-dev',
      'FROM debian:bookworm-slim',
      'COPY --from=tools /go/bin/tool /usr/bin/tool',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });
});

describe('apt-no-install-recommends with a purge in the same RUN', () => {
  it('stays quiet when the same RUN purges the recommends with --auto-remove', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN apt-get update && apt-get install -y gcc libpq-dev \\',
      '  && pip install --no-cache-dir psycopg2 \\',
      '  && apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false gcc \\',
      '  && rm -rf /var/lib/apt/lists/*',
      'RUN apt-get update && apt-get install -y curl && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*',
    );
    expect(linesOf('apt-no-install-recommends', text)).toEqual([6]);
  });
});
