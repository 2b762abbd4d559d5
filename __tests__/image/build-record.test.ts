import { buildRefOf, parseRecordedConfig, parseRecordedManifest } from '../../src/image/build-record.js';

const digest = (c: string) => `sha256:${c.repeat(64)}`;

describe('buildRefOf', () => {
  it('takes the last part of buildx.build.ref', () => {
    expect(
      buildRefOf(JSON.stringify({ 'buildx.build.ref': 'default/default/81d9qxpdhj5jlwoxknb8mz4b9' })),
    ).toBe('81d9qxpdhj5jlwoxknb8mz4b9');
  });

  it.each(['', '{}', '{"buildx.build.ref": 3}', '{"buildx.build.ref": "b/n/--all"}'])(
    'has none in %j',
    (text) => {
      expect(buildRefOf(text)).toBeUndefined();
    },
  );
});

describe('parseRecordedManifest', () => {
  it('gives each layer its digest and compressed size, bottom to top', () => {
    const manifest = {
      schemaVersion: 2,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digest('c'), size: 1484 },
      layers: [
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: digest('a'), size: 81042606 },
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: digest('b'), size: 92 },
      ],
    };
    expect(parseRecordedManifest(JSON.stringify(manifest))).toEqual({
      config: {
        digest: digest('c'),
        compressedBytes: 1484,
        mediaType: 'application/vnd.oci.image.config.v1+json',
      },
      layers: [
        {
          digest: digest('a'),
          compressedBytes: 81042606,
          mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        },
        {
          digest: digest('b'),
          compressedBytes: 92,
          mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        },
      ],
    });
  });

  it('refuses an index or a blob without a digest', () => {
    expect(() => parseRecordedManifest('{"manifests": []}')).toThrow('no image manifest');
    expect(() =>
      parseRecordedManifest(JSON.stringify({ config: { digest: 'x', size: 1 }, layers: [] })),
    ).toThrow('without a sha256 digest');
  });
});

describe('parseRecordedConfig', () => {
  it('keeps the history entries that made a layer, and the diff IDs', () => {
    const config = {
      rootfs: { type: 'layers', diff_ids: [digest('1'), digest('2')] },
      history: [
        { created: 'x', comment: 'Imported from -' },
        { created_by: 'ENV A=1', empty_layer: true },
        { created_by: 'COPY requirements.txt . # buildkit' },
      ],
    };
    expect(parseRecordedConfig(JSON.stringify(config))).toEqual({
      diffIds: [digest('1'), digest('2')],
      createdBy: ['', 'COPY requirements.txt . # buildkit'],
    });
  });
});
