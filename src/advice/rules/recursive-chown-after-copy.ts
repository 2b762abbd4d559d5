import { isUnder } from '../installs.js';
import {
  isWholeContextCopy,
  joinPath,
  shippedStages,
  stepsInContext,
  type CopyStep,
} from '../../dockerfile/model.js';
import { formatBytes, plural } from '../../units.js';
import type { ContextFacts } from '../types.js';
import { expandedWords, hasFlag, operands, programName } from '../../dockerfile/shell.js';
import { at, MAX_TRACKED_PATHS, type Rule, type RuleFinding } from './rule.js';

interface Copied {
  step: CopyStep;
  /** Absolute destination, a directory or a file. */
  path: string;
  /** `--chown`/`--chmod` as written (variables expanded), null when absent. */
  owner: string | null;
  mode: string | null;
}

/** `chown -R`, `chown -hR`, `chmod --recursive`: true when the change goes down the tree. */
function isRecursive(words: string[]): boolean {
  return words.some((word) => word === '--recursive' || /^-[a-zA-Z]*R[a-zA-Z]*$/.test(word));
}

/** `app` and `app:app` name the same user; a COPY --chown with only a user gives that user's ids. */
function sameOwner(a: string, b: string): boolean {
  const [userA, groupA] = a.split(/[:.]/);
  const [userB, groupB] = b.split(/[:.]/);
  return userA === userB && (groupA === undefined || groupB === undefined || groupA === groupB);
}

// Not the type guard: a COPY that is not the whole context is still a COPY.
const copiesWholeContext = (step: CopyStep): boolean => isWholeContextCopy(step);

/** Below this a duplicated tree costs less than the rule's noise. */
export const MIN_DUPLICATED_BYTES = 10_000_000;

/** What a COPY brought in, for a message: the whole context, a stage's directory, the sources named. */
function describeSources(step: CopyStep): string {
  if (copiesWholeContext(step)) return 'the whole build context';
  const sources = step.sources.slice(0, 3).join(' ') + (step.sources.length > 3 ? ' …' : '');
  return step.from === null ? sources : `${sources} from ${step.from}`;
}

/**
 * The bytes a context COPY sends, from the measured context: all of it for `.`, else the top-level
 * entries its sources name; null when unmeasured or not from the context.
 */
