import { parseDockerfile } from '../../src/dockerfile/model.js';
import { attributeLayers, cleanInstruction } from '../../src/report/layer-sources.js';
import type { ReportLayer } from '../../src/report/model.js';

/** The pip-small fixture, and the history `docker history --no-trunc` showed for its image. */
const DOCKERFILE = [
  'FROM 127.0.0.1:5000/python:3.11-slim',
  'WORKDIR /app',
  'COPY requirements.txt .',
  'RUN --mount=type=cache,target=/root/.cache/pip \\',
  '    pip install --no-index --find-links http://127.0.0.1:8765/ -r requirements.txt',
  'COPY src/ ./src/',
  'CMD ["python3", "-m", "src.app"]',
].join('\n');

const HISTORY = [
  '',
  'WORKDIR /app',
  'COPY requirements.txt . # buildkit',
  'RUN /bin/sh -c pip install --no-index --find-links http://127.0.0.1:8765/ -r requirements.txt # buildkit',
  'COPY src/ ./src/ # buildkit',
];

const layers = (history: string[]): ReportLayer[] =>
  history.map((createdBy, i) => ({ digest: `sha256:${i}`, bytes: i, compressedBytes: i, createdBy }));

describe('cleanInstruction', () => {
  it.each([
    ['COPY src/ ./src/ # buildkit', 'COPY src/ ./src/'],
    ['RUN /bin/sh -c pip install x # buildkit', 'RUN pip install x'],
    ['RUN |2 A=1 B= /bin/sh -c make   all # buildkit', 'RUN make all'],
    ['WORKDIR /app', 'WORKDIR /app'],
  ])('%j reads %j', (raw, clean) => {
    expect(cleanInstruction(raw)).toBe(clean);
  });
});

describe('attributeLayers', () => {
  it('pairs each layer with its line and labels the rest with the FROM image', () => {
    const result = attributeLayers(layers(HISTORY), parseDockerfile(DOCKERFILE), '');
    expect(result.map((l) => l.source?.line ?? l.baseImage)).toEqual([
      '127.0.0.1:5000/python:3.11-slim',
      2,
      3,
      4,
      6,
    ]);
    expect(result[3]!.source!.text).toBe(
      'RUN --mount=type=cache,target=/root/.cache/pip pip install --no-index --find-links http://127.0.0.1:8765/ -r requirements.txt',
    );
  });

  it('skips a WORKDIR that made no layer, and labels base layers built by BuildKit too', () => {
    const history = ['ADD file:abc in / ', 'RUN /bin/sh -c apt-get update # buildkit', ...HISTORY.slice(2)];
    const result = attributeLayers(layers(history), parseDockerfile(DOCKERFILE), '');
    expect(result.map((l) => l.source?.line ?? l.baseImage)).toEqual([
      '127.0.0.1:5000/python:3.11-slim',
      '127.0.0.1:5000/python:3.11-slim',
      3,
      4,
      6,
    ]);
  });

  it('follows the stage chain of the target, to the image its first stage starts from', () => {
    const dockerfile = parseDockerfile(
      [
        'FROM debian:12 AS os',
        'RUN apt-get install -y gcc',
        'FROM os AS app',
        'COPY . .',
        'FROM scratch',
        'COPY x /',
      ].join('\n'),
    );
    const result = attributeLayers(
      layers(['', 'RUN /bin/sh -c apt-get install -y gcc # buildkit', 'COPY . . # buildkit']),
      dockerfile,
      'app',
    );
    expect(result.map((l) => l.source?.line ?? l.baseImage)).toEqual(['debian:12', 2, 4]);
  });

  it('stops labelling at a layer no step explains, rather than guess', () => {
    const history = [...HISTORY.slice(0, 4), 'RUN /bin/sh -c something else # buildkit'];
    const result = attributeLayers(layers(history), parseDockerfile(DOCKERFILE), '');
    expect(result.every((l) => l.source === undefined && l.baseImage === undefined)).toBe(true);
  });
});
