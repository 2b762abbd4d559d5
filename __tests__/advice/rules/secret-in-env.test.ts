import { looksLikeSecret } from '../../../src/advice/rules/secret-in-env.js';
import { adviseDockerfile } from '../../../src/advice/advise.js';
import { parseDockerfile } from '../../../src/dockerfile/model.js';
import { dockerfile, findingsOf, linesOf } from '../helpers.js';

describe('looksLikeSecret', () => {
  it.each([
    'GITHUB_TOKEN',
    'NPM_TOKEN',
    'DB_PASSWORD',
    'PASSWORD',
    'AWS_SECRET_ACCESS_KEY',
    'STRIPE_API_KEY',
    'OPENAI_APIKEY',
    'DJANGO_SECRET_KEY',
    'SSH_PRIVATE_KEY',
    'client_secret',
    'authToken',
  ])('%s is a secret name', (name) => {
    expect(looksLikeSecret(name)).toBe(true);
  });

  it.each([
    'TOKENIZERS_PARALLELISM',
    'PASSWORD_FILE',
    'POSTGRES_PASSWORD_FILE',
    'TOKEN_URL',
    'SECRET_NAME',
    'MAX_TOKENS',
    'KEY',
    'PUBLIC_KEY',
    'API_KEY_ID',
    'PIP_NO_CACHE_DIR',
    'BYPASS',
  ])('%s is not', (name) => {
    expect(looksLikeSecret(name)).toBe(false);
  });
});

describe('secret-in-env', () => {
  const RULE = 'secret-in-env';

  it('flags secret-looking ENV values and ARGs, global ones included', () => {
    const text = dockerfile(
      'ARG NPM_TOKEN',
      'FROM node:20-slim',
      'ARG NPM_TOKEN',
      'ENV API_TOKEN=${NPM_TOKEN} NODE_ENV=production',
    );
    const findings = findingsOf(RULE, text);
    expect(findings.map((finding) => finding.line)).toEqual([1, 3, 4]);
    expect(findings[2]?.message).toContain('ENV API_TOKEN');
    expect(findings[2]?.message).not.toContain('NODE_ENV');
    expect(findings[2]?.fix).toContain('--mount=type=secret');
  });

  it('is a notice in a stage that does not reach the final image', () => {
    const text = dockerfile(
      'FROM python:3.12-slim AS build',
      'ARG PYPI_PASSWORD',
      'FROM python:3.12-slim',
      'COPY --from=build /wheels /wheels',
    );
    expect(findingsOf(RULE, text).map((finding) => finding.severity)).toEqual(['notice']);
  });

  it('does not flag empty ENV values, secret file paths or look-alike names', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'ENV TOKENIZERS_PARALLELISM=false HF_TOKEN=',
      'ENV DB_PASSWORD=/run/secrets/db_password',
      'ENV POSTGRES_PASSWORD_FILE=/run/secrets/pg',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });

  it.each([
    'no',
    '""',
    "''",
    'changeme',
    'none',
    'false',
    'disabled',
    '<your-key>',
    'xxxx',
    '${UNDECLARED}',
    '${DB_PASS:-changeme}',
  ])('takes ENV API_KEY=%s for a placeholder', (value) => {
    const text = dockerfile('FROM python:3.12-slim', `ENV GOOGLE_API_KEY=${value}`);
    expect(linesOf(RULE, text)).toEqual([]);
  });

  it.each(['django-insecure-7d1f0b2a9c', 'dummy-key-for-collectstatic', 'example_token_123'])(
    'takes a value that declares itself a dummy (%s) for a placeholder',
    (value) => {
      expect(linesOf(RULE, dockerfile('FROM python:3.12-slim', `ENV SECRET_KEY=${value}`))).toEqual([]);
    },
  );

  it('still flags a real value, and a reference to an ARG the build fills', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'ENV GOOGLE_API_KEY=AIzaSyD3x4mpl3',
      'ARG HF_TOKEN',
      'ENV HF_TOKEN=${HF_TOKEN}',
      'ARG DEFAULT_DB=changeme',
      'ENV DB_PASSWORD=$DEFAULT_DB',
    );
    expect(linesOf(RULE, text)).toEqual([2, 3, 4]);
  });

  it('does not say an ENV of a stage that never ships is stored in the image config', () => {
    const text = dockerfile(
      'FROM python:3.12 AS build',
      'ENV PYPI_TOKEN=pypi-AgEIcHlwaS5vcmc',
      'RUN pip wheel -w /wheels -r requirements.txt',
      'FROM python:3.12-slim',
      'COPY --from=build /wheels /wheels',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });

  it('follows the target: the last stage does not ship when another is built', () => {
    const text = dockerfile(
      'FROM python:3.12-slim AS app',
      'ENV STRIPE_API_KEY=sk_live_abc',
      'FROM app AS test',
      'ENV DB_PASSWORD=hunter2x',
    );
    const findings = adviseDockerfile({
      dockerfilePath: 'Dockerfile',
      dockerfile: parseDockerfile(text, [], { target: 'app' }),
      context: null,
      disabledRules: [],
    }).filter((finding) => finding.rule === RULE);
    expect(findings.map((finding) => finding.line)).toEqual([2]);
  });
});
