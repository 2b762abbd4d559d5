import { rootImage, type DockerfileModel, type Mount } from '../dockerfile/model.js';

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
  /** How many RUN steps use it: once that many have finished, the build is done with the mount. */
  runSteps: number;
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

/** The same identity for a mount as the Dockerfile model reads it. */
export function modelMountId(mount: Pick<Mount, 'id' | 'target'>): string {
  return cacheMountId({ id: mount.id ?? '', target: mount.target ?? '' });
}

/**
 * Every cache mount of every stage, first use wins, so that the helper builds
 * recreate each cache exactly as the user's build will look it up.
 */
export function findCacheMounts(dockerfile: DockerfileModel): CacheMount[] {
  const stageImages = dockerfile.stages.map((stage) => rootImage(stage) ?? undefined);
  const fallbackImage = stageImages.find((image): image is string => Boolean(image));
  const mounts = new Map<string, CacheMount>();
  for (const stage of dockerfile.stages) {
    const env: Record<string, string> = {};
    for (const step of stage.steps) {
      if (step.kind === 'variables' && step.keyword === 'ENV') {
        for (const { name, value } of step.variables) env[name] = value ?? '';
      }
      if (step.kind !== 'run') continue;
      for (const found of step.mounts) {
        if (found.type !== 'cache' || !found.target) continue;
        const mount: CacheMount = {
          target: found.target,
          id: found.id ?? '',
          sharing: found.sharing === 'private' || found.sharing === 'locked' ? found.sharing : 'shared',
          uid: found.uid ?? '',
          gid: found.gid ?? '',
          mode: found.mode ?? '',
          kind: mountKind(found.target, env),
          line: step.line,
          runSteps: 1,
          helperImage: stageImages[stage.index] ?? fallbackImage,
        };
        const first = mounts.get(cacheMountId(mount));
        if (first) first.runSteps += 1;
        else mounts.set(cacheMountId(mount), mount);
      }
    }
  }
  return [...mounts.values()];
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
