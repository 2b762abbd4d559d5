import { bareName, packagesKeptBy, pythonBuilderStage, systemPackagesOf } from '../installs.js';
import {
  rootImage,
  shippedStages,
  stepsInContext,
  type DockerfileModel,
  type RunStep,
  type Stage,
} from '../../dockerfile/model.js';
import { at, type Rule, type RuleFinding } from './rule.js';

const COMPILERS =
  /^(build-essential|build-base|gcc|g\+\+|gcc-c\+\+|clang|gfortran|linux-headers)(-\d+(\.\d+)?)?$/;
const HEADERS = /-(dev|devel)$/;

export function isCompiler(word: string): boolean {
  return COMPILERS.test(bareName(word));
}

export function isBuildPackage(word: string): boolean {
  const name = bareName(word);
  return COMPILERS.test(name) || HEADERS.test(name);
}

export interface KeptBuildPackages {
  line: number;
  endLine: number;
  /** Bare names, in the order installed. */
  packages: string[];
}

/**
 * Compilers and -dev packages each RUN of the shipped stages installs and keeps, leaving out the
 * cases where they are plausibly runtime needs: images that compile at runtime, and -dev packages
 * without a compiler where another RUN installs and removes the real build dependencies.
 */
export function keptBuildPackages(model: DockerfileModel): KeptBuildPackages[] {
  const shipped = shippedStages(model);
  if (shipped.length === 0) return [];
  if (mayCompileAtRuntime(model, shipped)) return [];
  const buildArgs = new Set(
    [...model.globalArgs, ...shipped.flatMap((stage) => stage.steps)].flatMap((step) =>
      step.kind === 'variables' && step.keyword === 'ARG' ? step.variables.map(({ name }) => name) : [],
    ),
  );
  const runs = shipped.flatMap((stage) =>
    [...stepsInContext(model, stage)].flatMap(({ step, env }) =>
      step.kind === 'run' && !installsBehindBuildArg(step, buildArgs)
        ? [{ step, ...packagesKeptBy(step, env) }]
        : [],
    ),
  );
  const buildPackages = (words: string[]) =>
    words.filter((word) => !word.includes('$') && isBuildPackage(word)).map(bareName);
  // The author removed the build dependencies elsewhere: kept -dev packages are likely for their libraries.
  const cleansBuildDeps = runs.some(
    ({ installed, kept }) => buildPackages(installed).length > buildPackages(kept).length,
  );
  return runs
    .map(({ step, kept }) => ({ line: step.line, endLine: step.endLine, packages: buildPackages(kept) }))
    .filter(({ packages }) => packages.length > 0 && (!cleansBuildDeps || packages.some(isCompiler)));
}

const TESTS = new Set(['[', '[[', 'test']);

/**
 * `if [ "$WITH_JIT" = 1 ]; then apt-get install gcc; fi`: packages installed only when a build argument
 * asks for them are a choice the author made for the image (a JIT, a runtime build), not a leftover.
 */
function installsBehindBuildArg(step: RunStep, buildArgs: ReadonlySet<string>): boolean {
  const install = step.commands.findIndex((command) => systemPackagesOf(command)?.action === 'install');
  return (
    install !== -1 &&
    step.commands
      .slice(0, install)
      .some(
        (command) =>
          TESTS.has(command.words[0] ?? '') &&
          command.words.some((word) =>
            [...word.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].some((match) =>
              buildArgs.has(match[1] as string),
            ),
          ),
      )
  );
}

/**
 * GPU images compile at runtime (torch extensions, triton kernels), so a compiler there may be a
 * runtime need: a CUDA or framework base image, TORCH_* settings, or a variable set to `cuda`.
 */
function mayCompileAtRuntime(model: DockerfileModel, shipped: readonly Stage[]): boolean {
  if (shipped.some((stage) => /cuda|pytorch|tensorflow/i.test(rootImage(stage) ?? ''))) return true;
  const variables = [
    ...model.globalArgs.flatMap((step) => step.variables),
    ...shipped.flatMap((stage) =>
      stage.steps.flatMap((step) => (step.kind === 'variables' ? step.variables : [])),
    ),
  ];
  return variables.some(({ name, value }) => /^TORCH_/.test(name) || /^cuda$/i.test(value ?? ''));
}

function stay(packages: string[]): string {
  return packages.length === 1 ? 'stays' : 'stay';
}

export function listed(packages: string[]): string {
  return packages.slice(0, 4).join(', ') + (packages.length > 4 ? ` and ${packages.length - 4} more` : '');
}

export const buildToolsInFinalImage: Rule = {
  id: 'build-tools-in-final-image',
  title: 'Compilers and headers shipped in the final image',
  why: 'Compilers and -dev packages are needed only to build wheels or extensions, yet installed in a stage that ships they stay in the image (often 150–300 MB).',
  fix: 'Use a multi-stage build: build wheels in a builder stage (pip wheel -w /wheels) and install them from COPY --from=builder in a slim final stage.',
  check({ model }) {
    // When a builder stage builds the Python packages, dev-packages-in-final-image speaks instead.
    if (pythonBuilderStage(model.stages)) return [];
    const singleStage = model.stages.length === 1;
    return keptBuildPackages(model).map((run): RuleFinding => ({
      severity: 'warning',
      ...at(run),
      message: singleStage
        ? `${listed(run.packages)} ${stay(run.packages)} in the final image of this single-stage build, though only the build needs them.`
        : `${listed(run.packages)} ${stay(run.packages)} in the final image (this stage ships), though only the build needs them; no builder stage builds the Python packages.`,
    }));
  },
};
