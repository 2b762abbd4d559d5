import { dockerfile, findingsOf, linesOf } from '../helpers.js';

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

  it('does not flag removal in the same RUN, other paths or builder stages', () => {
    const text = dockerfile(
      'FROM debian:bookworm-slim AS build',
      'RUN wget -O /tmp/src.tgz https://example.com/src.tgz',
      'RUN rm /tmp/src.tgz',
      'FROM debian:bookworm-slim',
      'WORKDIR /app',
      'RUN curl -o /tmp/x.tgz https://example.com/x.tgz && tar -xzf /tmp/x.tgz && rm /tmp/x.tgz',
      'COPY data.csv .',
      'COPY other.csv /srv/other.csv',
      'RUN rm data.csv.bak /srv/other.csv.bak /tmp/*',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });

  it('resolves relative paths against WORKDIR', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY data.csv ./',
      'COPY assets/ static/',
      'WORKDIR /app/static',
      'RUN rm ../data.csv',
      'RUN rm -rf /app/static',
    );
    expect(findingsOf(RULE, text).map((finding) => [finding.line, finding.message.split(' ')[0]])).toEqual([
      [6, '/app/data.csv'],
      [7, '/app/static'],
    ]);
  });

  it('counts paths under a whole-context COPY as added by it, unless the same RUN may have made them', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY . .',
      'RUN rm -rf build/ tests',
      'RUN pip install --no-cache-dir . && rm -rf build',
      'COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /tools/uv',
      'RUN rm -rf /tools/uv /app',
    );
    const findings = findingsOf(RULE, text);
    expect(findings.map((finding) => finding.line)).toEqual([4, 7]);
    expect(findings[0]?.message).toContain('/app/build (and 1 other path) was added at line 3');
    expect(findings[1]?.message).toContain('/tools/uv (and 1 other path) was added at line 6');
  });

  it('knows the pip cache an install left behind', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN pip install torch',
      'RUN rm -rf /root/.cache/pip',
      'RUN pip install --no-cache-dir numpy',
      'RUN rm -rf /root/.cache/pip',
    );
    expect(linesOf(RULE, text)).toEqual([3]);
  });
});

describe('delete-in-later-layer with globs', () => {
  const RULE = 'delete-in-later-layer';

  it('matches rm -rf /source/* against a file copied into /source earlier', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'COPY vendor.tar.gz /source/',
      'RUN tar -xzf /source/vendor.tar.gz -C /opt',
      'RUN rm -rf /source/*',
    );
    expect(findingsOf(RULE, text)).toMatchObject([
      { line: 4, message: expect.stringContaining('/source/vendor.tar.gz was added at line 2') },
    ]);
  });

  it('matches a glob emptying a copied context, and a relative glob under the WORKDIR', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'COPY . /source',
      'RUN pip install --no-cache-dir /source',
      'RUN rm -rf /source/*',
      'WORKDIR /dl',
      'RUN curl -fsSLo /dl/model.bin https://example.com/model.bin',
      'RUN rm -f ./*.bin',
    );
    expect(linesOf(RULE, text)).toEqual([4, 7]);
  });

  it('leaves globs that match nothing copied alone', () => {
    const text = dockerfile('FROM python:3.12-slim', 'COPY app.py /app/', 'RUN rm -rf /tmp/* /var/tmp/*');
    expect(linesOf(RULE, text)).toEqual([]);
  });
});

describe('delete-in-later-layer: a glob inside a copied directory', () => {
  it('matches rm -rf <dir>/* against the directory a COPY filled', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'COPY weights/ /models/weights/',
      'RUN python -m server.prefetch && rm -rf /models/weights/*',
    );
    expect(findingsOf('delete-in-later-layer', text)).toMatchObject([
      { line: 3, message: expect.stringContaining('/models/weights was added at line 2') },
    ]);
  });
});

describe('delete-in-later-layer: odd globs', () => {
  it('reads bracket classes and survives a lone bracket', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'COPY data/a1.csv /data/',
      'RUN rm -f /data/a[0-9].csv',
      'RUN rm -rf /data/[ /data/x]* /data/[z-a]',
    );
    expect(linesOf('delete-in-later-layer', text)).toEqual([3]);
  });
});

describe('delete-in-later-layer: small text files', () => {
  it('leaves a copied requirements file or script alone, not an archive copied the same way', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'COPY requirements.txt /tmp/requirements.txt',
      'COPY install.sh vendor.tar.gz /tmp/',
      'RUN pip install --no-cache-dir -r /tmp/requirements.txt && rm /tmp/requirements.txt /tmp/install.sh',
      'RUN rm /tmp/vendor.tar.gz',
    );
    expect(linesOf('delete-in-later-layer', text)).toEqual([5]);
  });
});
