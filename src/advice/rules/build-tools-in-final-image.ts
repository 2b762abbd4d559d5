import { systemPackagesOf } from '../installs.js';
import { at, type Rule, type RuleFinding } from './rule.js';

const COMPILERS =
  /^(build-essential|build-base|gcc|g\+\+|gcc-c\+\+|clang|gfortran|linux-headers)(-\d+(\.\d+)?)?$/;
const HEADERS = /-(dev|devel)$/;

/** `libpq-dev=15.4-1`, `gcc:amd64` → the bare package name. */
function packageName(word: string): string {
  return word.replace(/[=:].*$/, '');
}

export function isBuildPackage(word: string): boolean {
  const name = packageName(word);
  return COMPILERS.test(name) || HEADERS.test(name);
}

export const buildToolsInFinalImage: Rule = {
  id: 'build-tools-in-final-image',
  title: 'Compilers and headers shipped in a single-stage image',
  why: 'Compilers and -dev packages are needed only to build wheels or extensions, yet in a single-stage build they ship in the image (often 150–300 MB).',
  fix: 'Use a multi-stage build: build wheels in a builder stage (pip wheel -w /wheels) and install them from COPY --from=builder in a slim final stage.',
  check({ model }) {
    if (model.stages.length !== 1) return [];
    const findings: RuleFinding[] = [];
    for (const step of model.stages[0]?.steps ?? []) {
      if (step.kind !== 'run') continue;
      const operations = step.commands.map(systemPackagesOf).filter((operation) => operation !== null);
      // Installing build deps and purging them in the same RUN is the single-stage way of doing it right.
      if (operations.some((operation) => operation.action === 'remove')) continue;
      const tools = operations
        .filter((operation) => operation.action === 'install')
        .flatMap((operation) => operation.packages)
        .filter((word) => !word.includes('$') && isBuildPackage(word))
        .map(packageName);
      if (tools.length === 0) continue;
      const named = tools.slice(0, 4).join(', ') + (tools.length > 4 ? ` and ${tools.length - 4} more` : '');
      findings.push({
        severity: 'warning',
        ...at(step),
        message: `${named} stay in the final image of this single-stage build, though only the build needs them.`,
      });
    }
    return findings;
  },
};
