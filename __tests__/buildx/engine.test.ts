import { autoDriver } from '../../src/buildx/engine.js';

describe('autoDriver', () => {
  it("takes the engine's own BuildKit when the engine keeps images in containerd", () => {
    const choice = autoDriver({ reachable: true, containerdStore: true });
    expect(choice.driver).toBe('docker');
    expect(choice.reason).toContain('containerd');
  });

  it('creates a docker-container builder on a classic image store, saying why', () => {
    const choice = autoDriver({ reachable: true, containerdStore: false });
    expect(choice.driver).toBe('docker-container');
    expect(choice.reason).toContain('cannot export a layer cache');
  });

  it('creates a docker-container builder when no engine answers', () => {
    expect(autoDriver({ reachable: false, containerdStore: false })).toEqual({
      driver: 'docker-container',
      reason: 'a docker-container builder, as no Docker engine answered',
    });
  });
});
