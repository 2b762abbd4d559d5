import { dockerfile, findingsOf, linesOf } from '../helpers.js';

describe('unpinned-base', () => {
  const RULE = 'unpinned-base';

  it('flags missing and latest tags in any stage', () => {
    const text = dockerfile(
      'FROM python AS build',
      'FROM --platform=$BUILDPLATFORM ghcr.io/acme/tools:latest AS tools',
      'FROM python:3.12-slim',
    );
    expect(findingsOf(RULE, text).map((finding) => [finding.line, finding.severity])).toEqual([
      [1, 'warning'],
      [2, 'warning'],
    ]);
  });

  it('ignores scratch, stage names, digests and ARGs without default', () => {
    const text = dockerfile(
      'ARG TOOLS_IMAGE',
      'FROM python@sha256:0123456789abcdef AS base',
      'FROM ${TOOLS_IMAGE} AS tools',
      'FROM Base AS build',
      'FROM scratch',
      'COPY --from=build /app /app',
    );
    expect(linesOf(RULE, text)).toEqual([]);
  });

  it('resolves FROM through global ARG defaults', () => {
    const text = dockerfile('ARG PYTHON=python', 'FROM $PYTHON');
    expect(linesOf(RULE, text)).toEqual([2]);
  });
});
