import { readFileSync } from 'node:fs';
import path from 'node:path';

import { BuildProgress, describeEvent, stepRecord, type ProgressEvent } from '../../src/buildx/progress.js';
import { baseImageDigests, imageKey } from '../../src/report/step-inputs.js';

// Trimmed `--progress=rawjson` output of real builds of the pip-small fixture.
const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'rawjson');

function replay(name: string): { progress: BuildProgress; events: ProgressEvent[] } {
  const progress = new BuildProgress();
  const events: ProgressEvent[] = [];
  for (const line of readFileSync(path.join(fixtures, name), 'utf8').split('\n')) {
    events.push(...progress.feed(line));
  }
  return { progress, events };
}

/** One rawjson line for the given vertices. */
function vertexLine(...vertexes: Record<string, unknown>[]): string {
  return JSON.stringify({ vertexes });
}

function logLine(vertex: string, text: string): string {
  return JSON.stringify({ logs: [{ vertex, stream: 1, data: Buffer.from(text).toString('base64') }] });
}

const DIGEST = 'sha256:0000000000000000000000000000000000000000000000000000000000000001';
const PIP_STEP =
  '[stage-0 4/5] RUN --mount=type=cache,target=/root/.cache/pip     pip install --no-index --trusted-host 127.0.0.1 --find-links http://127.0.0.1:8765/ -r requirements.txt';
const STEP_NAMES = [
  '[stage-0 2/5] WORKDIR /app',
  '[stage-0 3/5] COPY requirements.txt .',
  PIP_STEP,
  '[stage-0 5/5] COPY src/ ./src/',
];

describe('BuildProgress on a cold build', () => {
  const { progress, events } = replay('cold.jsonl');

  it('lists the Dockerfile steps in order, without [internal], FROM, cache import or export', () => {
    expect(progress.steps.map((s) => s.name)).toEqual(STEP_NAMES);
  });

  it('keeps the FROM step apart, with the base image digest BuildKit resolved', () => {
    expect(progress.fromSteps).toEqual([
      expect.stringMatching(
        /^\[stage-0 1\/5\] FROM 127\.0\.0\.1:5000\/python:3\.11-slim@sha256:[0-9a-f]{64}$/,
      ),
    ]);
    const digests = baseImageDigests('{}', progress.fromSteps);
    expect(digests.get(imageKey('127.0.0.1:5000/python:3.11-slim'))).toMatch(/^sha256:af241421456d/);
  });

  it('counts none of the steps as cached', () => {
    expect(progress.steps.filter((s) => s.cached)).toHaveLength(0);
    expect(progress.steps).toHaveLength(4);
  });

  it('times every finished step', () => {
    for (const step of progress.steps) expect(step.seconds).toEqual(expect.any(Number));
    const pip = progress.steps.find((s) => s.name === PIP_STEP);
    expect(pip?.seconds).toBeGreaterThan(0.5);
  });

  it('does not call a cache manifest that is not found yet a problem', () => {
    expect(progress.cacheProblems).toEqual([]);
  });

  it('has no error on a build that succeeded', () => {
    expect(progress.firstError).toBeUndefined();
  });

  it('reports each vertex completed once, even when BuildKit re-sends it', () => {
    const completed = events.filter((e) => e.kind === 'completed').map((e) => e.vertex.digest);
    expect(new Set(completed).size).toBe(completed.length);
    expect(completed.length).toBeGreaterThanOrEqual(12);
  });

  it('decodes the build log and numbers it after the vertex, like --progress=plain', () => {
    const logs = events.filter((e) => e.kind === 'log');
    expect(logs.length).toBeGreaterThan(0);
    const lines = logs.flatMap(describeEvent);
    expect(lines[0]).toBe('#5 Looking in links: http://127.0.0.1:8765/');
    expect(lines[1]).toBe('#5 Collecting numpyish==1.0.0');
  });
});

