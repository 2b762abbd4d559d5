import { ALL_RULES } from './rules/index.js';
import type { AdviceInput, Finding } from './types.js';

/**
 * Looks at a Dockerfile (and, when measured, its build context) and says what costs build time or
 * image bytes. Pure: same input, same findings, sorted by line.
 */
export function adviseDockerfile(input: AdviceInput): Finding[] {
  const model = input.dockerfile;
  const disabledRules = new Set(input.disabledRules);
  const findings: Finding[] = [];
  for (const rule of ALL_RULES) {
    if (disabledRules.has(rule.id)) continue;
    for (const draft of rule.check({ model, context: input.context, disabledRules })) {
      if (model.silencedAt(draft.line).has(rule.id)) continue;
      const { fix, ...rest } = draft;
      findings.push({ rule: rule.id, file: input.dockerfilePath, ...rest, fix: fix ?? rule.fix });
    }
  }
  return findings.sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
}
