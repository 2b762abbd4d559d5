import * as v from 'valibot';

import { firstIssue, jsonObject, listOf, optional } from '../../src/domain/json-fields.js';
import {
  blobImageManifestSchema,
  createdByOfLayers,
  dockerArchiveManifestSchema,
  imageConfigSchema,
  imageIndexSchema,
  imageManifestSchema,
  manifestSummarySchema,
} from '../../src/domain/oci-schema.js';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const layer = (c: string, size = 10) => ({
  mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
  digest: digest(c),
  size,
});
const manifest = {
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digest('c'), size: 1484 },
  layers: [layer('a'), layer('b')],
  annotations: { 'org.opencontainers.image.created': '2026-12-05T00:00:00Z' },
};

describe('json fields', () => {
  it('takes an object but not a list, though JSON lists are objects too', () => {
    const schema = jsonObject({ a: optional(v.string()) });
    expect(v.safeParse(schema, { a: 'x' }).output).toEqual({ a: 'x' });
    expect(v.safeParse(schema, []).success).toBe(false);
    expect(v.safeParse(schema, null).success).toBe(false);
  });

  it('reads a field of the wrong type as left out, and keeps the list items it can read', () => {
    const schema = jsonObject({ a: optional(v.string()), list: listOf(v.string()) });
    expect(v.parse(schema, { a: 5, list: ['x', 5, null, 'y'] })).toEqual({ a: undefined, list: ['x', 'y'] });
  });

  it('names the first issue and where it is, on one line', () => {
    const read = v.safeParse(imageManifestSchema, { ...manifest, layers: [layer('a'), { digest: 5 }] });
    expect(read.success).toBe(false);
    if (!read.success) expect(firstIssue(read.issues)).toBe('a digest at layers.1.digest');
  });
});

describe('image manifests', () => {
  it('reads a manifest as BuildKit writes it', () => {
    const read = v.parse(imageManifestSchema, manifest);
    expect(read.config.digest).toBe(digest('c'));
    expect(read.layers.map((l) => [l.digest, l.size])).toEqual([
      [digest('a'), 10],
      [digest('b'), 10],
    ]);
    expect(read.annotations).toEqual(manifest.annotations);
  });

  it('leaves out what the spec makes optional, or what is of the wrong type, without failing', () => {
    const read = v.parse(imageManifestSchema, {
      config: { digest: 'sha256:x' },
      layers: [{ digest: digest('a'), mediaType: 5, size: 'big', platform: 'linux' }],
    });
    expect(read.mediaType).toBeUndefined();
    expect(read.layers[0]).toEqual({
      digest: digest('a'),
      mediaType: undefined,
      size: undefined,
      platform: undefined,
      annotations: undefined,
    });
  });

  it('is not an index, a config or a list', () => {
    expect(v.safeParse(imageManifestSchema, { manifests: [] }).success).toBe(false);
    expect(v.safeParse(imageManifestSchema, { rootfs: {} }).success).toBe(false);
    expect(v.safeParse(imageManifestSchema, [manifest]).success).toBe(false);
  });

  it("takes, for a build record's, only blobs named by sha256 digest and a whole size", () => {
    expect(v.safeParse(blobImageManifestSchema, manifest).success).toBe(true);
    for (const bad of [
      { ...layer('a'), digest: 'sha256:x' },
      layer('a', -1),
      layer('a', 1.5),
      { digest: digest('a') },
    ])
      expect(v.safeParse(blobImageManifestSchema, { ...manifest, layers: [bad] }).success).toBe(false);
  });

  it("reads a cache entry's summary with its layers left out, or with sizes left out", () => {
    expect(v.parse(manifestSummarySchema, { mediaType: 'm', layers: null })).toEqual({
      mediaType: 'm',
      annotations: undefined,
      layers: undefined,
    });
    expect(v.parse(manifestSummarySchema, { layers: [{}, { size: 3 }] }).layers).toEqual([
      { size: undefined },
      { size: 3 },
    ]);
  });
});

describe('image indexes', () => {
  it('reads the descriptors it points to, platforms and annotations included', () => {
    const index = {
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { ...layer('a'), platform: { os: 'linux', architecture: 'amd64' } },
        { ...layer('b'), annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } },
      ],
    };
    const read = v.parse(imageIndexSchema, index);
    expect(read.manifests?.[0]?.platform).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(read.manifests?.[1]?.annotations).toEqual({ 'vnd.docker.reference.type': 'attestation-manifest' });
    expect(v.parse(imageIndexSchema, {}).manifests).toBeUndefined();
  });

  it('fails on manifests that are not a list of descriptors', () => {
    expect(v.safeParse(imageIndexSchema, { manifests: {} }).success).toBe(false);
    expect(v.safeParse(imageIndexSchema, { manifests: [{ size: 1 }] }).success).toBe(false);
  });
});

describe('image configs', () => {
  it('gives the diff IDs, and the instruction of each history entry that made a layer', () => {
    const config = v.parse(imageConfigSchema, {
      architecture: 'amd64',
      rootfs: { type: 'layers', diff_ids: [digest('1'), digest('2')] },
      history: [
        { created_by: 'FROM base' },
        { created_by: 'ENV A=1', empty_layer: true },
        { comment: 'no created_by' },
      ],
    });
    expect(config.rootfs?.diff_ids).toEqual([digest('1'), digest('2')]);
    expect(createdByOfLayers(config)).toEqual(['FROM base', '']);
  });

  it('leaves out history entries and diff IDs it cannot read, and takes only `true` as an empty layer', () => {
    const config = v.parse(imageConfigSchema, {
      rootfs: { diff_ids: [digest('1'), 5] },
      history: [null, 'x', [], { created_by: 5 }, { created_by: 'RUN a', empty_layer: 'yes' }],
    });
    expect(config.rootfs?.diff_ids).toEqual([digest('1')]);
    expect(createdByOfLayers(config)).toEqual(['', 'RUN a']);
    expect(v.parse(imageConfigSchema, { rootfs: 'x', history: {} })).toEqual({
      rootfs: undefined,
      history: undefined,
    });
  });

  it('is not a list or null', () => {
    expect(v.safeParse(imageConfigSchema, []).success).toBe(false);
    expect(v.safeParse(imageConfigSchema, null).success).toBe(false);
  });
});

describe("docker save's manifest.json", () => {
  it('reads the first image, and not the others', () => {
    const read = v.parse(dockerArchiveManifestSchema, [
      { Config: 'blobs/sha256/c', Layers: ['blobs/sha256/a'], RepoTags: ['app:1'] },
      { Config: 5 },
    ]);
    expect(read[0]).toEqual({ Config: 'blobs/sha256/c', Layers: ['blobs/sha256/a'] });
  });

  it.each([[[]], [{}], [[{ Config: 'c' }]], [[{ Config: 'c', Layers: [5] }]]])('refuses %j', (document) => {
    expect(v.safeParse(dockerArchiveManifestSchema, document).success).toBe(false);
  });
});
