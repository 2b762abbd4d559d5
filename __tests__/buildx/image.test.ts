import { parseImageHistory } from '../../src/buildx/image.js';

describe('parseImageHistory', () => {
  // What Docker 28 printed for a small image (containerd store), newest first.
  const printed = [
    '{"Comment":"buildkit.dockerfile.v0","CreatedAt":"2026-12-06T13:46:06Z","CreatedBy":"COPY Dockerfile . # buildkit","CreatedSince":"2026-12-06T13:46:06Z","ID":"sha256:60de9a5aa48ae9ee52298c4aa044674d85e25328e400facbeeb90872c48274a4","Size":"12288"}',
    '{"Comment":"buildkit.dockerfile.v0","CreatedAt":"2026-12-06T13:46:05Z","CreatedBy":"ENV A=1","CreatedSince":"2026-12-06T13:46:05Z","ID":"\\u003cmissing\\u003e","Size":"0"}',
    '{"Comment":"Imported from -","CreatedAt":"2026-12-06T13:33:12Z","CreatedBy":"","CreatedSince":"2026-12-06T13:33:12Z","ID":"\\u003cmissing\\u003e","Size":"217485312"}',
    '',
  ].join('\n');

  it('gives the entries bottom to top, with their bytes', () => {
    expect(parseImageHistory(printed)).toEqual([
      { createdBy: '', bytes: 217_485_312 },
      { createdBy: 'ENV A=1', bytes: 0 },
      { createdBy: 'COPY Dockerfile . # buildkit', bytes: 12_288 },
    ]);
  });

  it('refuses a size the engine printed for people (without --human=false)', () => {
    expect(() => parseImageHistory('{"CreatedBy":"RUN x","Size":"12.3kB"}')).toThrow(
      'docker image history printed a line without a size in bytes',
    );
  });

  it('refuses a line that is not JSON', () => {
    expect(() => parseImageHistory('IMAGE CREATED')).toThrow();
  });
});
