import { baseDistribution } from '../../../src/advice/rules/dev-packages-in-final-image.js';
import { dockerfile, findingsOf, linesOf } from '../helpers.js';

const BUILDER = [
  'FROM python:3.12-slim AS builder',
  'RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*',
  'RUN pip wheel --no-cache-dir -w /wheels -r requirements.txt',
];

describe('dev-packages-in-final-image', () => {
  const RULE = 'dev-packages-in-final-image';

  it('names the runtime library of a -dev package kept in the final stage', () => {
    const text = dockerfile(
      ...BUILDER,
      'FROM python:3.12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends libxrender-dev libpq-dev && rm -rf /var/lib/apt/lists/*',
      'COPY --from=builder /wheels /wheels',
    );
    const [finding] = findingsOf(RULE, text);
    expect(finding).toMatchObject({ line: 5, severity: 'warning' });
    expect(finding?.message).toContain('built in stage `builder`');
    expect(finding?.message).toContain('libxrender-dev → libxrender1, libpq-dev → libpq5');
  });

  it('says it is unsure where it knows no runtime library, or for compilers', () => {
    const text = dockerfile(
      ...BUILDER,
      'FROM python:3.12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends libfoo-dev && rm -rf /var/lib/apt/lists/*',
      'RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*',
      'COPY --from=builder /wheels /wheels',
    );
    const findings = findingsOf(RULE, text);
    expect(findings.map((finding) => [finding.line, finding.severity])).toEqual([
      [5, 'notice'],
      [6, 'notice'],
    ]);
    expect(findings[0]?.message).toContain('If nothing compiles at runtime');
    expect(findings[1]?.message).toContain('only if something compiles at runtime');
  });

  it('leaves builds without a Python builder stage to build-tools-in-final-image', () => {
    const text = dockerfile(
      'FROM node:22 AS web',
      'RUN npm ci && npm run build',
      'FROM python:3.12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev && rm -rf /var/lib/apt/lists/*',
      'COPY --from=web /app/dist /static',
    );
    expect(linesOf(RULE, text)).toEqual([]);
    expect(linesOf('build-tools-in-final-image', text)).toEqual([4]);
  });

  it('does not flag runtime libraries, packages removed in the same RUN, or the builder itself', () => {
    const text = dockerfile(
      ...BUILDER,
      'FROM python:3.12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends libpq5 libxrender1 && rm -rf /var/lib/apt/lists/*',
      'RUN apt-get update && apt-get install -y gcc && pip install --no-cache-dir x && apt-get purge -y gcc',
      'COPY --from=builder /wheels /wheels',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });
});

describe('dev-packages-in-final-image on compilers installed on purpose', () => {
  it('stays quiet on a compiler the final stage installs behind a build argument', () => {
    const text = dockerfile(
      ...BUILDER,
      'FROM python:3.12-slim',
      'ARG WITH_JIT=false',
      'RUN if [ "$WITH_JIT" = "true" ]; then apt-get update && apt-get install -y --no-install-recommends gcc g++ && rm -rf /var/lib/apt/lists/*; fi',
      'RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev && rm -rf /var/lib/apt/lists/*',
      'COPY --from=builder /wheels /wheels',
    );
    expect(linesOf('dev-packages-in-final-image', text)).toEqual([7]);
    expect(linesOf('build-tools-in-final-image', text)).toEqual([]);
  });
});

describe('runtime library names by distribution', () => {
  it.each([
    ['ubuntu:22.04', { family: 'ubuntu', release: 'jammy' }],
    ['nvidia/cuda:12.4.1-runtime-ubuntu24.04', { family: 'ubuntu', release: 'noble' }],
    ['python:3.12-slim-bookworm', { family: 'debian', release: 'bookworm' }],
    ['python:3.12-slim', { family: 'debian', release: null }],
    ['ubuntu', { family: 'ubuntu', release: null }],
    ['python:3.12-alpine', null],
    ['ghcr.io/acme/base:1.4', null],
  ])('%s is %j', (image, expected) => {
    expect(baseDistribution(image)).toEqual(expected);
  });

  const finalOn = (base: string) =>
    dockerfile(
      ...BUILDER,
      `FROM ${base}`,
      'RUN apt-get update && apt-get install -y --no-install-recommends libjpeg-dev libssl-dev && rm -rf /var/lib/apt/lists/*',
      'COPY --from=builder /wheels /wheels',
    );

  it('suggests Ubuntu names on an Ubuntu base and Debian names on a Debian one', () => {
    expect(findingsOf('dev-packages-in-final-image', finalOn('ubuntu:22.04'))[0]?.message).toContain(
      'libjpeg-dev → libjpeg-turbo8, libssl-dev → libssl3',
    );
    expect(
      findingsOf('dev-packages-in-final-image', finalOn('python:3.12-slim-bookworm'))[0]?.message,
    ).toContain('libjpeg-dev → libjpeg62-turbo, libssl-dev → libssl3');
  });

  it('names no soname-bound library when the tag does not say the release', () => {
    const message = findingsOf('dev-packages-in-final-image', finalOn('python:3.12-slim'))[0]?.message;
    expect(message).toContain('libjpeg-dev → libjpeg62-turbo.');
    expect(message).not.toContain('libssl3');
  });
});
