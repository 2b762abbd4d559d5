// Image references as FROM writes them, and the ARG substitution that FROM allows.

export interface ImageRef {
  /** 'docker.io', 'ghcr.io', '127.0.0.1:5000', or null when none is written. */
  registry: string | null;
  /** Repository path without registry, e.g. 'library/python', 'python', 'org/app'. */
  path: string;
  /** Last path component: 'python'. */
  name: string;
  tag: string | null;
  digest: string | null;
}

const REFERENCE = /^[a-z0-9][a-z0-9._\-/:]*(@[A-Za-z0-9_+.-]+:[A-Fa-f0-9]+)?$/i;

/** Parses `[registry/]path[:tag][@digest]`; null when it is not a plain reference (e.g. still holds `$`). */
export function parseImageRef(text: string): ImageRef | null {
  if (!REFERENCE.test(text)) return null;
  const at = text.indexOf('@');
  const digest = at === -1 ? null : text.slice(at + 1);
  const named = at === -1 ? text : text.slice(0, at);
  const lastSlash = named.lastIndexOf('/');
  const colon = named.indexOf(':', lastSlash + 1);
  const tag = colon === -1 ? null : named.slice(colon + 1);
  const repository = colon === -1 ? named : named.slice(0, colon);
  const parts = repository.split('/');
  const first = parts[0] as string;
  const hasRegistry =
    parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const path = hasRegistry ? parts.slice(1).join('/') : repository;
  if (!path || tag === '') return null;
  return {
    registry: hasRegistry ? first : null,
    path,
    name: parts[parts.length - 1] as string,
    tag,
    digest,
  };
}

/**
 * An official Docker Hub image under any registry that mirrors the library namespace:
 * `python`, `docker.io/library/python`, `mirror.gcr.io/library/python`, `127.0.0.1:5000/python`.
 * `ghcr.io/org/python` is someone's own image and is not one.
 */
export function officialImageName(ref: ImageRef): string | null {
  const parts = ref.path.split('/');
  if (parts.length === 1) return ref.name;
  if (parts[parts.length - 2] === 'library') return ref.name;
  return null;
}

/** Defined ARGs: a value, or null when declared without a default. */
export type ArgValues = ReadonlyMap<string, string | null>;

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;
const OPERATORS = [':-', ':+', '-', '+'] as const;

interface Expanded {
  text: string;
  /** A plain reference to a variable without a value was met. */
  unresolved: boolean;
  /** Where the scan stopped: at the closing `}` (when asked to stop there), else the text's end. */
  end: number;
  closed: boolean;
}

/**
 * Replaces `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}` and `${VAR:+alt}` with ARG defaults;
 * a default may hold references itself (`${A:-${B}}`). Returns null when a variable has no value we
 * can know (it would come from --build-arg). One pass over the text: a Dockerfile is untrusted input,
 * and a pattern that rescans from every `${` took minutes on a long unterminated one.
 */
export function substituteArgs(text: string, args: ArgValues): string | null {
  try {
    const expanded = expand(text, 0, args, 0);
    return expanded.unresolved ? null : expanded.text;
  } catch (error) {
    if (error === TOO_DEEP) return null;
    throw error;
  }
}

/** Defaults nested deeper than this are not worked out (no real Dockerfile nests more than a few). */
const MAX_NESTING = 16;
const TOO_DEEP = new Error('variable references nested too deeply');

/** What `${NAME<operator>word}` becomes: the value, or the (expanded) word. */
function chooseWord(
  operator: (typeof OPERATORS)[number],
  value: string | null | undefined,
  word: Expanded,
): Expanded | string {
  const isSet = value !== undefined && value !== null;
  const nonEmpty = isSet && value !== '';
  switch (operator) {
    case ':-':
      return nonEmpty ? value : word;
    case '-':
      return isSet ? value : word;
    case ':+':
      return nonEmpty ? word : '';
    case '+':
      return isSet ? word : '';
  }
}

function expand(text: string, from: number, args: ArgValues, depth: number): Expanded {
  if (depth > MAX_NESTING) throw TOO_DEEP;
  const inBraces = depth > 0;
  let out = '';
  let unresolved = false;
  let at = from;
  while (at < text.length) {
    const char = text[at]!;
    if (inBraces && char === '}') return { text: out, unresolved, end: at, closed: true };
    if (char !== '$') {
      out += char;
      at++;
      continue;
    }
    const next = text[at + 1] ?? '';
    if (NAME_START.test(next)) {
      let stop = at + 2;
      while (stop < text.length && NAME_PART.test(text[stop]!)) stop++;
      const value = args.get(text.slice(at + 1, stop));
      if (value === undefined || value === null) unresolved = true;
      out += value ?? '';
      at = stop;
      continue;
    }
    if (next !== '{' || !NAME_START.test(text[at + 2] ?? '')) {
      out += char;
      at++;
      continue;
    }
    let stop = at + 3;
    while (stop < text.length && NAME_PART.test(text[stop]!)) stop++;
    const name = text.slice(at + 2, stop);
    const value = args.get(name);
    if (text[stop] === '}') {
      if (value === undefined || value === null) unresolved = true;
      out += value ?? '';
      at = stop + 1;
      continue;
    }
    const operator = OPERATORS.find((op) => text.startsWith(op, stop));
    if (operator === undefined) {
      // `${NAME` followed by something else: not a reference, kept as written.
      out += text.slice(at, stop);
      at = stop;
      continue;
    }
    const word = expand(text, stop + operator.length, args, depth + 1);
    if (!word.closed) {
      // Nothing after this can close it either: the rest stays as written, in one step.
      out += text.slice(at);
      return { text: out, unresolved, end: text.length, closed: false };
    }
    const chosen = chooseWord(operator, value, word);
    if (typeof chosen === 'string') out += chosen;
    else {
      out += chosen.text;
      unresolved ||= chosen.unresolved;
    }
    at = word.end + 1;
  }
  return { text: out, unresolved, end: at, closed: false };
}
