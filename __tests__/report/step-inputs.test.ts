import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { BuildProgress } from '../../src/buildx/progress.js';
import { parseDockerfile } from '../../src/dockerfile/model.js';
import { missReasons } from '../../src/report/miss-reasons.js';
import {
  baseImageDigests,
  imageKey,
  MAX_LISTED_FILES,
  planStepInputs,
  reachedBy,
  recordStepInputs,
  withFiles,
} from '../../src/report/step-inputs.js';
import { baseReport } from './sample-reports.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const OTHER = `sha256:${'cd'.repeat(32)}`;

const DOCKERFILE = [
  'FROM python:3.11-slim AS deps',
  'ARG PIP_INDEX=https://pypi.org/simple',
  'ARG NPM_TOKEN',
  'WORKDIR /app',
  'COPY requirements.txt .',
  'RUN --mount=type=secret,id=netrc pip install -r requirements.txt',
  'ENV X=1',
  'COPY app/ ./app/',
  'FROM deps AS final',
  'COPY --from=deps /app /srv',
  'FROM alpine AS test',
  'RUN true',
].join('\n');

describe('planStepInputs', () => {
  const model = parseDockerfile(DOCKERFILE, [], { target: 'final' });
  const planned = planStepInputs(model, new Map([['PIP_INDEX', 'https://mirror.local/simple']]), new Map());

  it('labels and numbers steps as BuildKit does, for the stages the build needs', () => {
    expect(planned.map((p) => `${p.inputs.stage} ${p.inputs.position} ${p.inputs.text}`)).toEqual([
      'deps 1 FROM python:3.11-slim AS deps',
      'deps 2 WORKDIR /app',
      'deps 3 COPY requirements.txt .',
      'deps 4 RUN --mount=type=secret,id=netrc pip install -r requirements.txt',
      'deps 5 COPY app/ ./app/',
      // Built on an earlier stage: BuildKit does not count the FROM.
      'final 0 FROM deps AS final',
      'final 1 COPY --from=deps /app /srv',
    ]);
  });

  it('records the build args a RUN reads by name and digest, never a value, none for a secret-like name', () => {
    const run = planned[3]!.inputs;
    expect(run.args?.map(([name]) => name)).toEqual(['NPM_TOKEN', 'PIP_INDEX']);
    expect(run.args?.[0]?.[1]).toBe('');
    expect(run.args?.[1]?.[1]).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(planned)).not.toContain('mirror.local');
    expect(run.secrets).toEqual(['netrc']);
    // Another value, another digest.
    const other = planStepInputs(model, new Map([['PIP_INDEX', 'https://other/simple']]), new Map());
    expect(other[3]!.inputs.args?.[1]?.[1]).not.toBe(run.args?.[1]?.[1]);
  });

  it('takes context sources from COPY and nothing from COPY --from', () => {
    expect(planned.map((p) => p.sources)).toEqual([[], [], ['requirements.txt'], [], ['app'], [], []]);
  });
});

