import { adviseDockerfile } from '../../src/advice/advise.js';
import type { ContextFacts, Finding } from '../../src/advice/types.js';
import { parseDockerfile } from '../../src/dockerfile/model.js';

/** A Dockerfile from lines, so a test reads its line numbers off the array. */
export function dockerfile(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

export function advise(
  text: string,
  options: { context?: ContextFacts; disabledRules?: string[] } = {},
): Finding[] {
  return adviseDockerfile({
    dockerfilePath: 'app/Dockerfile',
    dockerfile: parseDockerfile(text),
    context: options.context ?? null,
    disabledRules: options.disabledRules ?? [],
  });
}

/** The findings of one rule. */
export function findingsOf(rule: string, text: string, options?: Parameters<typeof advise>[1]): Finding[] {
  return advise(text, options).filter((finding) => finding.rule === rule);
}

/** `rule@line` for each finding of that rule: compact to assert and to read in a failure. */
export function linesOf(rule: string, text: string, options?: Parameters<typeof advise>[1]): number[] {
  return findingsOf(rule, text, options).map((finding) => finding.line);
}

export function contextFacts(overrides: Partial<ContextFacts> = {}): ContextFacts {
  return {
    hasDockerignore: true,
    totalBytes: 10_000,
    fileCount: 12,
    largest: [],
    sentHeavyDirs: [],
    largeFiles: [],
    ...overrides,
  };
}
