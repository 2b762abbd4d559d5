import { DockerfileParser, type Dockerfile, type Instruction } from 'dockerfile-ast';

/** A `RUN --mount=type=cache` as BuildKit identifies it: same id (default: target) means the same cache. */
export interface CacheMount {
  target: string;
  /** The explicit `id=`, or '' when BuildKit uses the target as the id. */
  id: string;
  sharing: 'shared' | 'private' | 'locked';
  uid: string;
  gid: string;
  mode: string;
  kind: CacheMountKind;
  /** 1-based line of the first RUN that uses it. */
  line: number;
  /** An image the mount's stage is built on, with a shell to copy files: the helper builds run in it. */
  helperImage: string | undefined;
}

export type CacheMountKind = 'pip' | 'uv' | 'apt' | 'generic';

const KNOWN_TARGETS: Record<string, CacheMountKind> = {
  '/root/.cache/pip': 'pip',
  '/root/.cache/uv': 'uv',
  '/var/cache/apt': 'apt',
  '/var/lib/apt': 'apt',
  '/var/cache/apt/archives': 'apt',
  '/var/lib/apt/lists': 'apt',
};

/** BuildKit's identity of a cache mount. */
export function cacheMountId(mount: Pick<CacheMount, 'id' | 'target'>): string {
  return mount.id || mount.target;
}

/**
 * Every cache mount of every stage, first use wins, so that the helper builds
 * recreate each cache exactly as the user's build will look it up.
 * `buildArgs` (KEY=value) override ARG defaults when resolving base images.
 */
export function findCacheMounts(dockerfileText: string, buildArgs: string[] = []): CacheMount[] {
  const dockerfile = DockerfileParser.parse(dockerfileText);
  const args = argValues(dockerfile, buildArgs);
  const stageImages = resolveStageImages(dockerfile, args);
  const fallbackImage = stageImages.find((image): image is string => Boolean(image));
  const mounts = new Map<string, CacheMount>();
  let stage = -1;
  const envByStage: Record<string, string>[] = [];

  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      stage += 1;
      envByStage[stage] = {};
      continue;
    }
    if (keyword === 'ENV') collectEnv(instruction, envByStage[stage] ?? {});
    if (keyword !== 'RUN') continue;
    for (const flag of (instruction as Instruction & { getFlags(): FlagLike[] }).getFlags()) {
      if (flag.getName() !== 'mount') continue;
      const options = Object.fromEntries(flag.getOptions().map((o) => [o.getName(), o.getValue() ?? '']));
      if (options.type !== 'cache') continue;
      const target = options.target ?? options.dst ?? options.destination;
      if (!target) continue;
      const mount: CacheMount = {
        target,
        id: options.id ?? '',
        sharing: (['private', 'locked'].includes(options.sharing ?? '')
          ? options.sharing
          : 'shared') as CacheMount['sharing'],
        uid: options.uid ?? '',
        gid: options.gid ?? '',
        mode: options.mode ?? '',
        kind: mountKind(target, envByStage[stage] ?? {}),
        line: instruction.getRange().start.line + 1,
        helperImage: stageImages[stage] ?? fallbackImage,
      };
      if (!mounts.has(cacheMountId(mount))) mounts.set(cacheMountId(mount), mount);
    }
  }
  return [...mounts.values()];
}

interface FlagLike {
  getName(): string;
  getOptions(): { getName(): string; getValue(): string | null }[];
}

function mountKind(target: string, env: Record<string, string>): CacheMountKind {
  const normalized = target.replace(/\/+$/, '');
  if (env.PIP_CACHE_DIR && normalized === env.PIP_CACHE_DIR.replace(/\/+$/, '')) return 'pip';
  if (env.UV_CACHE_DIR && normalized === env.UV_CACHE_DIR.replace(/\/+$/, '')) return 'uv';
  const known = KNOWN_TARGETS[normalized];
  if (known) return known;
  if (/\/\.cache\/pip$/.test(normalized)) return 'pip';
  if (/\/\.cache\/uv$/.test(normalized)) return 'uv';
  return 'generic';
}

function collectEnv(instruction: Instruction, env: Record<string, string>): void {
  const properties = (
    instruction as Instruction & { getProperties?(): { getName(): string; getValue(): string | null }[] }
  ).getProperties?.();
  for (const property of properties ?? []) env[property.getName()] = property.getValue() ?? '';
}

/** Global ARG defaults, overridden by --build-arg values. */
function argValues(dockerfile: Dockerfile, buildArgs: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    // An ARG without a default has no value: an image naming it cannot be resolved.
    const value = property?.getValue();
    if (property && value !== null && value !== undefined) values[property.getName()] = value;
  }
  for (const pair of buildArgs) {
    const at = pair.indexOf('=');
    if (at > 0) values[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return values;
}

const UNRESOLVED = '\u0000';

/** `${NAME}`, `$NAME`, `${NAME:-default}` and `${NAME-default}` as the Dockerfile frontend expands them. */
function substituteArgs(text: string, args: Record<string, string>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (
      _,
      braced: string | undefined,
      colon: string | undefined,
      fallback: string | undefined,
      bare: string | undefined,
    ) => {
      const name = braced ?? bare ?? '';
      const value = args[name];
      if (fallback !== undefined) {
        const unset = value === undefined || (colon === ':' && value === '');
        return unset ? fallback : value;
      }
      return value ?? UNRESOLVED;
    },
  );
}

/** Each stage's root image (following `FROM <earlier stage>`), or undefined for scratch and unresolvable names. */
function resolveStageImages(dockerfile: Dockerfile, args: Record<string, string>): (string | undefined)[] {
  const images: (string | undefined)[] = [];
  const stageIndex = new Map<string, number>();
  dockerfile.getFROMs().forEach((from, index) => {
    const raw = substituteArgs(from.getImage() ?? '', args);
    const earlier = stageIndex.get(raw.toLowerCase());
    if (earlier !== undefined) images.push(images[earlier]);
    else if (!raw || raw.includes(UNRESOLVED) || raw === 'scratch') images.push(undefined);
    else images.push(raw);
    const name = from.getBuildStage();
    if (name) stageIndex.set(name.toLowerCase(), index);
  });
  return images;
}