describe('withFiles', () => {
  it('lists the files a step takes with a digest over all, capped', () => {
    const digests = new Map(
      Array.from({ length: MAX_LISTED_FILES + 2 }, (_, i) => [`app/f${1000 + i}.py`, 'x']),
    );
    digests.set('README.md', 'r');
    const [step] = withFiles(
      [{ inputs: { stage: '', position: 2, line: 2, text: 'COPY app/ .' }, sources: ['app'] }],
      digests,
    );
    expect(step?.files).toHaveLength(MAX_LISTED_FILES);
    expect(step?.moreFiles).toBe(2);
    expect(step?.files?.some(([file]) => file === 'README.md')).toBe(false);
    expect(step?.filesDigest).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('reachedBy', () => {
  it('walks only the directories the sources can take files from', () => {
    const reaches = reachedBy(['requirements.txt', 'app', 'web/src/*.ts']);
    expect(['app', 'app/pkg', 'web', 'web/src'].every(reaches)).toBe(true);
    expect(['node_modules', 'docs', 'web/public', 'application'].some(reaches)).toBe(false);
    expect(reachedBy([''])('anything/deep')).toBe(true);
    expect(reachedBy(['*/x'])('a')).toBe(true);
  });
});

describe('baseImageDigests', () => {
  it('reads provenance materials, then the FROM step names', () => {
    const metadata = JSON.stringify({
      'buildx.build.provenance': {
        materials: [
          {
            uri: 'pkg:docker/127.0.0.1%3A5000/python@3.11-slim?platform=linux%2Famd64',
            digest: { sha256: 'ab'.repeat(32) },
          },
        ],
      },
    });
    const digests = baseImageDigests(metadata, [`[stage-1 1/2] FROM docker.io/library/alpine:3.20@${OTHER}`]);
    expect(digests.get(imageKey('127.0.0.1:5000/python:3.11-slim'))).toBe(DIGEST);
    expect(digests.get(imageKey('alpine:3.20'))).toBe(OTHER);
    expect(baseImageDigests('not json', []).size).toBe(0);
  });
});

describe('recordStepInputs', () => {
  let context: string;
  beforeEach(() => {
    context = mkdtempSync(path.join(tmpdir(), 'dfb-step-inputs-'));
    mkdirSync(path.join(context, 'app'));
    writeFileSync(path.join(context, 'app/main.py'), 'print(1)\n');
    writeFileSync(path.join(context, 'app/secret.env'), 'x\n');
    writeFileSync(path.join(context, 'requirements.txt'), 'flask\n');
    writeFileSync(path.join(context, '.dockerignore'), 'app/*.env\n');
    writeFileSync(path.join(context, 'Dockerfile'), 'FROM python:3.11-slim\nCOPY . .\n');
  });
  afterEach(() => rmSync(context, { recursive: true, force: true }));

  const record = () =>
    recordStepInputs({
      model: parseDockerfile('FROM python:3.11-slim\nCOPY . .\n'),
      contextDir: context,
      dockerfile: path.join(context, 'Dockerfile'),
      buildArgs: [],
      env: {},
      metadata: '{}',
      stepNames: [`[1/2] FROM docker.io/library/python:3.11-slim@${DIGEST}`],
    });

  it('hashes the files a COPY takes by content, leaving out what .dockerignore excludes', async () => {
    const before = await record();
    expect(before[0]).toMatchObject({ image: 'python:3.11-slim', imageDigest: DIGEST });
    expect(before[1]?.files?.map(([file]) => file)).toEqual([
      '.dockerignore',
      'Dockerfile',
      'app/main.py',
      'requirements.txt',
    ]);
    writeFileSync(path.join(context, 'app/main.py'), 'print(2)\n');
    const after = await record();
    const digestOf = (steps: typeof before) => new Map(steps[1]?.files).get('app/main.py');
    expect(digestOf(after)).not.toBe(digestOf(before));
    expect(after[1]?.filesDigest).not.toBe(before[1]?.filesDigest);
  });
});

describe('step inputs against a real BuildKit log', () => {
  const fixtures = path.join(import.meta.dirname, '..', 'fixtures');
  let project: string;
  beforeEach(() => {
    project = mkdtempSync(path.join(tmpdir(), 'dfb-step-inputs-pip-'));
    cpSync(path.join(fixtures, 'projects', 'pip-small'), project, { recursive: true });
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it('labels the steps as the recorded build of pip-small names them, so a code change is found', async () => {
    const progress = new BuildProgress();
    for (const line of readFileSync(path.join(fixtures, 'rawjson', 'cold.jsonl'), 'utf8').split('\n'))
      progress.feed(line);
    const dockerfile = path.join(project, 'Dockerfile');
    const record = () =>
      recordStepInputs({
        model: parseDockerfile(readFileSync(dockerfile, 'utf8')),
        contextDir: project,
        dockerfile,
        buildArgs: [],
        env: {},
        metadata: '{}',
        stepNames: progress.fromSteps,
      });
    const before = await record();
    expect(before[0]?.imageDigest).toMatch(/^sha256:af241421456d/);
    writeFileSync(path.join(project, 'src', 'app.py'), 'print("changed")\n');
    const now = baseReport();
    now.build.steps = progress.steps;
    now.build.stepInputs = await record();
    const base = baseReport();
    base.build.stepInputs = before;
    const reasons = missReasons(now, base, { noCache: false, noCacheFilters: [] });
    // The cold build ran every step: the first read what it read before and starts the chain; the COPY
    // of src/ took a changed file, which comes before the chain.
    expect(reasons.map((r) => [r.step.slice(0, 24), r.kind, r.names])).toEqual([
      ['WORKDIR /app', 'cache-empty', undefined],
      ['COPY requirements.txt .', 'earlier', undefined],
      ['RUN --mount=type=cache,t', 'earlier', undefined],
      ['COPY src/ ./src/', 'files', ['src/app.py']],
    ]);
  });
});
