// BuildKit's automatic platform ARGs (TARGETARCH, BUILDPLATFORM, …), worked out before the build
// where they can be known, so that a cache mount written `id=pip-$TARGETARCH` is found under the id
// the build will use.

/** How the build's platforms are known before it starts. */
export interface PlatformFacts {
  /** The `platforms` input's entries. */
  platforms: readonly string[];
  /** The builder runs on this machine's engine (the docker and docker-container drivers, and auto). */
  localBuilder: boolean;
  /** Node's `process.arch` of this machine. */
  hostArch: string;
}

// Node's names for the machines Docker publishes images for → Docker's arch and variant.
const DOCKER_ARCH: Record<string, { arch: string; variant: string }> = {
  x64: { arch: 'amd64', variant: '' },
  arm64: { arch: 'arm64', variant: '' },
  arm: { arch: 'arm', variant: 'v7' },
  ia32: { arch: '386', variant: '' },
  ppc64: { arch: 'ppc64le', variant: '' },
  s390x: { arch: 's390x', variant: '' },
  riscv64: { arch: 'riscv64', variant: '' },
};

interface Platform {
  os: string;
  arch: string;
  variant: string;
}

// Other names for an arch, as containerd normalizes them.
const ARCH_ALIASES: Record<string, { arch: string; variant?: string }> = {
  x86_64: { arch: 'amd64' },
  'x86-64': { arch: 'amd64' },
  aarch64: { arch: 'arm64' },
  armhf: { arch: 'arm', variant: 'v7' },
  armel: { arch: 'arm', variant: 'v6' },
  i386: { arch: '386' },
};

/**
 * `linux/arm64/v8` → its parts, normalized as containerd normalizes a platform (arm64's v8 is no
 * variant, arm's default is v7); undefined for anything that is not `os/arch[/variant]`.
 */
export function parsePlatform(text: string): Platform | undefined {
  const match = /^([a-z0-9]+)\/([a-z0-9_-]+)(?:\/([a-z0-9]+))?$/.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  const alias = ARCH_ALIASES[match[2]!];
  const arch = alias?.arch ?? match[2]!;
  let variant = match[3] ?? alias?.variant ?? '';
  if (arch === 'arm64' && (variant === 'v8' || variant === '8')) variant = '';
  if (arch === 'arm' && variant === '') variant = 'v7';
  if (arch === 'arm' && /^\d$/.test(variant)) variant = `v${variant}`;
  return { os: match[1]!, arch, variant };
}

function argsOf(prefix: 'TARGET' | 'BUILD', platform: Platform): [string, string][] {
  const name = [platform.os, platform.arch, platform.variant].filter(Boolean).join('/');
  return [
    [`${prefix}PLATFORM`, name],
    [`${prefix}OS`, platform.os],
    [`${prefix}ARCH`, platform.arch],
    [`${prefix}VARIANT`, platform.variant],
  ];
}

/**
 * The automatic platform ARGs whose values are known before the build: the build platform when the
 * builder runs on this machine, the target platform when the build has exactly one (its `platforms`
 * entry, else the builder's own). A remote builder's platform, or one of several targets, is not
 * known: those ARGs are left out.
 */
export function platformArgValues(facts: PlatformFacts): Map<string, string> {
  const values = new Map<string, string>();
  const host = DOCKER_ARCH[facts.hostArch];
  const native = facts.localBuilder && host ? { os: 'linux', ...host } : undefined;
  if (native) for (const [name, value] of argsOf('BUILD', native)) values.set(name, value);
  const named = facts.platforms.map((p) => p.trim()).filter(Boolean);
  const target = named.length === 1 ? parsePlatform(named[0]!) : named.length === 0 ? native : undefined;
  if (target) for (const [name, value] of argsOf('TARGET', target)) values.set(name, value);
  return values;
}
