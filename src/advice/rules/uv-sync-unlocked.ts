import { dependencyInstallOf } from '../installs.js';
import { hasFlag } from '../../dockerfile/shell.js';
import { at, quote, stepsInContext, type Rule, type RuleFinding } from './rule.js';

export const uvSyncUnlocked: Rule = {
  id: 'uv-sync-unlocked',
  title: '`uv sync` may re-resolve instead of using uv.lock',
  why: 'Without --locked or --frozen, uv sync updates a stale uv.lock inside the build, so the image can get versions the repository does not pin.',
  fix: 'Use uv sync --locked (fails when uv.lock is out of date) or uv sync --frozen (installs uv.lock as it is).',
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const stage of model.stages) {
      for (const { step, env } of stepsInContext(model, stage)) {
        if (step.kind !== 'run') continue;
        const unlocked = step.commands
          .map(dependencyInstallOf)
          .find(
            (install) =>
              install?.tool === 'uv-sync' &&
              !hasFlag(install.args, '--locked', '--frozen') &&
              !['UV_LOCKED', 'UV_FROZEN'].some((name) => env.has(name) || name in install.command.env),
          );
        if (!unlocked) continue;
        findings.push({
          severity: 'warning',
          ...at(step),
          message: `${quote(unlocked.command)} has neither --locked nor --frozen: it may re-resolve and install versions uv.lock does not pin.`,
        });
      }
    }
    return findings;
  },
};
