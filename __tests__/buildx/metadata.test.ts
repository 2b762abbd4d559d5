import { readBuildMetadata } from '../../src/buildx/metadata.js';

const SHA = 'a'.repeat(64);

describe('readBuildMetadata', () => {
  it('reads the digest, the build ref and the provenance materials buildx writes', () => {
    const metadata = JSON.stringify({
      'containerimage.digest': `sha256:${SHA}`,
      'buildx.build.ref': 'builder/builder0/abc123',
      'buildx.build.provenance': {
        materials: [
          { uri: 'pkg:docker/python@3.12-slim?platform=linux%2Famd64', digest: { sha256: SHA } },
          { uri: 'pkg:docker/alpine@3', digest: { sha512: 'x' } },
        ],
      },
      'containerimage.config.digest': `sha256:${'c'.repeat(64)}`,
    });
    expect(readBuildMetadata(metadata)).toEqual({
      digest: `sha256:${SHA}`,
      configDigest: `sha256:${'c'.repeat(64)}`,
      buildRef: 'builder/builder0/abc123',
      materials: [
        { uri: 'pkg:docker/python@3.12-slim?platform=linux%2Famd64', sha256: SHA },
        { uri: 'pkg:docker/alpine@3', sha256: undefined },
      ],
    });
  });

  it('knows nothing from a file that is not JSON, not an object, or empty', () => {
    for (const text of ['', '{not json', '[]', 'null', '{}']) {
      expect(readBuildMetadata(text)).toEqual({
        digest: '',
        configDigest: undefined,
        buildRef: undefined,
        materials: [],
      });
    }
  });

  it('loses only the fact a wrong field holds', () => {
    const metadata = readBuildMetadata(
      JSON.stringify({
        'containerimage.digest': 42,
        'containerimage.config.digest': 'sha256:ignored',
        'buildx.build.ref': 'b/n/ref',
        'buildx.build.provenance': {
          materials: [{ uri: 7 }, 'x', { uri: 'pkg:docker/a@1', digest: { sha256: 'short' } }],
        },
      }),
    );
    expect(metadata).toEqual({
      digest: '',
      configDigest: undefined,
      buildRef: 'b/n/ref',
      materials: [{ uri: 'pkg:docker/a@1', sha256: undefined }],
    });
    expect(
      readBuildMetadata(JSON.stringify({ 'buildx.build.provenance': { materials: 'x' } })).materials,
    ).toEqual([]);
  });
});
