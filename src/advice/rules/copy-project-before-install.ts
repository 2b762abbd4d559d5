import {
  dependencyInstallOf,
  installsPythonDependencies,
  isUnder,
  type DependencyInstall,
} from '../installs.js';
import {
  isWholeContextCopy,
  joinPath,
  stageChain,
  stageNamed,
  stepsInContext,
  type CopyStep,
  type DockerfileModel,
  type Stage,
} from '../../dockerfile/model.js';
import { flagValue, operands, programName } from '../../dockerfile/shell.js';
import { at, MAX_TRACKED_PATHS, quote, type Rule, type RuleFinding } from './rule.js';

// Files an install reads: copying them first is the point, not the problem.
const MANIFEST =
  /^(requirements.*|constraints.*|pyproject\.toml|poetry\.lock|uv\.lock|Pipfile(\.lock)?|setup\.(py|cfg)|package(-lock)?\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|pnpm-workspace\.yaml|yarn\.lock|\.yarnrc(\.yml)?|\.npmrc|\.pnpmfile\.cjs|\.nvmrc|\.python-version|README.*|LICENSE.*)$/i;

const FIX: Record<string, string> = {
  npm: 'COPY only package.json and the lockfile (package-lock.json, pnpm-lock.yaml or yarn.lock) first, install, then COPY the directory.',
  python:
    'COPY only the requirements file or pyproject.toml and its lockfile first, install the dependencies, then COPY the code.',
};

/** A context directory, not a manifest: `./src-ui`, `app/`, `invokeai/frontend/web/`. */
function isProjectDirectory(source: string): boolean {
  if (/[*?[]/.test(source) || source.includes('$')) return false;
  const trimmed = source.replace(/\/+$/, '');
  const name = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  if (name === '' || name === '.' || name === '..' || MANIFEST.test(name)) return false;
  // A directory named for the requirements it holds (`requirements/`) is a manifest too.
  if (/^requirements/i.test(name)) return false;
  return source.endsWith('/') || !name.includes('.');
}

/** Installs that need only manifests and lockfiles: requirements files, lockfile syncs, node installs. */
function needsOnlyManifests(install: DependencyInstall): boolean {
  if (install.tool === 'pip' || install.tool === 'uv-pip') {
    return (
      install.scope === 'deps' &&
      !install.namedPackagesOnly &&
      !operands(install.args.slice(1), new Set(['-r', '--requirement', '-c', '--constraint'])).some((word) =>
        /^(\.|\/)/.test(word),
      )
    );
  }
  return install.scope === 'deps';
}

export const copyProjectBeforeInstall: Rule = {
  id: 'copy-project-before-install',
  title: 'A project directory copied before its dependency install',
  why: 'Copying a source directory (a frontend, an app package) before the install that needs only its manifest re-runs the whole install whenever any file in it changes.',
  fix: FIX.python as string,
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const stage of model.stages) findings.push(...checkStage(model, stage));
    return findings;
  },
};

function checkStage(model: DockerfileModel, stage: Stage): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const copies: { step: CopyStep; path: string }[] = [];
  let wholeContext = false;
  let depsFromStage = false;
  // Steps of the parent stages too: a stage built FROM another inherits its copies.
  const contexts = [...chainContexts(model, stage)];
  for (const { step, workdir, own } of contexts) {
    if (isWholeContextCopy(step)) wholeContext = true;
    if (step.kind === 'copy') {
      const source = step.from === null ? null : stageNamed(model.stages, step.from, stage);
      if (source && installsPythonDependencies(source)) depsFromStage = true;
      if (step.from !== null || step.heredoc || !step.destination || step.destination.includes('$')) continue;
      if (!step.destination.startsWith('/') && workdir === null) continue;
      if (!step.sources.some(isProjectDirectory)) continue;
      if (copies.length < MAX_TRACKED_PATHS)
        copies.push({ step, path: joinPath(workdir ?? '/', step.destination) });
      continue;
    }
    // The whole context is copy-before-install's finding; dependencies from a builder need no install here.
    if (step.kind !== 'run' || wholeContext || workdir === null) continue;
    let dir = workdir;
    for (const command of step.commands) {
      if (programName(command) === 'cd') {
        const [target] = operands(command.words.slice(1), new Set());
        dir = target && !target.includes('$') ? joinPath(dir, target) : dir;
        continue;
      }
      const install = dependencyInstallOf(command);
      if (!install) {
        // A build script run from a copied directory: the build needs that directory, it is not the project.
        const script = executedPath(command.words);
        if (script !== null) {
          const ran = joinPath(dir, script);
          for (let i = copies.length - 1; i >= 0; i--)
            if (isUnder(ran, (copies[i] as { path: string }).path)) copies.splice(i, 1);
        }
        continue;
      }
      if (!needsOnlyManifests(install)) continue;
      const python = install.tool !== 'npm';
      if (python && depsFromStage) continue;
      // A directory below a node, uv or poetry project may be a workspace member or path dependency
      // the install needs; only the project's own directory copied whole is certain waste there.
      const membersPossible =
        install.tool === 'npm' || install.tool === 'uv-sync' || install.tool === 'poetry';
      // A requirements file read from a copied subdirectory (`-r deploy/requirements.txt`) makes it the manifest's home.
      const manifests = ['-r', '--requirement', '-c', '--constraint']
        .map((flag) => flagValue(install.args, flag))
        .filter((file): file is string => file !== undefined && !file.includes('$'))
        .map((file) => joinPath(dir, file));
      const covering = copies.filter(
        ({ path }) =>
          (membersPossible ? path === dir : isUnder(path, dir)) &&
          (path === dir || !manifests.some((file) => isUnder(file, path))),
      );
      // Name the copy of the project's own directory if there is one, else the one nearest the install.
      const copy = covering.find(({ path }) => path === dir) ?? covering[covering.length - 1];
      if (!copy) continue;
      if (own) {
        findings.push({
          severity: 'warning',
          ...at(step),
          message: `${quote(command)} runs after ${copy.step.sources.join(' ')} is copied in (line ${copy.step.line}): any change to a file in it re-runs the whole install.`,
          fix: FIX[python ? 'python' : 'npm'],
        });
      }
      break;
    }
  }
  return findings;
}

const INTERPRETERS = /^(sh|bash|dash|ash|zsh|python\d*(\.\d+)*|node|perl|ruby|make|source|\.)$/;

/** The script a command runs: `./build/prep.sh`, `bash build/prep.sh`, `python tools/gen.py`; null otherwise. */
function executedPath(words: readonly string[]): string | null {
  const [program, ...args] = words;
  if (program === undefined) return null;
  if (program.includes('/') && !program.startsWith('/usr/') && !program.startsWith('/bin/')) return program;
  const name = program.slice(program.lastIndexOf('/') + 1);
  if (!INTERPRETERS.test(name)) return null;
  const [script] = operands(args, new Set(['-C', '-f', '-m', '-c']));
  if (name === 'make') return flagValue(args, '-C') ?? null;
  return script !== undefined && !script.includes('$') ? script : null;
}

/** The stage's chain, oldest first, each step with its context and whether it belongs to `stage`. */
function* chainContexts(model: DockerfileModel, stage: Stage) {
  for (const link of stageChain(stage)) {
    for (const context of stepsInContext(model, link)) yield { ...context, own: link === stage };
  }
}