describe('BuildProgress on a warm build with a dead cache registry', () => {
  const { progress, events } = replay('warm-dead-registry.jsonl');

  it('counts three of four steps as cached', () => {
    expect(progress.steps.map((s) => s.name)).toEqual(STEP_NAMES);
    expect(progress.steps.map((s) => s.cached)).toEqual([true, true, true, false]);
  });

  it('reports the failed import naming the dead registry ref, and the failed export', () => {
    const problems = progress.cacheProblems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toEqual({
      direction: 'import',
      ref: '127.0.0.1:5999/pip-app:buildcache-main',
      error: expect.stringContaining('dial tcp 127.0.0.1:5999: connect: connection refused'),
    });
    expect(problems[1]).toEqual({
      direction: 'export',
      ref: undefined,
      error: expect.stringContaining('error writing layer blob'),
    });
  });

  it('does not treat cache failures as the build error', () => {
    expect(progress.firstError).toBeUndefined();
  });

  it('describes the failed import as an ERROR line', () => {
    const failed = events.find(
      (e) => e.kind === 'completed' && e.vertex.name.includes('127.0.0.1:5999') && e.vertex.error,
    );
    expect(failed).toBeDefined();
    const [line] = describeEvent(failed as ProgressEvent);
    expect(line).toMatch(
      /^#\d+ importing cache manifest from 127\.0\.0\.1:5999\/pip-app:buildcache-main ERROR: failed to configure registry cache importer: /,
    );
  });

  it('describes a cached step as CACHED', () => {
    const workdir = events.find(
      (e) => e.kind === 'completed' && e.vertex.name === '[stage-0 2/5] WORKDIR /app',
    );
    expect(workdir).toBeDefined();
    expect(describeEvent(workdir as ProgressEvent)).toEqual([
      `#${(workdir as ProgressEvent).vertex.number} [stage-0 2/5] WORKDIR /app CACHED`,
    ]);
  });
});

