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

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Replaces `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}` and `${VAR:+alt}` with ARG defaults.
 * Returns null when a variable has no value we can know (it would come from --build-arg).
 */
export function substituteArgs(text: string, args: ArgValues): string | null {
  let unresolved = false;
  const result = text.replace(
    VARIABLE,
    (_match, braced: string | undefined, operator: string | undefined, word = '', bare?: string) => {
      const name = (braced ?? bare) as string;
      const value = args.get(name);
      const isSet = value !== undefined && value !== null;
      switch (operator) {
        case ':-':
          return isSet && value !== '' ? value : word;
        case '-':
          return isSet ? value : word;
        case ':+':
          return isSet && value !== '' ? word : '';
        case '+':
          return isSet ? word : '';
        default:
          if (!isSet) unresolved = true;
          return value ?? '';
      }
    },
  );
  return unresolved ? null : result;
}
