import { substituteArgs } from '../dockerfile/image-ref.js';
import {
  rootImage,
  stepsInContext,
  type DockerfileModel,
  type RunStep,
  type Stage,
  type Step,
} from '../dockerfile/model.js';

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

/** A cache mount of a RUN step with its options expanded as BuildKit expands them. */
interface ExpandedCacheMount {
  stage: Stage;
  step: RunStep;
  env: ReadonlyMap<string, string>;
  target: string;
  id: string;
  sharing: string;
  uid: string;
  gid: string;
  mode: string;
}

/**
 * BuildKit expands ARG and ENV values in a mount's options; one whose value is not known here
 * (a build arg not given, an ENV of the base image) keeps its text, and the plan leaves the mount
 * out (see cache/plan.ts).
 */
function* expandedCacheMounts(dockerfile: DockerfileModel): Generator<ExpandedCacheMount> {
  for (const stage of dockerfile.stages) {
    for (const { step, env } of stepsInContext(dockerfile, stage)) {
      if (step.kind !== 'run') continue;
      const expanded = (value: string | null) =>
        value === null ? '' : value.includes('$') ? (substituteArgs(value, env) ?? value) : value;
      for (const found of step.mounts) {
        if (found.type !== 'cache' || !found.target) continue;
        yield {
          stage,
          step,
          env,
          target: expanded(found.target),
          id: expanded(found.id),
          sharing: expanded(found.sharing),
          uid: expanded(found.uid),
          gid: expanded(found.gid),
          mode: expanded(found.mode),
        };
      }
    }
  }
}

/** Each RUN step that uses cache mounts → their BuildKit ids, expanded as the build expands them. */
export function cacheMountIdsByStep(dockerfile: DockerfileModel): Map<Step, string[]> {
  const ids = new Map<Step, string[]>();
  for (const { step, target, id } of expandedCacheMounts(dockerfile))
    ids.set(step, [...(ids.get(step) ?? []), cacheMountId({ id, target })]);
  return ids;
}

/**
 * Every cache mount of every stage, first use wins, so that the helper builds
 * recreate each cache exactly as the user's build will look it up.
 */
export function findCacheMounts(dockerfile: DockerfileModel): CacheMount[] {
  const stageImages = dockerfile.stages.map((stage) => rootImage(stage) ?? undefined);
  const fallbackImage = stageImages.find((image): image is string => Boolean(image));
  const mounts = new Map<string, CacheMount>();
  for (const found of expandedCacheMounts(dockerfile)) {
    const mount: CacheMount = {
      target: found.target,
      id: found.id,
      sharing: found.sharing === 'private' || found.sharing === 'locked' ? found.sharing : 'shared',
      uid: found.uid,
      gid: found.gid,
      mode: found.mode,
      kind: mountKind(found.target, found.env),
      line: found.step.line,
      runSteps: 1,
      helperImage: stageImages[found.stage.index] ?? fallbackImage,
    };
    const first = mounts.get(cacheMountId(mount));
    if (first) first.runSteps += 1;
    else mounts.set(cacheMountId(mount), mount);
  }
  return [...mounts.values()];
}

function mountKind(target: string, env: ReadonlyMap<string, string>): CacheMountKind {
  const normalized = target.replace(/\/+$/, '');
  const named = (variable: string) => env.get(variable)?.replace(/\/+$/, '');
  if (named('PIP_CACHE_DIR') === normalized) return 'pip';
  if (named('UV_CACHE_DIR') === normalized) return 'uv';
  const known = KNOWN_TARGETS[normalized];
  if (known) return known;
  if (/\/\.cache\/pip$/.test(normalized)) return 'pip';
  if (/\/\.cache\/uv$/.test(normalized)) return 'uv';
  return 'generic';
}