describe('BuildProgress.feed', () => {
  it('ignores lines that are not JSON', () => {
    const progress = new BuildProgress();
    expect(progress.feed('#1 [internal] load build definition from Dockerfile')).toEqual([]);
    expect(progress.feed('ERROR: failed to solve: process did not complete')).toEqual([]);
    expect(progress.feed('')).toEqual([]);
    expect(progress.feed('{"vertexes": [')).toEqual([]);
    expect(progress.feed('null')).toEqual([]);
    expect(progress.feed('42')).toEqual([]);
    expect(progress.steps).toEqual([]);
  });

  it('leaves out a vertex without a digest and a field of the wrong type, and reads the rest of the line', () => {
    const progress = new BuildProgress();
    const events = progress.feed(
      vertexLine(
        { name: '[stage-0 2/2] RUN no digest', completed: '2026-12-05T00:00:01Z' },
        {
          digest: DIGEST,
          name: 42,
          cached: 'yes',
          started: '2026-12-05T00:00:00Z',
          completed: '2026-12-05T00:00:01Z',
        },
      ),
    );
    expect(events.map((event) => event.vertex)).toEqual([
      {
        digest: DIGEST,
        name: '',
        number: 1,
        cached: false,
        started: '2026-12-05T00:00:00Z',
        completed: '2026-12-05T00:00:01Z',
      },
    ]);
    expect(
      progress.feed(JSON.stringify({ logs: [{ data: 'eA==' }, { vertex: DIGEST, data: 'eA==' }] })),
    ).toEqual([{ kind: 'log', vertex: events[0]!.vertex, text: 'x' }]);
  });

  it('numbers vertices by first appearance and merges later updates', () => {
    const progress = new BuildProgress();
    progress.feed(
      vertexLine({ digest: 'a', name: '[1/2] FROM python:3.12' }, { digest: 'b', name: '[2/2] RUN true' }),
    );
    const events = progress.feed(
      vertexLine({ digest: 'b', started: '2026-01-01T00:00:00Z', completed: '2026-01-01T00:00:02.5Z' }),
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.vertex).toMatchObject({ number: 2, name: '[2/2] RUN true' });
    expect(progress.steps).toEqual([{ name: '[2/2] RUN true', cached: false, seconds: 2.5 }]);
  });

  it('names each layer a FROM step starts to pull, once, with the image BuildKit resolved', () => {
    const progress = new BuildProgress();
    const from = '[stage-0 1/3] FROM 127.0.0.1:5000/python:3.11-slim@sha256:' + 'b'.repeat(64);
    progress.feed(
      vertexLine({ digest: 'v-from', name: from }, { digest: 'v-run', name: '[stage-0 2/3] RUN true' }),
    );
    const layer = `sha256:${'c'.repeat(64)}`;
    // As BuildKit sends them: the resolve, the layer's download (several updates), its extraction.
    const status = (id: string, vertex = 'v-from') =>
      JSON.stringify({ statuses: [{ id, vertex, name: '', current: 0, total: 81042606 }] });
    const events = [
      status('resolve 127.0.0.1:5000/python:3.11-slim@sha256:' + 'b'.repeat(64)),
      status(layer),
      status(layer),
      status(`extracting ${layer}`),
      // A digest-named status of a step that is not a FROM is no pull of a base layer.
      status(`sha256:${'d'.repeat(64)}`, 'v-run'),
      // Nor is one of a vertex never seen.
      status(`sha256:${'e'.repeat(64)}`, 'v-unknown'),
    ].flatMap((line) => progress.feed(line));
    expect(events).toEqual([
      {
        kind: 'pulling',
        vertex: expect.objectContaining({ name: from }),
        image: '127.0.0.1:5000/python:3.11-slim@sha256:' + 'b'.repeat(64),
        layer,
      },
    ]);
    expect(events.flatMap(describeEvent)).toEqual([]);
  });

  it('names each layer the registry cache export has finished writing, once, and prints nothing for it', () => {
    const progress = new BuildProgress();
    progress.feed(
      vertexLine(
        { digest: 'v-cache', name: 'exporting cache to registry' },
        { digest: 'v-image', name: 'exporting to image' },
      ),
    );
    const layer = `sha256:${'c'.repeat(64)}`;
    const status = (id: string, completed: boolean, vertex = 'v-cache') =>
      JSON.stringify({
        statuses: [
          {
            id,
            vertex,
            started: '2026-12-06T02:00:00Z',
            ...(completed && { completed: '2026-12-06T02:00:01Z' }),
          },
        ],
      });
    const events = [
      status('preparing build cache for export', true),
      // Still being written: not yet in the registry.
      status(`writing layer ${layer}`, false),
      status(`writing layer ${layer}`, true),
      status(`writing layer ${layer}`, true),
      status(`writing config sha256:${'d'.repeat(64)}`, true),
      // The same words under another exporter are not the layer cache's.
      status(`writing layer sha256:${'e'.repeat(64)}`, true, 'v-image'),
    ].flatMap((line) => progress.feed(line));
    expect(events).toEqual([
      {
        kind: 'cacheLayerWritten',
        vertex: expect.objectContaining({ name: 'exporting cache to registry' }),
        layer,
      },
    ]);
    expect(events.flatMap(describeEvent)).toEqual([]);
  });

  it('names the image each FROM step resolved to, once per step, and prints nothing for it', () => {
    const progress = new BuildProgress();
    const pinned = '127.0.0.1:5000/python:3.11-slim@sha256:' + 'b'.repeat(64);
    const from = `[stage-0 1/3] FROM ${pinned}`;
    const events = [
      // Named before it is pinned (as with a build arg still to resolve): not yet.
      vertexLine({ digest: 'v-from', name: '[stage-0 1/3] FROM 127.0.0.1:5000/python:3.11-slim' }),
      vertexLine({ digest: 'v-from', name: from, started: '2026-01-01T00:00:00Z' }),
      vertexLine({ digest: 'v-from', name: from, completed: '2026-01-01T00:00:01Z' }),
      vertexLine({ digest: 'v-other', name: `[other 1/2] FROM ${pinned.replace('slim', 'bookworm')}` }),
      vertexLine({ digest: 'v-run', name: '[stage-0 2/3] RUN echo FROM x@sha256:' + 'c'.repeat(64) }),
    ].flatMap((line) => progress.feed(line));
    const resolved = events.filter((event) => event.kind === 'resolved');
    expect(resolved).toEqual([
      { kind: 'resolved', vertex: expect.objectContaining({ digest: 'v-from' }), image: pinned },
      {
        kind: 'resolved',
        vertex: expect.objectContaining({ digest: 'v-other' }),
        image: pinned.replace('slim', 'bookworm'),
      },
    ]);
    expect(resolved.flatMap(describeEvent)).toEqual([]);
  });

  it('ignores logs for vertices it has not seen', () => {
    const progress = new BuildProgress();
    expect(progress.feed(logLine('unknown', 'hello\n'))).toEqual([]);
  });

  it('treats an instruction without a stage name as a step, and skips FROM in any case', () => {
    const progress = new BuildProgress();
    progress.feed(
      vertexLine(
        { digest: 'a', name: '[1/3] from python:3.12' },
        { digest: 'b', name: '[builder 2/3] COPY . .', cached: true },
        { digest: 'c', name: '[3/3] RUN make' },
      ),
    );
    expect(progress.steps.map((s) => [s.name, s.cached, s.seconds])).toEqual([
      ['[builder 2/3] COPY . .', true, undefined],
      ['[3/3] RUN make', false, undefined],
    ]);
  });
});

