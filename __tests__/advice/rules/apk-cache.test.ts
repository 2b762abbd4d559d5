import { dockerfile, findingsOf, linesOf } from '../helpers.js';

describe('apk-cache', () => {
  const RULE = 'apk-cache';

  it('flags apk add and apk update without --no-cache in shipped stages', () => {
    const text = dockerfile(
      'FROM python:3.12-alpine',
      'RUN apk add curl',
      'RUN apk update && apk upgrade --no-cache',
      'RUN apk add --virtual .build-deps gcc musl-dev && pip install --no-cache-dir psutil && apk del .build-deps',
    );
    const findings = findingsOf(RULE, text);
    expect(findings.map((finding) => finding.line)).toEqual([2, 3, 4]);
    expect(findings[1]?.message).toContain('`apk update`');
  });

  it.each([
    ['--no-cache', 'RUN apk add --no-cache curl'],
    ['a cache mount', 'RUN --mount=type=cache,target=/var/cache/apk apk add curl'],
    ['rm of the cache in the same RUN', 'RUN apk update && apk add curl && rm -rf /var/cache/apk/*'],
    ['apk del alone', 'RUN apk del curl'],
  ])('does not flag %s', (_case, run) => {
    expect(linesOf(RULE, dockerfile('FROM alpine:3.20', run))).toEqual([]);
  });

  it('stays silent in builder stages', () => {
    const text = dockerfile(
      'FROM golang:1.23-alpine AS build',
      'RUN apk add git',
      'FROM alpine:3.20',
      'COPY --from=build /go/bin/app /app',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });
});
