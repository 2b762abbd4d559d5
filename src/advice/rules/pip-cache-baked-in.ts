import { dependencyInstallOf, downloadCacheLeftBy } from '../installs.js';
import { shippedStages, type DockerfileModel } from '../../dockerfile/model.js';
import { at, quote, stepsInContext, type Rule, type RuleFinding } from './rule.js';

export const pipCacheBakedIn: Rule = {
  id: 'pip-cache-baked-in',
  title: 'pip/uv download cache left in the image',
  why: 'pip and uv keep every downloaded wheel in ~/.cache; without a cache mount or --no-cache-dir it is written into the layer and shipped.',
  fix: 'Use RUN --mount=type=cache,target=/root/.cache/pip (or /root/.cache/uv): fast rebuilds and nothing baked in; else pip --no-cache-dir / uv --no-cache.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    const configured = configuresCacheElsewhere(model);
    // A builder stage's layers never ship; only what is copied out of it does.
    for (const stage of shippedStages(model)) {
      for (const context of stepsInContext(model, stage)) {
        const { step, user } = context;
        if (step.kind !== 'run') continue;
        const baked = step.commands
          .map(dependencyInstallOf)
          .filter((install) => install !== null)
          .filter((install) => !(install.tool === 'pip' ? configured.pip : configured.uv))
          // `pip install --upgrade pip setuptools`: a few MB of cache, not the tens to hundreds the message means.
          .filter((install) => install.scope !== 'tooling')
          .map((install) => ({ install, cacheDir: downloadCacheLeftBy(install, step, context) }))
          .find(({ cacheDir }) => cacheDir !== null);
        if (!baked) continue;
        const tool = baked.install.tool === 'pip' ? 'pip' : 'uv';
        const mount =
          user === null
            ? `--mount=type=cache,target=/root/.cache/${tool}`
            : `--mount=type=cache,target=${context.home ?? `<home of ${user}>`}/.cache/${tool},uid=<uid of ${user}>`;
        findings.push({
          severity: 'warning',
          ...at(step),
          message: `${quote(baked.install.command)} writes its download cache (${baked.cacheDir}) into this layer: tens to hundreds of MB in the image that nothing at runtime reads.`,
          fix:
            `Add ${mount} to this RUN (fast rebuilds, nothing baked in), ` +
            (tool === 'uv' ? 'or use uv --no-cache.' : 'or use pip install --no-cache-dir.'),
        });
      }
    }
    return findings;
  },
};

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
