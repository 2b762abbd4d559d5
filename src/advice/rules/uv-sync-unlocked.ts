import { dependencyInstallOf } from '../installs.js';
import { expandedWords, hasFlag } from '../../dockerfile/shell.js';
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
        const unlocked = step.commands.find((command, i) => {
          const install = dependencyInstallOf(command);
          if (install?.tool !== 'uv-sync') return false;
          if (['UV_LOCKED', 'UV_FROZEN'].some((name) => env.has(name) || name in command.env)) return false;
          // `uv sync $UV_OPTIONS`: the flags may be in a variable we cannot read, so no guess.
          const words = expandedWords(command, env);
          if (words === null || isLocked(words)) return false;
          // `uv sync --frozen || uv sync`: the unlocked sync is only a fallback.
          const before = step.commands[i - 1];
          const fallbackOf = command.joinedBy === '||' && before ? dependencyInstallOf(before) : null;
          return !(fallbackOf?.tool === 'uv-sync' && isLocked(before?.words ?? []));
        });
        if (!unlocked) continue;
        findings.push({
          severity: 'warning',
          ...at(step),
          message: `${quote(unlocked)} has neither --locked nor --frozen: it may re-resolve and install versions uv.lock does not pin.`,
        });
      }
    }
    return findings;
  },
};

function isLocked(words: string[]): boolean {
  return hasFlag(words, '--locked', '--frozen');
}
