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

  it('reads a blob without a media type, or with one of the wrong type, as having none', () => {
    const manifest = {
      config: { digest: digest('c'), size: 2, mediaType: 5 },
      layers: [{ digest: digest('a'), size: 0 }],
    };
    expect(parseRecordedManifest(JSON.stringify(manifest))).toEqual({
      config: { digest: digest('c'), compressedBytes: 2, mediaType: '' },
      layers: [{ digest: digest('a'), compressedBytes: 0, mediaType: '' }],
    });
  });

  it('says the manifest has no layers when its shape is wrong, even where a blob is wrong too', () => {
    for (const manifest of [
      null,
      [],
      { config: [], layers: [] },
      { config: {}, layers: 'x' },
      { layers: [] },
    ])
      expect(() => parseRecordedManifest(JSON.stringify(manifest))).toThrow(
        'the build record has no image manifest with layers',
      );
    for (const layer of [
      5,
      { digest: digest('a'), size: -1 },
      { digest: digest('a'), size: 1.5 },
      { size: 1 },
    ])
      expect(() =>
        parseRecordedManifest(JSON.stringify({ config: { digest: digest('c'), size: 1 }, layers: [layer] })),
      ).toThrow('the build record names a blob without a sha256 digest and size');
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

  it('refuses a config that is not an object, and reads wrong-typed fields as left out', () => {
    for (const config of ['null', '[]', '5'])
      expect(() => parseRecordedConfig(config)).toThrow(
        'the image config in the build record is not an object',
      );
    const config = {
      rootfs: { diff_ids: [digest('1'), 5] },
      history: [null, { created_by: 5 }, { created_by: 'RUN a', empty_layer: 'true' }, { empty_layer: true }],
    };
    expect(parseRecordedConfig(JSON.stringify(config))).toEqual({
      diffIds: [digest('1')],
      createdBy: ['', 'RUN a'],
    });
    expect(parseRecordedConfig('{"rootfs": [], "history": {}}')).toEqual({ diffIds: [], createdBy: [] });
  });
});
