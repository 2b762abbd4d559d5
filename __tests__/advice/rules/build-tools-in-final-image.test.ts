import { dockerfile, findingsOf, linesOf } from '../helpers.js';

describe('build-tools-in-final-image', () => {
  const RULE = 'build-tools-in-final-image';

  it('flags compilers and -dev packages in a single-stage build', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev=15.4-1 curl \\',
      '    && rm -rf /var/lib/apt/lists/*',
    );
    const [finding] = findingsOf(RULE, text);
    expect(finding).toMatchObject({ line: 2, endLine: 3, severity: 'warning' });
    expect(finding?.message).toContain('build-essential, libpq-dev');
    expect(finding?.message).not.toContain('curl');
  });

  it('flags apk build-base and python3-dev too', () => {
    const text = dockerfile('FROM python:3.12-alpine', 'RUN apk add --no-cache build-base python3-dev');
    expect(linesOf(RULE, text)).toEqual([2]);
  });

  it('looks at every shipped stage when the other stages build no Python packages', () => {
    const text = dockerfile(
      'FROM node:22 AS frontend',
      'RUN apt-get update && apt-get install -y --no-install-recommends g++ && rm -rf /var/lib/apt/lists/*',
      'RUN npm ci && npm run build',
      'FROM python:3.12-slim AS base',
      'RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*',
      'FROM base AS app',
      'RUN apk add --no-cache musl-dev',
      'COPY --from=frontend /app/dist /app/static',
      'RUN pip install --no-cache-dir -r requirements.txt',
    );
    const findings = findingsOf(RULE, text);
    expect(findings.map((finding) => finding.line)).toEqual([5, 7]);
    expect(findings[0]?.message).toContain('no builder stage builds the Python packages');
  });

  it('does not count a bare autoremove or purge --auto-remove as removing the build tools', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN apt-get update && apt-get install -y build-essential && pip install --no-cache-dir -r requirements.txt \\',
      '    && apt-get purge -y --auto-remove && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*',
      'RUN apt-get update && apt-get install -y gcc && pip install --no-cache-dir psutil \\',
      '    && apt-get purge -y --auto-remove gcc && rm -rf /var/lib/apt/lists/*',
    );
    expect(linesOf(RULE, text)).toEqual([2]);
  });

  it('follows packages held in ARG values, and their removal by the same variable', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'ARG BUILD_PACKAGES="build-essential libpq-dev"',
      'RUN apt-get update && apt-get install -y ${BUILD_PACKAGES} && pip install --no-cache-dir psycopg \\',
      '    && apt-get purge -y ${BUILD_PACKAGES} && rm -rf /var/lib/apt/lists/*',
      'RUN apt-get update && apt-get install -y $BUILD_PACKAGES && rm -rf /var/lib/apt/lists/*',
    );
    expect(linesOf(RULE, text)).toEqual([5]);
  });

  it('does not flag build deps purged in the same RUN, nor a builder stage that builds the Python packages', () => {
    const multiStage = dockerfile(
      'FROM python:3.12-slim AS build',
      'RUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*',
      'RUN pip wheel -w /wheels -r requirements.txt',
      'FROM python:3.12-slim',
      'RUN apt-get update && apt-get install -y libpq-dev && rm -rf /var/lib/apt/lists/*',
      'COPY --from=build /wheels /wheels',
    );
    const purged = dockerfile(
      'FROM python:3.12-alpine',
      'RUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install --no-cache-dir psycopg2 && apk del .build-deps',
    );
    expect([...linesOf(RULE, multiStage), ...linesOf(RULE, purged)]).toEqual([]);
  });

  it('keeps quiet where headers are likely kept for their libraries or compilers used at runtime', () => {
    const runtimeHeaders = dockerfile(
      'FROM python:3.12-alpine',
      'RUN apk add --no-cache libxml2-dev libxslt-dev',
      'RUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install --no-cache-dir lxml && apk del .build-deps',
    );
    const cudaBase = dockerfile(
      'ARG BASE=nvidia/cuda:12.4.1-runtime-ubuntu22.04',
      'FROM ${BASE}',
      'RUN apt-get update && apt-get install -y gcc python3-dev && rm -rf /var/lib/apt/lists/*',
    );
    const torchSettings = dockerfile(
      'FROM ubuntu:24.04',
      'ARG TORCH_CUDA_ARCH_LIST="8.0;8.6+PTX"',
      'RUN apt-get update && apt-get install -y build-essential && rm -rf /var/lib/apt/lists/*',
    );
    expect([
      ...linesOf(RULE, runtimeHeaders),
      ...linesOf(RULE, cudaBase),
      ...linesOf(RULE, torchSettings),
    ]).toEqual([]);
  });

  it('does not flag runtime libraries or packages held in unknown variables', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN apt-get update && apt-get install -y libpq5 udev $BUILD_DEPS && rm -rf /var/lib/apt/lists/*',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });
});