describe('BuildProgress.firstError', () => {
  it('names the failing RUN step and its error', () => {
    const progress = new BuildProgress();
    const lines = [
      vertexLine({ digest: 'm', name: '[internal] load metadata for docker.io/library/python:3.12' }),
      vertexLine({
        digest: 'i',
        name: 'importing cache manifest from ghcr.io/org/app:buildcache-main',
        started: '2026-01-01T00:00:00Z',
        completed: '2026-01-01T00:00:01Z',
        error: 'failed to configure registry cache importer: ghcr.io/org/app:buildcache-main: not found',
      }),
      vertexLine({ digest: 'x', name: '[auth] org/app:pull token for ghcr.io', error: 'unauthorized' }),
      vertexLine({ digest: DIGEST, name: '[2/3] RUN pip install nope', started: '2026-01-01T00:00:01Z' }),
      logLine(DIGEST, 'ERROR: No matching distribution found for nope\n'),
      vertexLine({
        digest: DIGEST,
        name: '[2/3] RUN pip install nope',
        started: '2026-01-01T00:00:01Z',
        completed: '2026-01-01T00:00:04Z',
        error: 'process "/bin/sh -c pip install nope" did not complete successfully: exit code: 1',
      }),
      'ERROR: failed to solve: process "/bin/sh -c pip install nope" did not complete successfully: exit code: 1',
    ];
    const events = lines.flatMap((line) => progress.feed(line));
    expect(progress.firstError).toBe(
      '[2/3] RUN pip install nope: process "/bin/sh -c pip install nope" did not complete successfully: exit code: 1',
    );
    expect(progress.cacheProblems).toEqual([]);
    expect(events.flatMap(describeEvent)).toEqual([
      '#2 importing cache manifest from ghcr.io/org/app:buildcache-main ERROR: failed to configure registry cache importer: ghcr.io/org/app:buildcache-main: not found',
      '#4 ERROR: No matching distribution found for nope',
      '#4 [2/3] RUN pip install nope ERROR: process "/bin/sh -c pip install nope" did not complete successfully: exit code: 1',
    ]);
  });

  it('falls back to the first failed vertex when no instruction failed', () => {
    const progress = new BuildProgress();
    progress.feed(
      vertexLine({ digest: 'm', name: '[internal] load metadata for ghcr.io/org/base:1', error: 'denied' }),
    );
    expect(progress.firstError).toBe('[internal] load metadata for ghcr.io/org/base:1: denied');
  });
});

