import { dependencyInstallOf, type DependencyInstall } from '../installs.js';
import type { DockerfileModel, RunStep } from '../../dockerfile/model.js';
import { flagValue, hasFlag, operands, programName } from '../../dockerfile/shell.js';
import { at, quote, stepsInContext, type Rule, type RuleFinding } from './rule.js';

export const pipCacheBakedIn: Rule = {
  id: 'pip-cache-baked-in',
  title: 'pip/uv download cache left in the image',
  why: 'pip and uv keep every downloaded wheel in ~/.cache; without a cache mount or --no-cache-dir it is written into the layer and shipped.',
  fix: 'Use RUN --mount=type=cache,target=/root/.cache/pip (or /root/.cache/uv): fast rebuilds and nothing baked in; else pip --no-cache-dir / uv --no-cache.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    const configured = configuresCacheElsewhere(model);
    for (const stage of model.stages) {
      for (const { step, env, user } of stepsInContext(model, stage)) {
        if (step.kind !== 'run') continue;
        const baked = step.commands
          .map(dependencyInstallOf)
          .filter((install) => install !== null)
          .filter(
            (install) => install.tool === 'pip' || install.tool === 'uv-pip' || install.tool === 'uv-sync',
          )
          .filter((install) => !(install.tool === 'pip' ? configured.pip : configured.uv))
          .find((install) => !keepsCacheOut(install, step, env));
        if (!baked) continue;
        const tool = baked.tool === 'pip' ? 'pip' : 'uv';
        // A non-root USER keeps its cache in its own home, which we do not know.
        const cacheDir = user === null ? `/root/.cache/${tool}` : `~/.cache/${tool}`;
        const mount =
          user === null
            ? `--mount=type=cache,target=${cacheDir}`
            : `--mount=type=cache,target=<home of ${user}>/.cache/${tool},uid=<uid of ${user}>`;
        findings.push({
          severity: stage.role === 'shipped' ? 'warning' : 'notice',
          ...at(step),
          message:
            `${quote(baked.command)} writes its download cache (${cacheDir}) into this layer` +
            (stage.role === 'shipped'
              ? ': tens to hundreds of MB in the image that nothing at runtime reads.'
              : '; this stage is not in the final image, but the cache bloats the build cache and slows exports.'),
          fix:
            `Add ${mount} to this RUN (fast rebuilds, nothing baked in), ` +
            (tool === 'uv' ? 'or use uv --no-cache.' : 'or use pip install --no-cache-dir.'),
        });
      }
    }
    return findings;
  },
};

function keepsCacheOut(
  install: DependencyInstall,
  step: RunStep,
  stageEnv: ReadonlyMap<string, string>,
): boolean {
  const env = new Map([...stageEnv, ...Object.entries(install.command.env)]);
  const uv = install.tool !== 'pip';
  if (uv && (hasFlag(install.args, '--no-cache', '-n') || env.has('UV_NO_CACHE'))) return true;
  // pip takes any unambiguous prefix of a long option, so `--no-cache` means --no-cache-dir.
  if (!uv && (install.args.some((word) => word.startsWith('--no-cache')) || env.has('PIP_NO_CACHE_DIR'))) {
    return true;
  }

  const tool = uv ? 'uv' : 'pip';
  const xdg = env.get('XDG_CACHE_HOME');
  const cacheDirs = [
    flagValue(install.args, '--cache-dir'),
    env.get(uv ? 'UV_CACHE_DIR' : 'PIP_CACHE_DIR'),
    xdg === undefined ? undefined : `${xdg}/${tool}`,
    `/root/.cache/${tool}`,
  ]
    .filter((dir) => dir !== undefined)
    .map(normalize);
  const mounted = step.mounts.some((mount) => {
    if ((mount.type !== 'cache' && mount.type !== 'tmpfs') || !mount.target) return false;
    const target = normalize(expand(mount.target, env));
    // Any home's ~/.cache, or a target naming the tool: likely the cache, and a wrong guess only costs a miss.
    if (target.endsWith('/.cache') || target.endsWith(`/.cache/${tool}`) || target.includes(tool))
      return true;
    return cacheDirs.some((dir) => dir === target || dir.startsWith(`${target}/`));
  });
  return mounted || cleansCacheInSameRun(step, tool);
}

/** `pip cache purge`, `uv cache clean` or `rm -rf ~/.cache…` in the same RUN: nothing stays in the layer. */
function cleansCacheInSameRun(step: RunStep, tool: 'pip' | 'uv'): boolean {
  return step.commands.some((command) => {
    const program = programName(command);
    const [first, second] = command.words.slice(1);
    if (program === tool && first === 'cache' && (second === 'purge' || second === 'clean')) return true;
    if (program !== 'rm') return false;
    return operands(command.words.slice(1), new Set()).some(
      (path) => path.includes('.cache') || path.includes(tool),
    );
  });
}

/** A pip.conf or uv.toml the Dockerfile brings in may already turn the cache off; we cannot read it. */
function configuresCacheElsewhere(model: DockerfileModel): { pip: boolean; uv: boolean } {
  const mentions = model.stages.flatMap((stage) =>
    stage.steps.flatMap((step) =>
      step.kind === 'run'
        ? [step.script]
        : step.kind === 'copy'
          ? [...step.sources, step.destination ?? '']
          : [],
    ),
  );
  return {
    pip: mentions.some((text) => text.includes('pip.conf') || /pip3? config/.test(text)),
    uv: mentions.some((text) => text.includes('uv.toml')),
  };
}

/** `$PIP_CACHE_DIR` in a mount target, from the stage's ENV/ARG values. */
function expand(text: string, env: ReadonlyMap<string, string>): string {
  return text.replace(
    /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g,
    (variable, name: string) => env.get(name) ?? variable,
  );
}

function normalize(path: string): string {
  return path.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
}
