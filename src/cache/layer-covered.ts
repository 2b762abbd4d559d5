// When the layer cache already holds a cache mount's install step, restoring and injecting that
// mount's dependency cache is time spent on nothing: BuildKit never runs the step. This decides,
// before the build, which mounts can be left out, and checks after it that the guess held.
import { createHash } from 'node:crypto';

import { type DockerfileModel, type Stage, type Step } from '../dockerfile/model.js';
import type { StepRecord } from '../buildx/progress.js';
import { cacheMountIdsByStep } from './mounts.js';
import type { LayerCachePlan } from '../buildx/layer-cache.js';

export interface StepFingerprintFacts {
  /** Context-relative paths of the files that went into the lockfile hash. */
  lockfiles: ReadonlySet<string>;
  /** File-name globs every match of which is a lockfile (the default lockfile names), e.g. `requirements*.txt`. */
  lockfileNames: readonly string[];
  lockfileHash: string;
  /** Everything else that can change a step's cache key: build args, platforms, target. */
  buildSettings: readonly string[];
}

/**
 * For each cache mount id: a hash of everything the RUN steps using it depend on — the Dockerfile text
 * of their stages up to them, the lockfiles, the build settings. Undefined when one of those steps
 * can see more than lockfiles (`COPY . .` before it, a bind mount of the context, `COPY --from`):
 * then an unchanged hash would not mean an unchanged step.
 */
export function cacheStepFingerprints(
  model: DockerfileModel,
  mountIds: readonly string[],
  facts: StepFingerprintFacts,
): Map<string, string | undefined> {
  const { lines } = model;
  const starts = [
    ...model.globalArgs.map((s) => s.line),
    ...model.stages.flatMap((stage) => [stage.from.line, ...stage.steps.map((s) => s.line)]),
  ].sort((a, b) => a - b);
  // A step's text runs to the next instruction, so that a here-document's body is part of it.
  const nextStart = new Map<number, number>();
  starts.forEach((start, index) => nextStart.set(start, starts[index + 1] ?? lines.length + 1));
  const endOf = (line: number) => (nextStart.get(line) ?? lines.length + 1) - 1;
  const textBetween = (from: number, to: number) => lines.slice(from - 1, to).join('\n');
  const preamble = textBetween(1, (model.stages[0]?.from.line ?? 1) - 1);
  const onlyLockfiles = (step: Step) => seesOnlyLockfiles(step, facts);

  // Each stage's text and cleanliness once, each chained onto its parent's: linear in the Dockerfile,
  // where comparing every step's prefix again took minutes on a long one.
  const firstUnclean = new Map<Stage, number>();
  const chainDigests = new Map<Stage, { digest: string; clean: boolean }>();
  const uncleanAt = (stage: Stage) => {
    let index = firstUnclean.get(stage);
    if (index === undefined) {
      index = stage.steps.findIndex((step) => !onlyLockfiles(step));
      if (index < 0) index = stage.steps.length;
      firstUnclean.set(stage, index);
    }
    return index;
  };
  // A stage's parent comes before it in the file: one pass in order chains every stage.
  for (const stage of model.stages) {
    const parent = (stage.parent && chainDigests.get(stage.parent)) || { digest: '', clean: true };
    chainDigests.set(stage, {
      digest: createHash('sha256')
        .update(`${parent.digest}\n${textBetween(stage.from.line, endOf(lastLine(stage)))}`)
        .digest('hex'),
      clean: parent.clean && uncleanAt(stage) === stage.steps.length,
    });
  }
  const chainOf = (stage: Stage | null) => (stage && chainDigests.get(stage)) || { digest: '', clean: true };

  const idsByStep = cacheMountIdsByStep(model);
  const fingerprints = new Map<string, string | undefined>();
  for (const mountId of mountIds) {
    const parts: string[] = [];
    let coverable = true;
    for (const stage of model.stages) {
      let last: Step | undefined;
      stage.steps.forEach((step, index) => {
        if (!idsByStep.get(step)?.includes(mountId)) return;
        if (!chainOf(stage.parent).clean || index >= uncleanAt(stage)) coverable = false;
        else last = step;
      });
      // The text up to the last step using the mount holds every earlier one's too.
      if (last) parts.push(chainOf(stage.parent).digest, textBetween(stage.from.line, endOf(last.line)));
    }
    fingerprints.set(
      mountId,
      coverable && parts.length > 0
        ? createHash('sha256')
            .update(JSON.stringify([preamble, parts, facts.lockfileHash, facts.buildSettings]))
            .digest('hex')
            .slice(0, 32)
        : undefined,
    );
  }
  return fingerprints;
}

