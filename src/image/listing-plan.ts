// Plans the listing helper build: the user's Dockerfile again, with the stages whose layers make
// the image split into one sub-stage per layer-making instruction, and a last stage that lists what
// each sub-stage adds. Every step keeps its LLB, so BuildKit answers all of them from the build that
// just ran and only the listing runs: per-layer path tables without moving any layer data.
import { stageChain, type DockerfileModel, type Stage, type Step } from '../dockerfile/model.js';
import type { LayerStep, ListedSnapshot, ListingPlan } from '../domain/listing.js';
import { LISTING_SCRIPT_NAME } from './listing-script.js';

/** The named context holding the listing script; the build passes it with `--build-context`. */
export const LISTING_CONTEXT = 'dfb-listing-script';
/** Where the listing stage writes, and the stage the helper build exports with `--output type=local`. */
const LISTING_OUT = '/dfb-listing-out';
const LISTING_STAGE = 'dfb-listing';
/** The helper build's own stages start so (`dfb-listing`, `dfb-listing-out`): every other step is the user's. */
export const LISTING_STAGE_PREFIX = LISTING_STAGE;
const SUB_STAGE_PREFIX = 'dfb-layer-';

/**
 * The helper Dockerfile, or why the splitter cannot keep every step's LLB for this Dockerfile.
 * Stages before the built one stay as written (COPY --from and FROM <stage> still resolve), the
 * built stage and those it is built FROM are split, with their stage-scoped ARGs declared again in
 * every sub-stage and the last sub-stage keeping the stage's name; stages after it are dropped.
 */
export function planListing(model: DockerfileModel): ListingPlan {
  const finalStage = model.finalStage;
  if (!finalStage) return { unsupported: 'the Dockerfile has no stage' };
  const problem = unsupportedFeature(model, finalStage);
  if (problem) return { unsupported: problem };

  const chain = new Set(stageChain(finalStage));
  const out: string[] = model.globalArgs.map((step) => textOf(model, step));
  const snapshots: ListedSnapshot[] = [{ step: null }];
  // The sub-stages whose filesystems the listing walks, in the order of `snapshots`.
  const snapshotStages: string[] = [];
  for (const stage of model.stages.slice(0, finalStage.index + 1)) {
    const fromLine = linesOf(model, stage.from.line, stage.from.endLine);
    if (!chain.has(stage)) {
      out.push(fromLine, ...stage.steps.map((step) => textOf(model, step)));
      continue;
    }
    const groups = splitAtLayers(stage.steps);
    // The last sub-stage keeps the stage's name, so COPY --from=<name> and FROM <name> still find it.
    const names = groups.map((_, k) =>
      k === groups.length - 1 && stage.name ? stage.name : `${SUB_STAGE_PREFIX}${stage.index}-${k}`,
    );
    if (stage.parent === null) snapshotStages.push(names[0]!);
    const touches: VariableTouch[] = [];
    groups.forEach((group, k) => {
      out.push(
        k === 0 ? `${withoutStageName(fromLine)} AS ${names[0]}` : `FROM ${names[k - 1]} AS ${names[k]}`,
      );
      if (k > 0) out.push(...replayVariables(touches));
      for (const step of group) {
        const text = textOf(model, step);
        out.push(text);
        if (step.kind === 'variables')
          for (const { name } of step.variables)
            touches.push({
              name,
              keyword: step.keyword,
              text: step.keyword === 'ARG' ? text : `ENV ${name}=\${${name}}`,
            });
      }
      if (k > 0) {
        snapshotStages.push(names[k]!);
        snapshots.push({ step: layerStep(group[0]!) });
      }
    });
  }

  const mounts = snapshotStages.map((name, index) => `--mount=type=bind,from=${name},target=/dfb/${index}`);
  const script = `--mount=type=bind,from=${LISTING_CONTEXT},source=${LISTING_SCRIPT_NAME},target=/dfb/${LISTING_SCRIPT_NAME}`;
  const argv = ['python3', `/dfb/${LISTING_SCRIPT_NAME}`, LISTING_OUT, ...mounts.map((_, i) => `/dfb/${i}`)];
  out.push(
    `FROM ${snapshotStages[0]} AS ${LISTING_STAGE}`,
    // The built stage may end as another user, who could not read every file.
    'USER 0:0',
    `RUN ${mounts.join(' ')} ${script} ${JSON.stringify(argv)}`,
    `FROM scratch AS ${LISTING_STAGE}-out`,
    `COPY --from=${LISTING_STAGE} ${LISTING_OUT}/ /`,
  );
  return { dockerfile: `${out.join('\n')}\n`, snapshots };
}

