// The fresh-builder floor's Dockerfile: every base image the fixture builds FROM unpacked by one RUN,
// and nothing else.
import { baseImages, floorDockerfile } from '../../scripts/bench/floor.js';

describe('floorDockerfile', () => {
  it('unpacks the one base image of a one-stage Dockerfile', () => {
    const dockerfile = `FROM 127.0.0.1:5000/python:3.11-gcc
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
`;
    expect(floorDockerfile(dockerfile)).toBe('FROM 127.0.0.1:5000/python:3.11-gcc\nRUN true\n');
  });

  it('skips scratch and its own stages, keeps --platform and names each image once', () => {
    const dockerfile = `FROM python:3.12 AS build
RUN pip wheel -w /wheels .
FROM --platform=$BUILDPLATFORM golang:1.22 AS tools
FROM build AS test
FROM scratch AS empty
FROM python:3.12 AS again
FROM python:3.12-slim
COPY --from=build /wheels /wheels
COPY --from=tools /go/bin/x /usr/local/bin/x
`;
    expect(baseImages(dockerfile)).toEqual([
      { image: 'python:3.12', platform: null },
      { image: 'golang:1.22', platform: '$BUILDPLATFORM' },
      { image: 'python:3.12-slim', platform: null },
    ]);
  });

  it('unpacks several images in one build: each stage mounted into the last RUN', () => {
    expect(
      floorDockerfile(`FROM python:3.12 AS a
FROM --platform=$BUILDPLATFORM golang:1.22 AS b
FROM a AS c
FROM python:3.12
FROM scratch
`),
    ).toBe(`FROM python:3.12 AS floor-0
RUN true
FROM --platform=$BUILDPLATFORM golang:1.22
RUN --mount=from=floor-0,target=/floor-0 true
`);
  });

  it('resolves ARGs in FROM and keeps the global ARGs for a --platform that names one', () => {
    const dockerfile = `ARG BASE=python:3.12-slim
ARG ARCH=linux/arm64
FROM --platform=\${ARCH} \${BASE}
RUN true
`;
    expect(floorDockerfile(dockerfile)).toBe(
      'ARG BASE=python:3.12-slim\nARG ARCH=linux/arm64\nFROM --platform=${ARCH} python:3.12-slim\nRUN true\n',
    );
  });

  it('says which FROM it cannot resolve', () => {
    expect(() => floorDockerfile('ARG BASE\nFROM ${BASE}\n')).toThrow("'FROM ${BASE}'");
  });

  it('has nothing to unpack for a Dockerfile of scratch and its own stages', () => {
    expect(floorDockerfile('FROM scratch AS a\nCOPY x /x\nFROM a\n')).toBeNull();
  });
});
