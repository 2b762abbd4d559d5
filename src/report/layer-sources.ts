// Which Dockerfile line made each layer of the image, and which layers came with the FROM image:
// the names people recognise, instead of what the image history says ("RUN /bin/sh -c … # buildkit").
import { rootImage, stageChain, type DockerfileModel, type Step } from '../dockerfile/model.js';
import type { ReportLayer } from './model.js';

/** The longest Dockerfile text kept per layer: the report is stored and posted, so it stays small. */
const MAX_SOURCE_TEXT = 300;

/** The history's `created_by` as the Dockerfile said it: no `# buildkit`, no `/bin/sh -c`, no build-arg prefix. */
export function cleanInstruction(createdBy: string): string {
  return createdBy
    .replace(/\s*#\s*buildkit\s*$/, '')
    .replace(/^RUN\s+\|\d+(?:\s+[^\s=]+=\S*)*\s+/, 'RUN ')
    .replace(/^RUN\s+\/bin\/(?:ba)?sh -c\s+/, 'RUN ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Pairs the image's layers, from the top down, with the steps of the built stage (and the stages
 * under it) that make layers; the layers left below the lowest one came with the FROM image.
 * A layer whose instruction matches no step stops the pairing (what is under it is not labelled),
 * unless only WORKDIRs are left, which make no layer when the directory exists.
 */
export function attributeLayers(
  layers: readonly ReportLayer[],
  dockerfile: DockerfileModel,
  target: string,
): ReportLayer[] {
  const stage = target
    ? dockerfile.stages.find((s) => s.name === target.toLowerCase())
    : dockerfile.stages[dockerfile.stages.length - 1];
  const result = layers.map((layer) => ({ ...layer }));
  if (!stage) return result;
  const steps = stageChain(stage).flatMap((s) => s.steps.filter(makesLayer));
  let next = steps.length - 1;
  let index = result.length - 1;
  for (; index >= 0 && next >= 0; index--) {
    const layer = result[index]!;
    const instruction = cleanInstruction(layer.createdBy);
    let at = next;
    while (at >= 0 && !sameInstruction(instruction, steps[at]!, dockerfile.lines)) at--;
    if (at < 0) {
      // A WORKDIR whose directory the base image has makes no layer: the rest is the base image's.
      if (steps.slice(0, next + 1).every((step) => keywordOf(step) === 'WORKDIR')) break;
      return result;
    }
    layer.source = { line: steps[at]!.line, text: sourceText(steps[at]!, dockerfile.lines) };
    next = at - 1;
  }
  const fromImage = rootImage(stage) ?? 'scratch';
  for (; index >= 0; index--) result[index]!.baseImage = fromImage;
  return result;
}

function makesLayer(step: Step): boolean {
  return step.kind === 'run' || step.kind === 'copy' || (step.kind === 'other' && step.keyword === 'WORKDIR');
}

function keywordOf(step: Step): string {
  if (step.kind === 'run') return 'RUN';
  if (step.kind === 'copy') return step.keyword;
  return step.kind === 'other' ? step.keyword.toUpperCase() : '';
}

/** Same keyword, and for RUN the same script (the history drops the flags and joins the lines). */
function sameInstruction(instruction: string, step: Step, lines: readonly string[]): boolean {
  const keyword = keywordOf(step);
  if (instruction.split(' ')[0]?.toUpperCase() !== keyword) return false;
  if (step.kind !== 'run') return true;
  const squash = (text: string) => text.replace(/\\\s*\n/g, ' ').replace(/\s+/g, '');
  const fromHistory = squash(instruction.slice(keyword.length));
  const fromFile = squash(step.script);
  if (fromHistory === '' || fromFile === '') return sourceText(step, lines).length > 0;
  return fromHistory.includes(fromFile) || fromFile.includes(fromHistory);
}

/** The instruction as written, its continuation lines joined into one. */
function sourceText(step: Step, lines: readonly string[]): string {
  const text = lines
    .slice(step.line - 1, step.endLine)
    .join('\n')
    .replace(/\\\s*\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > MAX_SOURCE_TEXT ? `${text.slice(0, MAX_SOURCE_TEXT - 1)}…` : text;
}
