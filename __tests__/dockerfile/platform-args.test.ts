import { parsePlatform, platformArgValues } from '../../src/dockerfile/platform-args.js';

describe('parsePlatform', () => {
  it.each([
    ['linux/amd64', { os: 'linux', arch: 'amd64', variant: '' }],
    ['linux/arm64/v8', { os: 'linux', arch: 'arm64', variant: '' }],
    ['linux/aarch64', { os: 'linux', arch: 'arm64', variant: '' }],
    ['linux/x86_64', { os: 'linux', arch: 'amd64', variant: '' }],
    ['linux/arm', { os: 'linux', arch: 'arm', variant: 'v7' }],
    ['linux/arm/v6', { os: 'linux', arch: 'arm', variant: 'v6' }],
    ['Linux/ARM64', { os: 'linux', arch: 'arm64', variant: '' }],
  ])('%s', (text, platform) => {
    expect(parsePlatform(text)).toEqual(platform);
  });

  it('is undefined for anything that is not os/arch[/variant]', () => {
    for (const text of ['amd64', 'linux/', 'linux/amd64/v1/x', 'linux/$ARCH', ''])
      expect(parsePlatform(text)).toBeUndefined();
  });
});

describe('platformArgValues', () => {
  const entries = (values: Map<string, string>) => Object.fromEntries(values);

  it("gives a local builder's build and target platform from this machine when no platform is named", () => {
    expect(entries(platformArgValues({ platforms: [], localBuilder: true, hostArch: 'x64' }))).toEqual({
      BUILDPLATFORM: 'linux/amd64',
      BUILDOS: 'linux',
      BUILDARCH: 'amd64',
      BUILDVARIANT: '',
      TARGETPLATFORM: 'linux/amd64',
      TARGETOS: 'linux',
      TARGETARCH: 'amd64',
      TARGETVARIANT: '',
    });
  });

  it('takes the target from the one platform named, on any builder', () => {
    const local = entries(
      platformArgValues({ platforms: ['linux/arm/v7'], localBuilder: true, hostArch: 'arm64' }),
    );
    expect(local).toMatchObject({ BUILDARCH: 'arm64', TARGETPLATFORM: 'linux/arm/v7', TARGETVARIANT: 'v7' });
    const remote = entries(
      platformArgValues({ platforms: ['linux/arm64'], localBuilder: false, hostArch: 'x64' }),
    );
    expect(remote).toEqual({
      TARGETPLATFORM: 'linux/arm64',
      TARGETOS: 'linux',
      TARGETARCH: 'arm64',
      TARGETVARIANT: '',
    });
  });

  it('leaves out what is not known: a remote builder, several targets, an arch Docker does not name', () => {
    expect(platformArgValues({ platforms: [], localBuilder: false, hostArch: 'x64' }).size).toBe(0);
    const several = platformArgValues({
      platforms: ['linux/amd64', 'linux/arm64'],
      localBuilder: true,
      hostArch: 'x64',
    });
    expect([...several.keys()]).toEqual(['BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT']);
    expect(platformArgValues({ platforms: [], localBuilder: true, hostArch: 'mips' }).size).toBe(0);
  });
});