describe('describeEvent', () => {
  const vertex = { digest: 'd', number: 7, name: '[3/4] RUN make', cached: false };

  it('prints a finished step with its time', () => {
    expect(
      describeEvent({
        kind: 'completed',
        vertex: { ...vertex, started: '2026-01-01T00:00:00Z', completed: '2026-01-01T00:00:12.34Z' },
      }),
    ).toEqual(['#7 [3/4] RUN make DONE 12.3s']);
  });

  it('prints 0.0s when the start time is unknown', () => {
    expect(
      describeEvent({ kind: 'completed', vertex: { ...vertex, completed: '2026-01-01T00:00:01Z' } }),
    ).toEqual(['#7 [3/4] RUN make DONE 0.0s']);
  });

  it('prints a cached step', () => {
    expect(describeEvent({ kind: 'completed', vertex: { ...vertex, cached: true } })).toEqual([
      '#7 [3/4] RUN make CACHED',
    ]);
  });

  it('prints an error before anything else', () => {
    expect(
      describeEvent({ kind: 'completed', vertex: { ...vertex, cached: true, error: 'exit code: 2' } }),
    ).toEqual(['#7 [3/4] RUN make ERROR: exit code: 2']);
  });

  it("splits a RUN's output on \\r too, as the runner does, so every piece carries the step's number", () => {
    const text = 'Downloading 10%\r::warning::from the build\r\n##[error]legacy\rdone\n';
    const lines = describeEvent({ kind: 'log', vertex, text });
    expect(lines).toEqual([
      '#7 Downloading 10%',
      '#7 ::warning::from the build',
      '#7 ##[error]legacy',
      '#7 done',
    ]);
    for (const line of lines.flatMap((l) => l.split(/\r\n|\r|\n/))) expect(line).toMatch(/^#7 /);
  });

  it('splits a finished step whose name or error spans lines', () => {
    const lines = describeEvent({
      kind: 'completed',
      vertex: { ...vertex, name: '[2/3] RUN <<EOF\r::error::x\nEOF', error: 'exit code: 1\r::notice::y' },
    });
    expect(lines).toEqual([
      '#7 [2/3] RUN <<EOF',
      '#7 ::error::x',
      '#7 EOF ERROR: exit code: 1',
      '#7 ::notice::y',
    ]);
  });

  it('prints each non-blank log line with the vertex number', () => {
    expect(describeEvent({ kind: 'log', vertex, text: 'gcc -c a.c\n\n   \ngcc -c b.c\n' })).toEqual([
      '#7 gcc -c a.c',
      '#7 gcc -c b.c',
    ]);
  });
});

describe('BuildProgress.exporting', () => {
  it('turns true when an exporter starts, which BuildKit does only after every step succeeded', () => {
    const { progress } = replay('cold.jsonl');
    expect(progress.exporting).toBe(true);
    const failed = new BuildProgress();
    failed.feed(vertexLine({ digest: DIGEST, name: PIP_STEP, started: '2026-12-06T02:00:00Z' }));
    failed.feed(vertexLine({ digest: DIGEST, error: 'process did not complete successfully' }));
    expect(failed.exporting).toBe(false);
  });

  it('is not set by an exporter that is only announced, nor by a step whose text says exporting', () => {
    const progress = new BuildProgress();
    progress.feed(vertexLine({ digest: DIGEST, name: 'exporting to image' }));
    progress.feed(
      vertexLine({
        digest: `${DIGEST}2`,
        name: '[stage-0 2/2] RUN echo exporting to image',
        started: '2026-12-06T02:00:00Z',
      }),
    );
    expect(progress.exporting).toBe(false);
    progress.feed(vertexLine({ digest: DIGEST, started: '2026-12-06T02:00:01Z' }));
    expect(progress.exporting).toBe(true);
  });
});

describe('BuildProgress.slowest', () => {
  const at = (seconds: number) => new Date(Date.UTC(2026, 11, 6, 2, 0, seconds)).toISOString();
  const vertex = (n: number, name: string, from: number, to: number | undefined, cached = false) =>
    vertexLine({
      digest: `${DIGEST}${n}`,
      name,
      started: at(from),
      ...(to === undefined ? {} : { completed: at(to) }),
      ...(cached && { cached: true }),
    });

  it('names the vertices that took longest, slowest first, with their seconds', () => {
    const progress = new BuildProgress();
    progress.feed(vertex(1, '[internal] load build context', 0, 4));
    progress.feed(vertex(2, '[1/2] FROM 127.0.0.1:5000/python:3.11-slim', 0, 5));
    progress.feed(vertex(3, '[2/2] RUN tar -xf cache.tar', 5, 7));
    progress.feed(vertex(4, '[internal] load .dockerignore', 0, 0));
    expect(progress.slowest(2)).toEqual([
      '[1/2] FROM 127.0.0.1:5000/python:3.11-slim 5.0 s',
      '[internal] load build context 4.0 s',
    ]);
  });

  it('leaves out cached vertices and those not finished', () => {
    const progress = new BuildProgress();
    progress.feed(vertex(1, '[1/2] FROM base', 0, 3, true));
    progress.feed(vertex(2, '[2/2] RUN still running', 0, undefined));
    progress.feed(vertex(3, 'exporting to image', 3, 4));
    expect(progress.slowest(3)).toEqual(['exporting to image 1.0 s']);
  });

  it('counts a vertex another build started only from when this one began', () => {
    const progress = new BuildProgress();
    // The base's unpack, begun by the user's build 9 s before this helper build joined it.
    progress.feed(vertex(1, '[1/2] FROM base', 0, 10));
    progress.feed(vertex(2, '[2/2] RUN tar -cf cache.tar .', 10, 12));
    progress.feed(vertex(3, 'exporting to image', 12, 13));
    expect(progress.slowest(3, new Date(at(9)))).toEqual([
      '[2/2] RUN tar -cf cache.tar . 2.0 s',
      '[1/2] FROM base 1.0 s',
      'exporting to image 1.0 s',
    ]);
    // Without a start, the vertex counts whole.
    expect(progress.slowest(1)).toEqual(['[1/2] FROM base 10.0 s']);
  });
});

describe('BuildProgress.baseSeconds', () => {
  const at = (seconds: number) => new Date(Date.UTC(2026, 11, 6, 2, 0, 0) + seconds * 1000).toISOString();
  const vertex = (n: number, name: string, from: number, to: number, cached = false) =>
    vertexLine({
      digest: `${DIGEST}${n}`,
      name,
      started: at(from),
      completed: at(to),
      ...(cached && { cached: true }),
    });

  it("gives the longest FROM step's seconds from this build's start: the base's pull and unpack", () => {
    const progress = new BuildProgress();
    progress.feed(vertex(1, '[internal] load build context', 0, 3));
    progress.feed(vertex(2, '[stage-0 1/2] FROM 127.0.0.1:5000/python:3.11-slim@sha256:1e91', 0, 9.9));
    progress.feed(
      vertex(3, '[stage-0 2/2] RUN --mount=type=cache,target=/root/.cache/pip sh -c tar', 9.9, 11),
    );
    expect(progress.baseSeconds()).toBeCloseTo(9.9);
    // An unpack the user's build began 4 s earlier counts from when this build joined it.
    expect(progress.baseSeconds(new Date(at(4)))).toBeCloseTo(5.9);
  });

  it('is 0 when the base was there already, or no FROM step ran', () => {
    const cached = new BuildProgress();
    cached.feed(vertex(1, '[1/2] FROM base', 0, 2, true));
    expect(cached.baseSeconds()).toBe(0);
    expect(new BuildProgress().baseSeconds()).toBe(0);
  });
});

describe("a step's download seconds, from its package tool's own summary", () => {
  const APT =
    '[stage-0 2/4] RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y git';
  const step = (completed: boolean) =>
    vertexLine({
      digest: DIGEST,
      name: APT,
      started: '2026-12-06T02:00:00Z',
      ...(completed && { completed: '2026-12-06T02:00:06.9Z' }),
    });

  it("adds up apt's fetches, across log chunks that end mid-line, onto the finished step", () => {
    const progress = new BuildProgress();
    progress.feed(step(false));
    progress.feed(logLine(DIGEST, 'Get:1 http://127.0.0.1:8766 ./ InRelease\nFetched 8958 kB in 1s (10.1 '));
    progress.feed(logLine(DIGEST, 'MB/s)\nReading package lists...\n'));
    // The last fetch's summary comes in the same message as the step's completion.
    const last = JSON.parse(logLine(DIGEST, 'Fetched 47.3 MB in 1s (41.7 MB/s)\n')) as Record<
      string,
      unknown
    >;
    const done = JSON.parse(step(true)) as Record<string, unknown>;
    const events = progress.feed(JSON.stringify({ ...done, ...last }));
    const finished = events.find((e) => e.kind === 'completed');
    expect(finished && stepRecord(finished.vertex).downloadSeconds).toBeCloseTo(8.958 / 10.1 + 47.3 / 41.7);
    expect(progress.steps[0]!.downloadSeconds).toBeCloseTo(8.958 / 10.1 + 47.3 / 41.7);
  });

  it('leaves the figure out of a step whose tools said nothing of downloads', () => {
    const progress = new BuildProgress();
    progress.feed(step(true));
    progress.feed(logLine(DIGEST, 'Collecting requests\nInstalling collected packages: requests\n'));
    expect(progress.steps[0]).not.toHaveProperty('downloadSeconds');
  });
});

describe('BuildProgress.slowest on long step names', () => {
  it('cuts a name to 72 characters, so one line holds three', () => {
    const progress = new BuildProgress();
    const name = `[pack 2/2] RUN --mount=type=cache,target=/root/.cache/pip ${'x'.repeat(200)}`;
    progress.feed(
      vertexLine({
        digest: DIGEST,
        name,
        started: '2026-12-06T02:00:00Z',
        completed: '2026-12-06T02:00:02Z',
      }),
    );
    const [line] = progress.slowest(1);
    expect(line).toBe(`${name.slice(0, 71)}… 2.0 s`);
  });
});