function copiedBytes(step: CopyStep, context: ContextFacts | null): number | null {
  if (!context || step.from !== null) return null;
  if (copiesWholeContext(step)) return context.totalBytes;
  let total = 0;
  for (const source of step.sources) {
    const top = source.replace(/^\.\//, '').split('/')[0] ?? '';
    const entry = context.largest.find((candidate) => candidate.path === top);
    if (!entry) return null;
    total += entry.bytes;
  }
  return total;
}

/**
 * The copy that put most under the changed path, and its measured bytes. Unmeasured, the whole context
 * and another stage's output (a virtualenv, a build) count as large, while directories and files named
 * from the context count as small: mostly source code, which chown -R duplicates at little cost.
 * Null when the duplicated bytes stay below MIN_DUPLICATED_BYTES, so the finding is not worth its noise.
 */
function largestCopy(
  copies: Copied[],
  context: ContextFacts | null,
): { copy: Copied; bytes: number | null } | null {
  const sized = copies.map((copy) => {
    const bytes = copiedBytes(copy.step, context);
    const large = copiesWholeContext(copy.step) || copy.step.from !== null;
    return { copy, bytes, weight: bytes ?? (large ? Number.MAX_SAFE_INTEGER : 0) };
  });
  const [biggest] = [...sized].sort((a, b) => b.weight - a.weight);
  const total = sized.reduce((sum, { weight }) => sum + weight, 0);
  return biggest && total >= MIN_DUPLICATED_BYTES ? biggest : null;
}

export const recursiveChownAfterCopy: Rule = {
  id: 'recursive-chown-after-copy',
  title: '`chown -R` / `chmod -R` over files an earlier COPY added',
  why: 'Changing the owner or mode of a file copies it into the new layer: a chown -R after COPY stores every copied file twice in the image.',
  fix: 'Set the owner and mode while copying: COPY --chown=app:app (and --chmod=…), then drop the chown -R / chmod -R.',
  check({ model, context }) {
    const findings: RuleFinding[] = [];
    const copies: Copied[] = [];
    for (const stage of shippedStages(model)) {
      for (const { step, env, workdir } of stepsInContext(model, stage)) {
        const expandText = (text: string | null | undefined) => {
          if (text === null || text === undefined) return null;
          const words = expandedWords({ words: [text], env: {}, joinedBy: null }, env);
          return words?.join(' ') ?? text;
        };
        if (step.kind === 'copy') {
          const destination = expandText(step.destination);
          if (!destination || destination.includes('$') || (!destination.startsWith('/') && workdir === null))
            continue;
          if (copies.length < MAX_TRACKED_PATHS)
            copies.push({
              step,
              path: joinPath(workdir ?? '/', destination),
              owner: expandText(step.flags.get('chown')),
              mode: expandText(step.flags.get('chmod')),
            });
          continue;
        }
        if (step.kind !== 'run') continue;
        const created = new Set<string>();
        for (const command of step.commands) {
          const program = programName(command);
          const words = expandedWords(command, env) ?? command.words;
          const resolve = (path: string) =>
            path.includes('$') || /[*?[]/.test(path) || (!path.startsWith('/') && workdir === null)
              ? null
              : joinPath(workdir ?? '/', path);
          if (program === 'mkdir') {
            for (const path of operands(words.slice(1), new Set(['-m', '--mode']))) {
              const resolved = resolve(path);
              if (resolved) created.add(resolved);
            }
            continue;
          }
          if ((program !== 'chown' && program !== 'chmod') || !isRecursive(words.slice(1))) continue;
          // `chown --from=root:root -R`: only files still owned by root change; `--reference`: unknown.
          if (hasFlag(words, '--from', '--reference')) continue;
          const [change, ...paths] = operands(words.slice(1), new Set());
          if (change === undefined) continue;
          const overlapping = paths
            .map(resolve)
            // `mkdir -p P/x && chown -R u P`: the change is for the directories this RUN makes.
            .filter(
              (path): path is string =>
                path !== null && path !== '/' && ![...created].some((dir) => isUnder(dir, path)),
            )
            .flatMap((path) =>
              copies.filter(
                (copy) => copy.path !== '/' && (isUnder(copy.path, path) || isUnder(path, copy.path)),
              ),
            )
            .filter((copy) =>
              program === 'chown'
                ? copy.owner === null || !sameOwner(copy.owner, change)
                : copy.mode === null || copy.mode !== change,
            );
          const biggest = largestCopy(overlapping, context);
          if (!biggest) continue;
          const { copy, bytes } = biggest;
          const flag = program === 'chown' ? `--chown=${change}` : `--chmod=${change}`;
          const amount =
            bytes === null
              ? describeSources(copy.step)
              : `${describeSources(copy.step)}, ${formatBytes(bytes)}`;
          const others = overlapping.length > 1 ? ` and ${plural(overlapping.length - 1, 'other COPY')}` : '';
          findings.push({
            severity: 'warning',
            ...at(step),
            message: `\`${program} -R ${change}\` stores again every file it changes: those the ${copy.step.keyword} at line ${copy.step.line} put in ${copy.path} (${amount})${others}.`,
            fix: `${copy.step.keyword} ${flag} at line ${copy.step.line}${overlapping.length > 1 ? ' (and the other copies it covers)' : ''}, and drop the ${program} -R.`,
            ...(bytes === null ? {} : { bytesAtStake: bytes }),
          });
          break;
        }
      }
    }
    return findings;
  },
};
