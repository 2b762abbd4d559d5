import { plural } from '../../units.js';
import { dependencyInstallOf, downloadCacheLeftBy, isUnder } from '../installs.js';
import {
  isWholeContextCopy,
  joinPath,
  shippedStages,
  stepsInContext,
  type Step,
} from '../../dockerfile/model.js';
import {
  flagValue,
  operands,
  outputRedirectTargets,
  programName,
  type ShellCommand,
} from '../../dockerfile/shell.js';
import { isLocalArchive } from './add-where-copy-fits.js';
import { at, MAX_TRACKED_PATHS, type Rule, type RuleFinding } from './rule.js';

const NO_VALUE_OPTIONS: ReadonlySet<string> = new Set();

type Resolve = (path: string | undefined) => string | null;

/**
 * `/tmp//x/` → `/tmp/x`, `build/` → `<workdir>/build`; null for anything we cannot take literally
 * (variables, globs, `~`, a relative path under an unknown WORKDIR).
 */
function literalPath(path: string | undefined, workdir: string | null = null): string | null {
  if (!path || /[$*?[\]{}~]/.test(path)) return null;
  if (!path.startsWith('/') && workdir === null) return null;
  const normalized = joinPath(workdir ?? '/', path);
  return normalized === '/' ? null : normalized;
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
function pathsWrittenBy(command: ShellCommand, literalPath: Resolve): string[] {
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

const SMALL_TEXT_FILE = /\.(txt|in|cfg|ini|toml|ya?ml|json|conf|md|rst|py|sh|lock|env)$/i;

/** Absolute paths a step creates in its layer. */
function pathsCreatedBy(step: Step, literalPath: Resolve): string[] {
  if (step.kind === 'run') {
    const redirected = outputRedirectTargets(step.script)
      .map((path) => literalPath(path))
      .filter((path): path is string => path !== null && !path.startsWith('/dev/'));
    return [...step.commands.flatMap((command) => pathsWrittenBy(command, literalPath)), ...redirected];
  }
  if (step.kind !== 'copy' || step.heredoc || !step.destination) return [];
  // ADD unpacks local archives: what lands is their content, under names we cannot know.
  if (step.keyword === 'ADD' && step.sources.some(isLocalArchive)) return [];
  const destination = step.destination;
  // A requirements file or script copied from the context and removed later leaves a few bytes behind.
  const sources =
    step.from === null ? step.sources.filter((source) => !SMALL_TEXT_FILE.test(source)) : step.sources;
  if (sources.length === 0) return [];
  if (!destination.endsWith('/') && step.sources.length === 1) {
    const path = literalPath(destination);
    return path ? [path] : [];
  }
  // A directory source (`src/`) puts its contents, not itself, under the destination.
  return sources
    .map((source) =>
      literalPath(/(^|\/)\.?\/?$/.test(source) ? destination : `${destination}/${basename(source)}`),
    )
    .filter((p) => p !== null);
}

function pathsRemovedBy(command: ShellCommand, literalPath: Resolve): string[] {
  if (programName(command) !== 'rm') return [];
  return operands(command.words.slice(1), NO_VALUE_OPTIONS)
    .map((path) => literalPath(path))
    .filter((path) => path !== null);
}

/**
 * `rm -rf /source/*`: the globs an rm names, as a test of whether a path is removed (matched, or under
 * a match, since -r takes directories whole). Paths with variables, `~` or braces are not taken.
 */
function globsRemovedBy(
  command: ShellCommand,
  workdir: string | null,
): { text: string; dir: string; removes: (path: string) => boolean }[] {
  if (programName(command) !== 'rm') return [];
  return operands(command.words.slice(1), NO_VALUE_OPTIONS).flatMap((word) => {
    if (!/[*?[]/.test(word) || /[$~{}]/.test(word) || (!word.startsWith('/') && workdir === null)) return [];
    const pattern = joinPath(workdir ?? '/', word);
    const dir = pattern.slice(0, pattern.search(/[*?[]/)).replace(/\/[^/]*$/, '') || '/';
    // `[a-z]` and `[!.]` are classes; a lone `[` is a character.
    const source = (pattern.match(/\[!?[^\]/]+\]|[\s\S]/g) ?? [])
      .map((token) =>
        token === '*'
          ? '[^/]*'
          : token === '?'
            ? '[^/]'
            : token.length > 1
              ? `[${token.startsWith('[!') ? '^' : ''}${token.slice(token.startsWith('[!') ? 2 : 1, -1).replace(/[\\\]^]/g, '\\$&')}]`
              : token.replace(/[.*+?^$()[\]{}|\\/]/g, '\\$&'),
      )
      .join('');
    let glob: RegExp;
    try {
      glob = new RegExp(`^${source}(/|$)`);
    } catch {
      return []; // a class the shell would reject too, like `[z-a]`
    }
    return [{ text: word, dir, removes: (path: string) => glob.test(path) }];
  });
}

/** Commands that only look around or clean up: an rm after them removes what an earlier layer brought. */
const HOUSEKEEPING = new Set([
  'rm',
  'cd',
  'echo',
  'set',
  'true',
  'find',
  'ls',
  'mkdir',
  'chmod',
  'chown',
  'ln',
]);

export const deleteInLaterLayer: Rule = {
  id: 'delete-in-later-layer',
  title: 'Files deleted in a later layer than the one that added them',
  why: 'Each instruction is a layer; `rm` in a later RUN only hides the file, its bytes stay in the earlier layer and ship with the image.',
  fix: 'Download, use and delete the file in one RUN, or bring it in with RUN --mount=type=bind/cache or from a builder stage.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    // Only the final image's layers matter here, so only its stage chain is followed.
    const created = new Map<string, number>();
    // Destinations of `COPY . <dir>`: what the context holds under them is unknown, but it is in that layer.
    const contextCopies: { root: string; line: number }[] = [];
    for (const stage of shippedStages(model)) {
      for (const context of stepsInContext(model, stage)) {
        const { step, workdir } = context;
        const resolve = (path: string | undefined) => literalPath(path, workdir);
        if (step.kind === 'run') {
          const removed = step.commands.flatMap((command, i) => {
            const paths = pathsRemovedBy(command, resolve);
            const globs = globsRemovedBy(command, workdir);
            const known = [
              ...paths.filter((path) => created.has(path)),
              ...[...created.keys()].filter((path) => globs.some((glob) => glob.removes(path))),
              // `rm -rf /models/weights/*` after `COPY weights/ /models/weights/`: the copied directory's content.
              ...[...created.keys()].filter((path) =>
                globs.some(({ dir }) => dir !== '/' && isUnder(dir, path)),
              ),
            ];
            // Under a copied context a path may also be one this RUN made (`pip install . && rm -rf build`),
            // so it counts only when nothing but housekeeping ran before it.
            const onlyHousekeeping = step.commands
              .slice(0, i)
              .every((earlier) => HOUSEKEEPING.has(programName(earlier)));
            const copied = paths.filter(
              (path) =>
                !created.has(path) &&
                created.size < MAX_TRACKED_PATHS &&
                contextCopies.some(
                  ({ root }) => path === root || (onlyHousekeeping && path.startsWith(`${root}/`)),
                ),
            );
            // `rm -rf /source/*` after `COPY . /source`: the glob empties what that layer holds.
            const emptied = onlyHousekeeping
              ? globs
                  .filter(({ dir }) => contextCopies.some(({ root }) => isUnder(dir, root)))
                  .map(({ dir }) => dir)
              : [];
            return [...new Set([...known, ...copied, ...emptied])];
          });
          const [path] = removed;
          if (path !== undefined) {
            const others = removed.length > 1 ? ` (and ${plural(removed.length - 1, 'other path')})` : '';
            const line =
              created.get(path) ??
              contextCopies.find(({ root }) => path === root || path.startsWith(`${root}/`))?.line;
            findings.push({
              severity: 'warning',
              ...at(step),
              message: `${path}${others} was added at line ${line}; removing it here does not shrink the image, its bytes stay in that layer.`,
            });
          }
          for (const gone of removed) created.delete(gone);
          for (const install of step.commands.map(dependencyInstallOf)) {
            const cacheDir = install && downloadCacheLeftBy(install, step, context);
            const path = cacheDir ? resolve(cacheDir) : null;
            if (path && !created.has(path) && created.size < MAX_TRACKED_PATHS) created.set(path, step.line);
          }
        }
        if (isWholeContextCopy(step) && step.from === null) {
          const root = resolve(step.destination ?? undefined);
          if (root && contextCopies.length < MAX_TRACKED_PATHS) contextCopies.push({ root, line: step.line });
        }
        // A file a RUN makes and removes again (`curl -o x && tar -xf x && rm x`) never reaches its layer.
        const removedHere =
          step.kind === 'run'
            ? step.commands.flatMap((command) => [
                ...pathsRemovedBy(command, resolve).map((gone) => (path: string) => path === gone),
                ...globsRemovedBy(command, workdir).map((glob) => glob.removes),
              ])
            : [];
        for (const path of pathsCreatedBy(step, resolve))
          if (
            !created.has(path) &&
            created.size < MAX_TRACKED_PATHS &&
            !removedHere.some((removes) => removes(path))
          )
            created.set(path, step.line);
      }
    }
    return findings;
  },
};
