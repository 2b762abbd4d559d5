// Build-arg values can hold secrets (a token for a private index), and BuildKit repeats them: in each
// RUN layer's history (`RUN |2 TOKEN=… PY=… /bin/sh -c …`) and in step names, where the command is
// shown expanded. The report is stored, shown in the comment and handed to the fork relay: it keeps
// the names and drops the values.

/** Shorter values are left in place: `PY=3` redacted would blank every `3` in the report. */
export const MIN_REDACTED_LENGTH = 6;
const REDACTED = '***';
const ARG_NAME = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** `RUN |2 TOKEN=abc PY=3.12 /bin/sh -c …` → `RUN |2 TOKEN= PY= /bin/sh -c …`. */
export function withoutArgValues(createdBy: string): string {
  const head = /^RUN\s+\|(\d+)\s/.exec(createdBy);
  if (!head) return createdBy;
  const count = Number(head[1]);
  let rest = createdBy.slice(head[0].length);
  const names: string[] = [];
  for (let index = 0; index < count; index++) {
    const name = ARG_NAME.exec(rest);
    // Not the form BuildKit writes: keep nothing of what follows rather than guess.
    if (!name?.[1]) return `RUN |${count} (build args not shown)`;
    names.push(name[1]);
    rest = rest.slice(name[0].length);
    // A value may hold spaces: it runs to the next ` NAME=`, the last one to the next space.
    const end = index < count - 1 ? rest.search(/ [A-Za-z_][A-Za-z0-9_]*=/) : rest.search(/ /);
    rest = end < 0 ? '' : rest.slice(end + 1);
  }
  return `RUN |${count} ${names.map((name) => `${name}=`).join(' ')} ${rest}`.trimEnd();
}

/**
 * Hides the values of `build-args` (`KEY=value`, or `KEY` whose value buildx takes from the
 * environment) wherever they occur in a text.
 */
export function buildArgRedactor(
  buildArgs: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): (text: string) => string {
  const values = buildArgs
    .map((pair) => {
      const at = pair.indexOf('=');
      return at < 0 ? (env[pair.trim()] ?? '') : pair.slice(at + 1);
    })
    .filter((value) => value.length >= MIN_REDACTED_LENGTH)
    // The longest first, so that a value containing another is hidden whole.
    .sort((a, b) => b.length - a.length);
  return (text) => values.reduce((out, value) => out.split(value).join(REDACTED), text);
}
