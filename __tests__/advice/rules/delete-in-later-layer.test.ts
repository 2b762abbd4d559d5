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

describe('delete-in-later-layer', () => {
  const RULE = 'delete-in-later-layer';

  it('flags a download removed in a later RUN', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN curl -fsSLo /tmp/model.bin https://example.com/model.bin',
      'RUN python3 /app/convert.py /tmp/model.bin',
      'RUN rm -f /tmp/model.bin',
    );
    const [finding] = findingsOf(RULE, text);
    expect(finding).toMatchObject({ line: 4, severity: 'warning' });
    expect(finding?.message).toContain('line 2');
  });

  it('flags a file written by output redirection and removed in a later RUN', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN head -c 20000000 /dev/urandom > /tmp/model.bin && python3 -c "print(1)" 2>/dev/null',
      'RUN rm -f /tmp/model.bin',
    );
    expect(linesOf(RULE, text)).toEqual([3]);
  });

  it('does not flag a redirected file removed in the same RUN, nor /dev targets', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN echo x > /tmp/a.txt && cat /tmp/a.txt && rm /tmp/a.txt',
      'RUN echo y >/dev/null',
      'RUN rm -f /dev/null.bak',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });

  it('flags files copied in and removed later, also from a builder stage', () => {
    const text = dockerfile(
      'FROM python:3.12 AS build',
      'RUN pip wheel --no-cache-dir -w /wheels -r requirements.txt',
      'FROM python:3.12-slim',
      'COPY --from=build /wheels /wheels',
      'COPY vendor.tar.gz /tmp/',
      'RUN pip install --no-cache-dir /wheels/*.whl',
      'RUN rm -rf /wheels /tmp/vendor.tar.gz',
    );
    expect(linesOf(RULE, text)).toEqual([7]);
    expect(findingsOf(RULE, text)[0]?.message).toContain('/wheels (and 1 other path) was added at line 4');
  });

  it('does not treat an archive that ADD unpacks as a file that a later rm removes', () => {
    const text = dockerfile(
      'FROM debian:bookworm-slim',
      'ADD vendor.tar.gz /tmp/',
      'RUN rm -f /tmp/vendor.tar.gz',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });

  it('does not flag removal in the same RUN, other paths, relative paths or builder stages', () => {
    const text = dockerfile(
      'FROM debian:bookworm-slim AS build',
      'RUN wget -O /tmp/src.tgz https://example.com/src.tgz',
      'RUN rm /tmp/src.tgz',
      'FROM debian:bookworm-slim',
      'WORKDIR /app',
      'RUN curl -o /tmp/x.tgz https://example.com/x.tgz && tar -xzf /tmp/x.tgz && rm /tmp/x.tgz',
      'COPY data.csv .',
      'COPY other.csv /srv/other.csv',
      'RUN rm data.csv /srv/other.csv.bak /tmp/*',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });
});

describe('add-where-copy-fits', () => {
  const RULE = 'add-where-copy-fits';

  it('suggests COPY for plain local files', () => {
    const text = dockerfile('FROM python:3.12-slim', 'ADD requirements.txt /app/', 'ADD --chown=app . /app');
    expect(findingsOf(RULE, text).map((finding) => [finding.line, finding.severity])).toEqual([
      [2, 'notice'],
      [3, 'notice'],
    ]);
  });

  it('flags an archive unpacked where a file was meant', () => {
    const text = dockerfile('FROM python:3.12-slim', 'ADD dist/app.tar.gz /opt/app.tar.gz');
    const [finding] = findingsOf(RULE, text);
    expect(finding).toMatchObject({ line: 2, severity: 'warning' });
    expect(finding?.fix).toBe('Use COPY dist/app.tar.gz /opt/app.tar.gz to copy the archive as it is.');
  });

  it('suggests a checksum for an unverified URL', () => {
    const text = dockerfile('FROM python:3.12-slim', 'ADD https://example.com/tool.tar.gz /opt/');
    expect(findingsOf(RULE, text)[0]?.fix).toContain('--checksum');
  });

  it('allows unpacking into a directory, verified downloads, git sources and heredocs', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'ADD rootfs.tar.xz /',
      'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool /usr/local/bin/tool',
      'ADD https://github.com/moby/buildkit.git#v0.14.1 /src',
      'ADD git@github.com:acme/private.git /src2',
      'ADD <<EOF /etc/app.conf',
      'key=value',
      'EOF',
      'ADD ${ASSET} /opt/',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });
});
