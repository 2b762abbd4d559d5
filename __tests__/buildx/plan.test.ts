import { localImageRef } from '../../src/buildx/plan.js';

const built = { imageId: 'sha256:config', digest: 'sha256:manifest' };

describe('localImageRef', () => {
  it('is empty when the image is not in the engine', () => {
    expect(localImageRef({ imageIsLocal: false, layoutDir: '/l' }, ['app:1'], built)).toBe('');
  });

  it('takes the first tag when there is one', () => {
    expect(localImageRef({ imageIsLocal: true, layoutDir: '/l' }, ['app:1', 'app:latest'], built)).toBe(
      'app:1',
    );
  });

  it('untagged beside a layout, names the manifest digest the containerd store knows it by', () => {
    expect(localImageRef({ imageIsLocal: true, layoutDir: '/l' }, [], built)).toBe('sha256:manifest');
  });

  it('untagged without a layout, or without a digest in the metadata, names the ID the build wrote', () => {
    expect(localImageRef({ imageIsLocal: true, layoutDir: undefined }, [], built)).toBe('sha256:config');
    expect(
      localImageRef({ imageIsLocal: true, layoutDir: '/l' }, [], { imageId: 'sha256:config', digest: '' }),
    ).toBe('sha256:config');
  });
});
