import { dependencyInstallOf, downloadCacheDir, expand, isUnder, normalize } from '../installs.js';
import { at, quote, stepsInContext, type Rule, type RuleFinding } from './rule.js';

export const cacheMountWrongUser: Rule = {
  id: 'cache-mount-wrong-user',
  title: 'pip/uv cache mount under /root while a non-root USER installs',
  why: 'A non-root USER keeps its pip/uv cache in its own home, so a cache mount at /root/.cache is never used: every build downloads again and the cache lands in the layer.',
  fix: "Mount the user's cache directory with uid=/gid= (target=/home/<user>/.cache/uv,uid=1000), or point PIP_CACHE_DIR/UV_CACHE_DIR at the mount.",
  check({ model }) {
    const findings: RuleFinding[] = [];
    // Build speed, so every stage: the mount is wasted wherever it is.
    for (const stage of model.stages) {
      for (const context of stepsInContext(model, stage)) {
        const { step, user, env } = context;
        // No USER line: the base image's user, which we cannot know (UBI images run as 1001).
        if (step.kind !== 'run' || user === null) continue;
        const rootMounts = step.mounts
          .filter((mount) => mount.type === 'cache' && mount.target)
          .map((mount) => normalize(expand(mount.target as string, env)))
          .filter((target) => isUnder(target, '/root/.cache'));
        if (rootMounts.length === 0) continue;
        const targets = step.mounts
          .filter((mount) => mount.type === 'cache' && mount.target)
          .map((mount) => normalize(expand(mount.target as string, env)));
        const missed = step.commands
          .map(dependencyInstallOf)
          .filter((install) => install !== null)
          .map((install) => ({ install, cacheDir: downloadCacheDir(install, context) }))
          .find(
            ({ install, cacheDir }) =>
              cacheDir !== null &&
              !targets.some((target) => isUnder(cacheDir, target)) &&
              // The mount is meant for this tool: /root/.cache itself, or /root/.cache/<tool>.
              rootMounts.some(
                (target) =>
                  target === '/root/.cache' ||
                  target === `/root/.cache/${install.tool === 'pip' ? 'pip' : 'uv'}`,
              ),
          );
        if (!missed) continue;
        const tool = missed.install.tool === 'pip' ? 'pip' : 'uv';
        const where = missed.cacheDir?.startsWith('~') ? `${user}'s home` : missed.cacheDir;
        findings.push({
          severity: 'warning',
          ...at(step),
          message: `${quote(missed.install.command)} runs as USER ${user}, whose ${tool} cache is in ${where}, so the cache mount at ${rootMounts[0]} is never used: every build downloads again.`,
          fix:
            context.home !== null
              ? `Mount --mount=type=cache,target=${context.home}/.cache/${tool},uid=<uid of ${user}> instead, or set ${tool === 'pip' ? 'PIP_CACHE_DIR' : 'UV_CACHE_DIR'} to the mount's target.`
              : undefined,
        });
      }
    }
    return findings;
  },
};
