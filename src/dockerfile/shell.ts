// Just enough POSIX shell reading to find the simple commands of a RUN script.
// It never evaluates anything: variables stay literal, so rules can refuse to guess.

/** One simple command, with its leading `VAR=value` assignments and wrappers (sudo, env, …) taken off. */
export interface ShellCommand {
  /** e.g. ['pip', 'install', '-r', 'requirements.txt']; words[0] is the program as written. */
  words: string[];
  /** Variables set for this command: inline assignments plus anything exported earlier in the script. */
  env: Record<string, string>;
  /** How it follows the command before it: `a || b` runs b only when a fails. Null for the first. */
  joinedBy: ShellOperator | null;
}

/** Newlines, `&`, subshells and backquotes count as `;`: the next command runs regardless. */
export type ShellOperator = '&&' | '||' | ';' | '|';

/** Splits a script into the word lists of its simple commands (`&&`, `||`, `;`, `|`, newlines, subshells). */
export function splitShellCommands(script: string): string[][] {
  return splitJoinedCommands(script).map((command) => command.words);
}

function splitJoinedCommands(script: string): { words: string[]; joinedBy: ShellOperator | null }[] {
  const commands: { words: string[]; joinedBy: ShellOperator | null }[] = [];
  // The operator that ended the last command, which joins it to the next.
  let pending: ShellOperator | null = null;
  let words: string[] = [];
  let word = '';
  let inWord = false;
  // The word after a redirection (`> file`, `2>&1`, `<<EOF`) is not an argument.
  let redirectTarget = false;

  const endWord = (): void => {
    if (inWord) {
      if (redirectTarget) redirectTarget = false;
      else words.push(word);
    }
    word = '';
    inWord = false;
  };
  const endCommand = (operator: ShellOperator): void => {
    endWord();
    if (words.length > 0) {
      commands.push({ words, joinedBy: pending });
      pending = operator;
    } else if (pending === ';') {
      // `a &&` then a newline keeps the `&&`; `( a ) && b` joins b to a with it.
      pending = operator;
    }
    words = [];
    redirectTarget = false;
  };

  for (let i = 0; i < script.length; i++) {
    const ch = script[i] as string;
    if (ch === '\\') {
      const next = script[i + 1];
      i++;
      if (next === undefined || next === '\n') continue;
      word += next;
      inWord = true;
    } else if (ch === "'") {
      const close = script.indexOf("'", i + 1);
      const end = close === -1 ? script.length : close;
      word += script.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < script.length && script[j] !== '"'; j++) {
        const next = script[j + 1];
        if (script[j] === '\\' && next !== undefined && '\\"$`\n'.includes(next)) {
          if (next !== '\n') word += next;
          j++;
        } else {
          word += script[j];
        }
      }
      inWord = true;
      i = j;
    } else if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord();
    } else if ('\n;&|()`'.includes(ch)) {
      const doubled = (ch === '&' || ch === '|') && script[i + 1] === ch;
      if (doubled) i++;
      endCommand(doubled ? (`${ch}${ch}` as ShellOperator) : ch === '|' ? '|' : ';');
    } else if (ch === '#' && !inWord) {
      const newline = script.indexOf('\n', i);
      i = (newline === -1 ? script.length : newline) - 1;
    } else if (ch === '>' || ch === '<') {
      if (/^\d+$/.test(word)) inWord = false; // the fd number of `2>`
      endWord();
      while ('<>&|-'.includes(script[i + 1] ?? 'x')) i++;
      redirectTarget = true;
    } else {
      word += ch;
      inWord = true;
    }
  }
  endCommand(';');
  return commands;
}

/**
 * Files a script writes through output redirection (`> /tmp/x`, `>> /tmp/x`, `2> /tmp/log`), as written.
 * Duplications (`>&2`, `2>&1`) and inputs are not files written.
 */
