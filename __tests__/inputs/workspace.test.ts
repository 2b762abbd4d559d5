import { dockerfilePath } from '../../src/inputs/workspace.js';

describe('dockerfilePath', () => {
  it('uses file when given', () => {
    expect(dockerfilePath({ context: 'app', file: 'docker/Dockerfile.prod' })).toBe('docker/Dockerfile.prod');
  });

  it('falls back to <context>/Dockerfile', () => {
    expect(dockerfilePath({ context: './services/api', file: '' })).toBe('services/api/Dockerfile');
    expect(dockerfilePath({ context: '.', file: '' })).toBe('Dockerfile');
  });
});
