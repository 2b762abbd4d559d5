import {
  dependencyInstallOf,
  installsPythonDependencies,
  type DependencyInstall,
  type DependencyTool,
} from '../installs.js';
import { isWholeContextCopy, stageNamed, type CopyStep, type Stage } from '../../dockerfile/model.js';
import { at, quote, type Rule, type RuleFinding } from './rule.js';

const FIX_BY_TOOL: Record<DependencyTool, string> = {
  pip: 'COPY only requirements*.txt (or pyproject.toml) first, RUN pip install, then COPY . . for the code.',
  'uv-pip':
    'COPY only requirements*.txt (or pyproject.toml) first, RUN uv pip install, then COPY . . for the code.',
  'uv-sync':
    'COPY pyproject.toml uv.lock first, RUN uv sync --locked --no-install-project, then COPY . . and RUN uv sync --locked.',
  poetry:
    'COPY pyproject.toml poetry.lock first, RUN poetry install --no-root, then COPY . . and RUN poetry install --only-root.',
  pipenv: 'COPY Pipfile Pipfile.lock first, RUN pipenv install --deploy, then COPY . . for the code.',
  npm: 'COPY package.json and the lockfile first, install, then COPY . . for the code.',
};

export const copyBeforeInstall: Rule = {
  id: 'copy-before-install',
  title: 'Dependencies installed after copying the whole context',
  why: 'Any change to any file invalidates `COPY . .`, so every later step, the full dependency install included, runs again.',
  fix: FIX_BY_TOOL.pip,
  check({ model }) {
    const findings: RuleFinding[] = [];
    const endState = new Map<Stage, { copy: CopyStep | null; depsInstalled: boolean }>();
    for (const stage of model.stages) {
      // A stage built FROM an earlier one inherits its layers, and so its COPY . . and installs.
      const inherited = stage.parent ? endState.get(stage.parent) : undefined;
      let copy = inherited?.copy ?? null;
      let depsInstalled = inherited?.depsInstalled ?? false;
      for (const step of stage.steps) {
        if (isWholeContextCopy(step)) copy ??= step;
        // Dependencies installed in another stage and copied in (a venv, site-packages) are in place.
        const source =
          step.kind === 'copy' && step.from !== null ? stageNamed(model.stages, step.from, stage) : null;
        if (source && installsPythonDependencies(source)) depsInstalled = true;
        if (step.kind !== 'run') continue;
        const installs = step.commands.map(dependencyInstallOf).filter((install) => install !== null);
        const wasteful = installs.find((install) => reinstallsDependencies(install, depsInstalled));
        if (copy && wasteful) {
          findings.push({
            severity: 'warning',
            ...at(step),
            message:
              `${quote(wasteful.command)} runs after the whole context is copied (line ${copy.line}): ` +
              'any source change re-runs it and reinstalls every dependency.',
            fix: FIX_BY_TOOL[wasteful.tool],
          });
        }
        if (installs.some((install) => install.scope === 'deps' || install.scope === 'project')) {
          depsInstalled = true;
        }
      }
      endState.set(stage, { copy, depsInstalled });
    }
    return findings;
  },
};

/**
 * Installing the project itself after its dependencies are in place is cheap and belongs after the copy;
 * so is a package named on the command line (`pip install debugpy`), which costs seconds, not the install.
 */
function reinstallsDependencies(install: DependencyInstall, depsInstalled: boolean): boolean {
  if (install.namedPackagesOnly) return false;
  return install.scope === 'deps' || (install.scope === 'project' && !depsInstalled);
}
