import { plural } from '../../units.js';
import { stageChain, type Step } from '../../dockerfile/model.js';
import {
  flagValue,
  operands,
  outputRedirectTargets,
  programName,
  type ShellCommand,
} from '../../dockerfile/shell.js';
import { isLocalArchive } from './add-where-copy-fits.js';
import { at, type Rule, type RuleFinding } from './rule.js';

const NO_VALUE_OPTIONS: ReadonlySet<string> = new Set();

/** `/tmp//x/` → `/tmp/x`; null for anything we cannot take literally (relative, variables, globs). */
function literalPath(path: string | undefined): string | null {
  if (!path || !path.startsWith('/') || /[$*?[\]{}~]/.test(path)) return null;
  const normalized = path.replace(/\/+/g, '/').replace(/\/$/, '');
  return normalized === '' ? null : normalized;
}

/** The value of an output option, also in the short forms `-sSLo file` and `-ofile`. */
function outputOption(args: string[], short: 'o' | 'O', long: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    if (word === long || new RegExp(`^-[A-Za-z]*${short}$`).test(word)) return args[i + 1];
    if (word.startsWith(`${long}=`)) return word.slice(long.length + 1);
    if (word.startsWith(`-${short}`) && word.length > 2) return word.slice(2);
  }
  return undefined;
}

function basename(path: string): string {
  const trimmed = path.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Absolute paths a RUN writes that we can name: curl -o, wget -O / -P, git clone into a directory. */
function pathsWrittenBy(command: ShellCommand): string[] {
  const program = programName(command);
  const args = command.words.slice(1);
  if (program === 'curl') {
    const output = literalPath(outputOption(args, 'o', '--output'));
    return output ? [output] : [];
  }
  if (program === 'wget') {
    const output = literalPath(outputOption(args, 'O', '--output-document'));
    if (output) return [output];
    const prefix = flagValue(args, '-P', '--directory-prefix');
    const url = operands(args, new Set(['-O', '-P', '--output-document', '--directory-prefix'])).find(
      (word) => /^https?:\/\//.test(word),
    );
    const path = prefix && url ? literalPath(`${prefix}/${basename(url)}`) : null;
    return path ? [path] : [];
  }
  if (program === 'git' && args[0] === 'clone') {
    const [, target] = operands(args.slice(1), new Set(['-b', '--branch', '--depth', '-o', '--origin']));
    const path = literalPath(target);
    return path ? [path] : [];
  }
  return [];
}

/** Absolute paths a step creates in its layer. */
function pathsCreatedBy(step: Step): string[] {
  if (step.kind === 'run') {
    const redirected = outputRedirectTargets(step.script)
      .map(literalPath)
      .filter((path): path is string => path !== null && !path.startsWith('/dev/'));
    return [...step.commands.flatMap(pathsWrittenBy), ...redirected];
  }
  if (step.kind !== 'copy' || step.heredoc || !step.destination) return [];
  // ADD unpacks local archives: what lands is their content, under names we cannot know.
  if (step.keyword === 'ADD' && step.sources.some(isLocalArchive)) return [];
  const destination = step.destination;
  if (!destination.endsWith('/') && step.sources.length === 1) {
    const path = literalPath(destination);
    return path ? [path] : [];
  }
  return step.sources
    .map((source) => literalPath(`${destination}/${basename(source)}`))
    .filter((p) => p !== null);
}

function pathsRemovedBy(command: ShellCommand): string[] {
  if (programName(command) !== 'rm') return [];
  return operands(command.words.slice(1), NO_VALUE_OPTIONS)
    .map(literalPath)
    .filter((path) => path !== null);
}

export const deleteInLaterLayer: Rule = {
  id: 'delete-in-later-layer',
  title: 'Files deleted in a later layer than the one that added them',
  why: 'Each instruction is a layer; `rm` in a later RUN only hides the file, its bytes stay in the earlier layer and ship with the image.',
  fix: 'Download, use and delete the file in one RUN, or bring it in with RUN --mount=type=bind/cache or from a builder stage.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    // Only the final image's layers matter here, so only its stage chain is followed.
    const final = model.stages[model.stages.length - 1];
    if (!final) return [];
    const created = new Map<string, number>();
    for (const step of stageChain(final).flatMap((stage) => stage.steps)) {
      if (step.kind === 'run') {
        const removed = step.commands.flatMap(pathsRemovedBy).filter((path) => created.has(path));
        const [path] = removed;
        if (path !== undefined) {
          const others = removed.length > 1 ? ` (and ${plural(removed.length - 1, 'other path')})` : '';
          findings.push({
            severity: 'warning',
            ...at(step),
            message: `${path}${others} was added at line ${created.get(path)}; removing it here does not shrink the image, its bytes stay in that layer.`,
          });
        }
        for (const gone of removed) created.delete(gone);
      }
      for (const path of pathsCreatedBy(step)) if (!created.has(path)) created.set(path, step.line);
    }
    return findings;
  },
};