/** An ARG or ENV instruction setting one variable, in the order the stage has them. */
interface VariableTouch {
  name: string;
  keyword: 'ARG' | 'ENV';
  /** What sets it again: the ARG as written, or `ENV NAME=${NAME}` (its own value, not the text run again). */
  text: string;
}

/**
 * What a sub-stage declares first so its steps see the variables as the unsplit stage did. ARGs are
 * stage-scoped (a sub-stage sees only those declared in it) and a RUN's LLB carries them; and the
 * LLB's environment is ordered by when each variable was last set, which declaring an ARG again
 * changes. So: the ARGs last set by an ENV (for their scope), then every variable set again in the
 * order of its last setting.
 */
function replayVariables(touches: readonly VariableTouch[]): string[] {
  // Variables last set before the first ARG keep their place: declaring the ARGs again moves only later ones.
  const firstArg = touches.findIndex((touch) => touch.keyword === 'ARG');
  if (firstArg < 0) return [];
  const last = new Map<string, VariableTouch>();
  for (const touch of touches.slice(firstArg)) {
    last.delete(touch.name);
    last.set(touch.name, touch);
  }
  const scoped = touches.filter(
    (touch) => touch.keyword === 'ARG' && last.get(touch.name)?.keyword === 'ENV',
  );
  const lines: string[] = [];
  for (const { text } of [...scoped, ...last.values()]) {
    // A line declaring several variables is written once, where the last of them was set.
    const at = lines.indexOf(text);
    if (at >= 0) lines.splice(at, 1);
    lines.push(text);
  }
  return lines;
}

/** Sub-stage 0 holds what comes before the first layer step; each layer step starts a sub-stage. */
function splitAtLayers(steps: readonly Step[]): Step[][] {
  const groups: Step[][] = [[]];
  for (const step of steps) {
    if (makesLayer(step)) groups.push([step]);
    else groups[groups.length - 1]!.push(step);
  }
  return groups;
}

export function makesLayer(step: Step): boolean {
  return (
    step.kind === 'run' ||
    step.kind === 'copy' ||
    (step.kind === 'other' && step.keyword.toUpperCase() === 'WORKDIR')
  );
}

function layerStep(step: Step): LayerStep {
  if (step.kind === 'run') return { keyword: 'RUN', script: step.script, line: step.line };
  if (step.kind === 'copy') return { keyword: step.keyword, script: '', line: step.line };
  return { keyword: 'WORKDIR', script: '', line: step.line };
}

/** What the splitter cannot carry over with the same LLB, or undefined. */
function unsupportedFeature(model: DockerfileModel, finalStage: Stage): string | undefined {
  const directive = /^#\s*escape\s*=/i;
  for (const line of model.lines) {
    if (directive.test(line)) return 'the Dockerfile sets an escape directive';
    if (!line.startsWith('#')) break;
  }
  const stages = model.stages.slice(0, finalStage.index + 1);
  if (
    stages.some((stage) => stage.name?.startsWith(SUB_STAGE_PREFIX) || stage.name?.startsWith(LISTING_STAGE))
  )
    return `a stage is named like the listing's own (${SUB_STAGE_PREFIX}…, ${LISTING_STAGE})`;
  if (stageChain(finalStage)[0]!.resolvedImage?.toLowerCase() === 'scratch')
    return 'the image starts FROM scratch, so there is no python3 to list it with';
  for (const stage of stages) {
    if (/^\d+$/.test(stage.imageText)) return `stage ${stage.index} is built FROM a stage by number`;
    for (const step of stage.steps) {
      if (step.kind === 'other' && step.keyword.toUpperCase() === 'ONBUILD')
        return `line ${step.line} has ONBUILD, which a split stage would run again`;
      const froms =
        step.kind === 'copy'
          ? [step.flags.get('from') ?? '']
          : step.kind === 'run'
            ? step.mounts.map((mount) => mount.from ?? '')
            : [];
      // Splitting renumbers the stages, so a stage named by its index would be another one.
      if (froms.some((from) => /^\d+$/.test(from))) return `line ${step.line} names a stage by its number`;
    }
  }
  return undefined;
}

/** `FROM --platform=x image AS name` → `FROM --platform=x image`. */
function withoutStageName(fromLine: string): string {
  return fromLine.replace(/\s+AS\s+\S+\s*$/i, '');
}

function textOf(model: DockerfileModel, step: { line: number; endLine: number }): string {
  return linesOf(model, step.line, step.endLine);
}

function linesOf(model: DockerfileModel, line: number, endLine: number): string {
  return model.lines.slice(line - 1, endLine).join('\n');
}
