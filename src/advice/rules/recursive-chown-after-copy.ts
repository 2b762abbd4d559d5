import { isUnder } from '../installs.js';
import { joinPath, shippedStages, stepsInContext, type CopyStep } from '../../dockerfile/model.js';
import { expandedWords, hasFlag, operands, programName } from '../../dockerfile/shell.js';
import { at, type Rule, type RuleFinding } from './rule.js';

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

export const recursiveChownAfterCopy: Rule = {
  id: 'recursive-chown-after-copy',
  title: '`chown -R` / `chmod -R` over files an earlier COPY added',
  why: 'Changing the owner or mode of a file copies it into the new layer: a chown -R after COPY stores every copied file twice in the image.',
  fix: 'Set the owner and mode while copying: COPY --chown=app:app (and --chmod=…), then drop the chown -R / chmod -R.',
  check({ model }) {
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
          const [first] = overlapping;
          if (!first) continue;
          const flag = program === 'chown' ? `--chown=${change}` : `--chmod=${change}`;
          findings.push({
            severity: 'warning',
            ...at(step),
            message: `\`${program} -R ${change}\` rewrites the files the ${first.step.keyword} at line ${first.step.line} put in ${first.path}: the image stores them twice.`,
            fix: `${first.step.keyword} ${flag} at line ${first.step.line}${overlapping.length > 1 ? ' (and the other copies it covers)' : ''}, and drop the ${program} -R.`,
          });
          break;
        }
      }
    }
    return findings;
  },
};
