import type { BuildxCli } from '../../src/buildx/cli.js';
import {
  buildRefOf,
  parseRecordedConfig,
  parseRecordedManifest,
  readBuildRecord,
} from '../../src/image/build-record.js';

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

describe('readBuildRecord', () => {
  const configText = JSON.stringify({
    rootfs: { diff_ids: [`sha256:${'d'.repeat(64)}`] },
    history: [{ created_by: 'COPY . .' }],
  });
  const configDigest = `sha256:${'c'.repeat(64)}`;
  const manifestText = JSON.stringify({
    config: { digest: configDigest, size: configText.length },
    layers: [
      {
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest: `sha256:${'a'.repeat(64)}`,
        size: 42,
      },
    ],
  });

  /** buildx whose answers wait until `open` is called; records each call's arguments. */
  function slowBuildx() {
    const calls: string[][] = [];
    let open: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const buildx: BuildxCli = {
      invocation: async () => ['docker', 'buildx'],
      async run(args) {
        calls.push(args);
        await opened;
        return { exitCode: 0, stdout: args.includes('manifest') ? manifestText : configText, stderr: '' };
      },
    };
    return { buildx, calls, open };
  }

  it('reads the manifest and the config side by side when the metadata file names the config', async () => {
    const { buildx, calls, open } = slowBuildx();
    const reading = readBuildRecord(buildx, 'default', 'r1', undefined, configDigest);
    await new Promise((resolve) => setImmediate(resolve));
    // Both asked before either answered.
    expect(calls).toHaveLength(2);
    open();
    expect(await reading).toEqual({
      ref: 'r1',
      layers: [
        {
          digest: `sha256:${'a'.repeat(64)}`,
          compressedBytes: 42,
          mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        },
      ],
      diffIds: [`sha256:${'d'.repeat(64)}`],
      createdBy: ['COPY . .'],
    });
  });

  it('reads the config the manifest names when the metadata file named another', async () => {
    const { buildx, calls, open } = slowBuildx();
    open();
    const record = await readBuildRecord(buildx, 'default', 'r1', undefined, `sha256:${'e'.repeat(64)}`);
    expect(record.createdBy).toEqual(['COPY . .']);
    expect(calls.map((args) => args.at(-1))).toEqual([`sha256:${'e'.repeat(64)}`, 'r1', configDigest]);
  });

  it('reads one after the other without it', async () => {
    const { buildx, calls, open } = slowBuildx();
    const reading = readBuildRecord(buildx, 'default', 'r1', undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toHaveLength(1);
    open();
    await reading;
    expect(calls.map((args) => args.at(-1))).toEqual(['r1', configDigest]);
  });
});
