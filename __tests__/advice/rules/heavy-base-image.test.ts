import { adviseDockerfile } from '../../../src/advice/advise.js';
import { parseDockerfile } from '../../../src/dockerfile/model.js';
import { parseImageRef } from '../../../src/dockerfile/image-ref.js';
import { slimTagFor } from '../../../src/advice/rules/heavy-base-image.js';
import { dockerfile, findingsOf, linesOf } from '../helpers.js';

describe('slimTagFor', () => {
  it.each([
    ['python:3.11', '3.11-slim'],
    ['python:3.11.4-bookworm', '3.11.4-slim-bookworm'],
    ['python:3.13.0rc1', '3.13.0rc1-slim'],
    ['python', 'slim'],
    ['python:bookworm', 'slim-bookworm'],
    ['docker.io/library/python:3.12', '3.12-slim'],
    ['mirror.gcr.io/library/python:3.12', '3.12-slim'],
    ['127.0.0.1:5000/python:3.12', '3.12-slim'],
    ['node:20', '20-slim'],
    ['node:20-bookworm', '20-bookworm-slim'],
    ['node:lts', 'lts-slim'],
    ['ruby:3.3-bookworm', '3.3-slim-bookworm'],
  ])('%s → %s', (image, slim) => {
    expect(slimTagFor(parseImageRef(image) ?? fail(image))).toBe(slim);
  });

  it.each([
    'python:3.11-slim',
    'python:3.11-slim-bookworm',
    'python:3.11-alpine',
    'python:3.12-windowsservercore-ltsc2022',
    'node:20-alpine',
    'node:20-bookworm-slim',
    'ghcr.io/acme/python:3.11',
    'acme/python:3.11',
    'debian:bookworm',
    'python:3.11-custom',
  ])('has no advice for %s', (image) => {
    expect(slimTagFor(parseImageRef(image) ?? fail(image))).toBeNull();
  });
});

function fail(image: string): never {
  throw new Error(`unparsable ${image}`);
}

describe('heavy-base-image', () => {
  const RULE = 'heavy-base-image';

  it('flags a full image in the final stage and suggests the slim tag', () => {
    const text = dockerfile('FROM python:3.11-bookworm', 'COPY . /app');
    const [finding] = findingsOf(RULE, text);
    expect(finding).toMatchObject({ line: 1, severity: 'warning' });
    expect(finding?.fix).toContain('python:3.11-slim-bookworm');
  });

  it('allows a full image in a builder stage', () => {
    const text = dockerfile(
      'FROM python:3.12 AS build',
      'RUN pip wheel --no-cache-dir -w /wheels flask',
      'FROM python:3.12-slim',
      'COPY --from=build /wheels /wheels',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });

  it('follows the final stage back to the image it starts from', () => {
    const text = dockerfile('FROM node:20 AS base', 'FROM base AS runtime', 'CMD ["node", "index.js"]');
    const [finding] = findingsOf(RULE, text);
    expect(finding?.line).toBe(1);
    expect(finding?.message).toContain('"runtime"');
    expect(finding?.fix).toContain('node:20-slim');
  });

  it('resolves an ARG default in FROM, and stays quiet when the ARG has none', () => {
    const resolved = dockerfile('ARG BASE=docker.io/library/python:3.12', 'FROM ${BASE}');
    const unresolved = dockerfile('ARG BASE', 'FROM ${BASE}');
    expect(findingsOf(RULE, resolved)[0]?.fix).toContain('docker.io/library/python:3.12-slim');
    expect(linesOf(RULE, unresolved)).toEqual([]);
  });
});

describe('heavy-base-image with a target', () => {
  it('looks at the stage the target names, not the last one', () => {
    const text = dockerfile(
      'FROM python:3.12 AS app',
      'RUN true',
      'FROM python:3.12-slim AS tiny',
      'RUN true',
    );
    const lines = (target?: string) =>
      adviseDockerfile({
        dockerfilePath: 'Dockerfile',
        dockerfile: parseDockerfile(text, [], target ? { target } : {}),
        context: null,
        disabledRules: [],
      })
        .filter((finding) => finding.rule === 'heavy-base-image')
        .map((finding) => finding.line);
    expect(lines()).toEqual([]);
    expect(lines('app')).toEqual([1]);
  });
});
