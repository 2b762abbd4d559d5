import { dockerfile, findingsOf, linesOf } from '../helpers.js';

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