export function outputRedirectTargets(script: string): string[] {
  const targets: string[] = [];
  const redirect = /(?:^|[\s;&|(])\d*>>?(?!&)\s*("[^"]*"|'[^']*'|[^\s;&|()<>]+)/g;
  for (const match of script.matchAll(redirect)) {
    const target = (match[1] ?? '').replace(/^(["'])(.*)\1$/, '$2');
    if (target) targets.push(target);
  }
  return targets;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

// Words that run the rest of the command line: `sudo pip install` is a pip install.
const PREFIX_WORDS = new Set([
  'sudo',
  'env',
  'time',
  'nohup',
  'exec',
  'command',
  'nice',
  'xargs',
  '!',
  '{',
  'if',
  'then',
  'else',
  'elif',
  'do',
  'while',
  'until',
]);
// Options of those prefixes that take a separate value (`sudo -u app`, `xargs -I {}`).
const PREFIX_VALUE_OPTIONS = new Set(['-u', '-g', '-I', '-n', '-L', '-P', '-d', '-a', '-E', '-s', '-C']);

const SHELL_PROGRAMS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh']);
// `bash -c "a && b"` inside `bash -c "…"`: deeper nesting is read as plain words.
const MAX_NESTED_SCRIPTS = 3;

/**
 * The script a command hands to a shell: `sh -c '…'`, `bash -ec "…"`, `su app -c '…'`; null otherwise.
 * The first operand after the `-c` option is the script.
 */
export function nestedScript(words: readonly string[]): string | null {
  const program = (words[0] ?? '').slice((words[0] ?? '').lastIndexOf('/') + 1);
  if (!SHELL_PROGRAMS.has(program) && program !== 'su') return null;
  const flag = words.findIndex(
    (word, i) => i > 0 && (word === '-c' || word === '--command' || /^-[a-z]*c[a-z]*$/.test(word)),
  );
  if (flag === -1) return null;
  if (program !== 'su' && words.slice(1, flag).some((word) => !word.startsWith('-'))) return null;
  return words[flag + 1] ?? null;
}

/** The simple commands of a script, each with the environment it runs with; `sh -c '…'` strings are read too. */
export function parseShellScript(script: string, depth = 0): ShellCommand[] {
  const exported: Record<string, string> = {};
  const commands: ShellCommand[] = [];
  for (const { words: raw, joinedBy } of splitJoinedCommands(script)) {
    const env: Record<string, string> = { ...exported };
    let assigned = false;
    let rest = raw;
    for (;;) {
      const first = rest[0];
      if (first === undefined) break;
      const assignment = ASSIGNMENT.exec(first);
      if (assignment) {
        env[assignment[1] as string] = assignment[2] as string;
        assigned = true;
        rest = rest.slice(1);
      } else if (PREFIX_WORDS.has(first)) {
        rest = rest.slice(1);
        while (rest[0]?.startsWith('-')) rest = rest.slice(PREFIX_VALUE_OPTIONS.has(rest[0]) ? 2 : 1);
      } else {
        break;
      }
    }
    const program = rest[0];
    if (program === 'export' || program === 'declare' || program === 'typeset') {
      for (const word of rest.slice(1)) {
        const assignment = ASSIGNMENT.exec(word);
        if (assignment) exported[assignment[1] as string] = assignment[2] as string;
      }
      continue;
    }
    if (program === undefined) {
      // A bare `VAR=value` is a shell variable; counting it as set errs towards fewer findings.
      if (assigned) Object.assign(exported, env);
      continue;
    }
    const nested = depth < MAX_NESTED_SCRIPTS ? nestedScript(rest) : null;
    if (nested !== null) {
      // The inner commands run with this command's environment; the first takes its place after `joinedBy`.
      const inner = parseShellScript(nested, depth + 1).map((command, i) => ({
        ...command,
        env: { ...env, ...command.env },
        joinedBy: i === 0 ? joinedBy : command.joinedBy,
      }));
      if (inner.length > 0) {
        commands.push(...inner);
        continue;
      }
    }
    commands.push({ words: rest, env, joinedBy });
  }
  return commands;
}

const VARIABLE_REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * The command's words with `$NAME`/`${NAME}` replaced from the command's own env over `known`
 * (the Dockerfile's ENV/ARG values), split as the shell splits an unquoted expansion.
 * Null when a word holds anything else with a `$` (an unknown variable, `$(…)`, `${X:-y}`):
 * a rule then cannot know the words and stays silent.
 */
export function expandedWords(command: ShellCommand, known: ReadonlyMap<string, string>): string[] | null {
  const expanded: string[] = [];
  for (const word of command.words) {
    if (!word.includes('$')) {
      expanded.push(word);
      continue;
    }
    let unknown = false;
    const value = word.replace(VARIABLE_REFERENCE, (_match, braced?: string, bare?: string) => {
      const name = (braced ?? bare) as string;
      const found = command.env[name] ?? known.get(name);
      if (found === undefined) unknown = true;
      return found ?? '';
    });
    if (unknown || value.includes('$')) return null;
    expanded.push(...value.split(/\s+/).filter(Boolean));
  }
  return expanded;
}

/** `/usr/local/bin/pip3` → `pip3`. */
export function programName(command: ShellCommand): string {
  const program = command.words[0] ?? '';
  return program.slice(program.lastIndexOf('/') + 1);
}

/** Operands of a command: the words that are not options, skipping the values of `valueOptions`. */
export function operands(words: string[], valueOptions: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (word === '--') return found.concat(words.slice(i + 1));
    if (word.startsWith('-') && word.length > 1) {
      if (valueOptions.has(word)) i++;
      continue;
    }
    found.push(word);
  }
  return found;
}

/** True when `words` holds the flag, alone or as `--flag=value`. */
export function hasFlag(words: string[], ...flags: string[]): boolean {
  return words.some((word) => flags.some((flag) => word === flag || word.startsWith(`${flag}=`)));
}

/** The value of `--flag value` or `--flag=value`, if given. */
export function flagValue(words: string[], ...flags: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    for (const flag of flags) {
      if (word === flag) return words[i + 1];
      if (word.startsWith(`${flag}=`)) return word.slice(flag.length + 1);
    }
  }
  return undefined;
}
