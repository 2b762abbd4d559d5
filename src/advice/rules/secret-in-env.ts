import { substituteArgs } from '../../dockerfile/image-ref.js';
import { shippedStages, stepsInContext, type VariablesStep } from '../../dockerfile/model.js';
import { at, type Rule, type RuleFinding } from './rule.js';

// Name endings that hold a secret value: GITHUB_TOKEN, DB_PASSWORD, AWS_SECRET_ACCESS_KEY, STRIPE_API_KEY.
const SECRET_ENDINGS = [
  ['PASSWORD'],
  ['PASSWD'],
  ['SECRET'],
  ['TOKEN'],
  ['APIKEY'],
  ['API', 'KEY'],
  ['PRIVATE', 'KEY'],
  ['ACCESS', 'KEY'],
  ['SECRET', 'KEY'],
  ['AUTH', 'KEY'],
];

/**
 * Whether a variable name says it holds a secret. The secret word must end the name, so that
 * TOKENIZERS_PARALLELISM, PASSWORD_FILE, TOKEN_URL or SECRET_NAME (names of or paths to secrets) do not count.
 */
export function looksLikeSecret(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  return SECRET_ENDINGS.some(
    (ending) =>
      words.length >= ending.length &&
      ending.every((word, i) => words[words.length - ending.length + i] === word),
  );
}

// Values that switch a feature off or stand in for the real secret the deployment sets.
const PLACEHOLDER =
  /^(|no|none|null|nil|false|true|off|on|0|1|disabled?|unset|empty|changeme|change[-_. ]?me|change[-_. ]?this|replace[-_. ]?me|dummy|placeholder|example|sample|default|secret|password|token|test(ing)?|dev|todo|tbd|x+|\*+|-+|\.+|<[^>]*>|your[-_. ].*|insert[-_. ].*|set[-_. ]?me)$/i;

// A value that says it is no real secret: `django-insecure-…`, `dummy-key-for-collectstatic`, `example-token`.
const SELF_DECLARED_DUMMY =
  /(^|[^a-z])(insecure|unsafe|dummy|placeholder|example|fake|changeme|change[-_]me|replace[-_]?me|not[-_]?a[-_]?secret)([^a-z]|$)/i;

/** A value that holds no secret: empty, a switch, a stand-in like `changeme` or `<your key>`, or a path. */
export function isPlaceholder(value: string): boolean {
  const bare = value
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2')
    .trim();
  return PLACEHOLDER.test(bare) || SELF_DECLARED_DUMMY.test(bare) || bare.startsWith('/');
}

const REFERENCE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * An ENV value stores a secret when, with the variables in force substituted, it is not a placeholder;
 * a reference to an ARG without a value counts, since `--build-arg` fills it with the secret.
 */
function storesSecret(
  value: string | null,
  env: ReadonlyMap<string, string>,
  unsetArgs: ReadonlySet<string>,
): boolean {
  if (value === null) return false;
  if ([...value.matchAll(REFERENCE)].some((match) => unsetArgs.has(match[1] as string))) return true;
  const resolved = substituteArgs(value, env);
  // A reference to nothing declared is empty at build time.
  const literal = resolved ?? value.replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '');
  return !isPlaceholder(literal);
}

function secretFinding(step: VariablesStep, names: string[], inFinalImage: boolean): RuleFinding | null {
  if (names.length === 0) return null;
  const where =
    step.keyword === 'ENV'
      ? 'is stored in the image config, visible to anyone who can pull the image'
      : 'is recorded in the image history and build provenance when passed with --build-arg';
  return {
    severity: inFinalImage ? 'warning' : 'notice',
    ...at(step),
    message: `${step.keyword} ${names.join(', ')} looks like a secret, and its value ${where}.`,
    fix: `Pass it with docker build --secret id=${(names[0] as string).toLowerCase()} and read it in RUN --mount=type=secret,id=${(names[0] as string).toLowerCase()},env=${names[0]} (or from /run/secrets/…) only where needed.`,
  };
}

/** ARGs are dangerous even without a default, since --build-arg fills them. */
function secretArgs(step: VariablesStep): string[] {
  return step.variables.filter((variable) => looksLikeSecret(variable.name)).map(({ name }) => name);
}

export const secretInEnv: Rule = {
  id: 'secret-in-env',
  title: 'Secret passed through ENV or ARG',
  why: 'ENV values are stored in the image and ARG values in its history; anyone who can pull the image can read them.',
  fix: 'Use build secrets: docker build --secret id=… and RUN --mount=type=secret,id=…, so the value never lands in a layer or in metadata.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    const push = (finding: RuleFinding | null) => finding && findings.push(finding);
    // A global ARG feeds every stage that redeclares it, the final one included.
    for (const step of model.globalArgs) push(secretFinding(step, secretArgs(step), true));
    const shipped = new Set(shippedStages(model));
    for (const stage of model.stages) {
      const unsetArgs = new Set<string>();
      for (const { step, env } of stepsInContext(model, stage)) {
        if (step.kind !== 'variables') continue;
        if (step.keyword === 'ARG') {
          push(secretFinding(step, secretArgs(step), shipped.has(stage)));
          for (const { name, value } of step.variables)
            if (value === null && !model.globalArgValues.get(name)) unsetArgs.add(name);
          continue;
        }
        // Only the shipped stages' ENV reaches the image config.
        if (!shipped.has(stage)) continue;
        const names = step.variables
          .filter(({ name, value }) => looksLikeSecret(name) && storesSecret(value, env, unsetArgs))
          .map(({ name }) => name);
        push(secretFinding(step, names, true));
      }
    }
    return findings;
  },
};
