import type { VariablesStep } from '../../dockerfile/model.js';
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

function secretFinding(step: VariablesStep, inFinalImage: boolean): RuleFinding | null {
  // An ENV with an empty value or a file path bakes no secret in; an ARG is dangerous even without a default,
  // since --build-arg fills it.
  const names = step.variables
    .filter(
      (variable) =>
        looksLikeSecret(variable.name) &&
        (step.keyword === 'ARG' || (Boolean(variable.value) && !variable.value?.startsWith('/'))),
    )
    .map((variable) => variable.name);
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

export const secretInEnv: Rule = {
  id: 'secret-in-env',
  title: 'Secret passed through ENV or ARG',
  why: 'ENV values are stored in the image and ARG values in its history; anyone who can pull the image can read them.',
  fix: 'Use build secrets: docker build --secret id=… and RUN --mount=type=secret,id=…, so the value never lands in a layer or in metadata.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    // A global ARG feeds every stage that redeclares it, the final one included.
    for (const step of model.globalArgs) {
      const finding = secretFinding(step, true);
      if (finding) findings.push(finding);
    }
    for (const stage of model.stages) {
      for (const step of stage.steps) {
        if (step.kind !== 'variables') continue;
        const finding = secretFinding(step, stage.role === 'shipped');
        if (finding) findings.push(finding);
      }
    }
    return findings;
  },
};