function lastLine(stage: Stage): number {
  return stage.steps[stage.steps.length - 1]?.line ?? stage.from.line;
}

function seesOnlyLockfiles(step: Step, facts: StepFingerprintFacts): boolean {
  if (step.kind === 'copy') {
    if (step.heredoc) return true;
    if (step.from !== null) return false;
    return step.sources.every((source) => isLockfileSource(source, facts));
  }
  if (step.kind === 'run') {
    return step.mounts.every((mount) => {
      if (mount.from !== null) return false;
      // A bind mount without source= binds the whole context.
      if (mount.type === 'bind') return mount.source !== null && isLockfileSource(mount.source, facts);
      return true;
    });
  }
  return true;
}

function isLockfileSource(source: string, facts: StepFingerprintFacts): boolean {
  if (source.includes('://')) return false;
  const relative = source.replace(/^(\.\/|\/)+/, '');
  if (!/[*?[\\]/.test(relative)) return facts.lockfiles.has(relative);
  // `requirements*.txt` at the context's top can only match lockfiles when that is a lockfile name.
  return !relative.includes('/') && facts.lockfileNames.includes(relative);
}

/**
 * The mounts whose restore can be skipped: the last report this build compares with (the branch's
 * own, or the base branch's on a pull request) ran the same steps from the same lockfiles, succeeded,
 * and wrote a layer cache that this build reads, with every layer (mode=max).
 */
export function mountsCoveredByLayerCache(
  base: CoverageBase | undefined,
  fingerprints: ReadonlyMap<string, string | undefined>,
  layerCache: Pick<LayerCachePlan, 'kind' | 'readRefs'>,
  cacheMode: string,
): Set<string> {
  const covered = new Set<string>();
  if (!base?.succeeded || cacheMode !== 'max' || !base.layerCacheExported) return covered;
  if (!['registry', 'gha', 'local'].includes(layerCache.kind)) return covered;
  if (!base.writeRef || !layerCache.readRefs.includes(base.writeRef)) return covered;
  for (const [mountId, fingerprint] of fingerprints) {
    if (fingerprint === undefined) continue;
    if (base.mounts.some((m) => m.mountId === mountId && m.fingerprint === fingerprint)) covered.add(mountId);
  }
  return covered;
}

export interface CoverageBase {
  succeeded: boolean;
  writeRef: string | undefined;
  /** The layer cache export reported no error. */
  layerCacheExported: boolean;
  mounts: { mountId: string; fingerprint: string | undefined }[];
}

/**
 * Whether every RUN step using the mount came from the layer cache in this build: true, false, or
 * undefined when no step names it (BuildKit shortens long step names).
 */
export function stepsFromLayerCache(mountId: string, steps: readonly StepRecord[]): boolean | undefined {
  const using = stepsUsingMount(mountId, steps);
  if (using.length === 0) return undefined;
  return using.every((step) => step.cached);
}

/** The RUN steps whose names show the mount (BuildKit names a step by its instruction). */
export function stepsUsingMount<Step extends { name: string }>(
  mountId: string,
  steps: readonly Step[],
): Step[] {
  const escaped = mountId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const names = new RegExp(`\\b(?:id|target|dst|destination)=${escaped}(?=[,\\s"]|$)`);
  return steps.filter((step) => /\] RUN /.test(step.name) && names.test(step.name));
}
