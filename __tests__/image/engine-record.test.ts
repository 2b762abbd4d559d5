import { engineRecord } from '../../src/image/engine-record.js';

const id = (c: string) => `sha256:${c.repeat(64)}`;
const blob = (c: string, size: number) => ({
  digest: id(c),
  compressedBytes: size,
  mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
});

describe('engineRecord', () => {
  const cached = new Map([
    [id('1'), blob('a', 80_000_000)],
    [id('2'), blob('b', 120)],
    [id('3'), blob('c', 9)],
    // A layer of another stage, which the cache holds too (mode=max).
    [id('9'), blob('f', 7)],
  ]);

  it('gives each layer its blob from the cache by diff ID, and its instruction from the history entries with bytes', () => {
    const record = engineRecord(
      [id('1'), id('2'), id('3')],
      [
        { createdBy: '', bytes: 217_485_312 },
        { createdBy: 'ENV A=1', bytes: 0 },
        { createdBy: 'WORKDIR /app', bytes: 8192 },
        { createdBy: 'LABEL x=y', bytes: 0 },
        { createdBy: 'COPY . . # buildkit', bytes: 12_288 },
      ],
      cached,
    );
    expect(record).toEqual({
      layers: [blob('a', 80_000_000), blob('b', 120), blob('c', 9)],
      diffIds: [id('1'), id('2'), id('3')],
      createdBy: ['', 'WORKDIR /app', 'COPY . . # buildkit'],
    });
  });

  it('refuses a layer the cache holds no blob of', () => {
    expect(() =>
      engineRecord(
        [id('1'), id('4')],
        [
          { createdBy: '', bytes: 1 },
          { createdBy: 'RUN x', bytes: 1 },
        ],
        cached,
      ),
    ).toThrow(`the layer cache holds no blob of layer ${id('4')}`);
  });

  it('refuses a history whose entries with bytes are not one per layer', () => {
    expect(() =>
      engineRecord(
        [id('1'), id('2')],
        [
          { createdBy: '', bytes: 1 },
          { createdBy: 'RUN rm /x', bytes: 0 },
        ],
        cached,
      ),
    ).toThrow("the engine's history has 1 entries with bytes for 2 layers");
  });

  it('refuses an image without layers', () => {
    expect(() => engineRecord([], [], cached)).toThrow('the engine names no layers of the image');
  });
});
