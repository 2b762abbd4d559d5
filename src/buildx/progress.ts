// Reads BuildKit's `--progress=rawjson` stream: one JSON SolveStatus per line.
// Gives the steps (cached or not, with times), the build log, and cache import/export failures.

import * as v from 'valibot';

import { jsonObject, listOf, optional } from '../domain/json-fields.js';
import { downloadSecondsOfLine } from './download-figures.js';

const text = optional(v.string());

/** One SolveStatus, for what is read of it: a vertex or log it cannot read is left out, the rest kept. */
const statusSchema = jsonObject({
  vertexes: optional(
    listOf(
      jsonObject({
        digest: v.string(),
        name: text,
        cached: optional(v.boolean()),
        started: text,
        completed: text,
        error: text,
      }),
    ),
  ),
  logs: optional(listOf(jsonObject({ vertex: v.string(), data: text }))),
  statuses: optional(listOf(jsonObject({ id: v.string(), vertex: v.string(), completed: text }))),
});

export interface Vertex {
  digest: string;
  name: string;
  /** Order of first appearance, 1-based, like `#N` in plain progress. */
  number: number;
  cached: boolean;
  started?: string;
  completed?: string;
  error?: string;
  /** Seconds its package tool said it spent downloading (see download-figures.ts), when it said. */
  downloadSeconds?: number;
}

export interface StepRecord {
  name: string;
  cached: boolean;
  seconds: number | undefined;
  /** Seconds its package tool said it spent downloading, when it said. */
  downloadSeconds?: number;
}

export interface CacheProblem {
  direction: 'import' | 'export';
  /** The ref named in the vertex (imports); exports name none, so the caller fills in what it asked for. */
  ref: string | undefined;
  error: string;
}

export type ProgressEvent =
  | { kind: 'completed'; vertex: Vertex }
  | { kind: 'log'; vertex: Vertex; text: string }
  /** A FROM step started pulling one of its image's layers (`image` as BuildKit resolved it). */
  | { kind: 'pulling'; vertex: Vertex; image: string; layer: string }
  /** A FROM step's image, pinned to the digest BuildKit resolved it to; seen once per step, pulled or not. */
  | { kind: 'resolved'; vertex: Vertex; image: string }
  /** The registry cache export has written one layer's blob (its compressed digest); once per layer. */
  | { kind: 'cacheLayerWritten'; vertex: Vertex; layer: string };

// A Dockerfile instruction, e.g. "[stage-0 4/5] RUN pip install …" or "[2/3] COPY . .".
const INSTRUCTION = /^\[(?:[^\]\s]+ )?\d+\/\d+\] /;
// The docker driver never marks FROM as cached, so it would make every warm build look like a miss.
const FROM_STEP = /^\[(?:[^\]\s]+ )?\d+\/\d+\] FROM /i;
// "[stage-0 1/5] FROM docker.io/library/python:3.11-slim@sha256:…": the image a FROM step pulls.
const FROM_IMAGE = /^\[(?:[^\]\s]+ )?\d+\/\d+\] FROM (\S+)/i;
const PINNED_FROM_IMAGE = /^\[(?:[^\]\s]+ )?\d+\/\d+\] FROM (\S+@sha256:[0-9a-f]{64})(?:\s|$)/i;
// A pull's per-layer status is named by the layer's digest.
const LAYER_STATUS = /^sha256:[0-9a-f]{64}$/;
const CACHE_IMPORT = /^importing cache manifest from (\S+)/;
const CACHE_EXPORT = /^exporting cache/;
// "writing layer sha256:…" under "exporting cache to registry", done when the blob is in the registry.
const CACHE_LAYER_WRITTEN = /^writing layer (sha256:[0-9a-f]{64})$/;
const CACHE_NOT_FOUND = /: not found$|manifest unknown|not found: not found/;
// BuildKit runs its exporters (image, layout, cache) only once every step of the build has succeeded.
const EXPORTER = /^exporting /;
const MAX_UNFINISHED_LINE = 4096;

export class BuildProgress {
  private readonly vertices = new Map<string, Vertex>();
  private readonly layersPulling = new Set<string>();
  private readonly cacheLayersWritten = new Set<string>();
  private readonly resolvedSteps = new Set<string>();
  /** Each vertex's output after its last line break: a log chunk can end mid-line. */
  private readonly unfinishedLines = new Map<string, string>();
  private exportStarted = false;

  /** An exporter has started: every step of the build has succeeded. */
  get exporting(): boolean {
    return this.exportStarted;
  }

  /** Takes one line of the stream; returns what a reader should see of it. Lines that are not JSON are ignored. */
  feed(line: string): ProgressEvent[] {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return [];
    }
    const read = v.safeParse(statusSchema, parsed);
    if (!read.success) return [];
    const status = read.output;
    const events: ProgressEvent[] = [];
    for (const raw of status.vertexes ?? []) {
      const known = this.vertices.get(raw.digest);
      const vertex: Vertex = known ?? {
        digest: raw.digest,
        name: '',
        number: this.vertices.size + 1,
        cached: false,
      };
      const wasDone = Boolean(known?.completed);
      if (raw.name) vertex.name = raw.name;
      if (raw.cached) vertex.cached = true;
      if (raw.started) vertex.started = raw.started;
      if (raw.completed) vertex.completed = raw.completed;
      if (raw.error) vertex.error = raw.error;
      if (vertex.started && EXPORTER.test(vertex.name)) this.exportStarted = true;
      this.vertices.set(raw.digest, vertex);
      const pinned = PINNED_FROM_IMAGE.exec(vertex.name)?.[1];
      if (pinned && !this.resolvedSteps.has(raw.digest)) {
        this.resolvedSteps.add(raw.digest);
        events.push({ kind: 'resolved', vertex, image: pinned });
      }
      if (vertex.completed && !wasDone) events.push({ kind: 'completed', vertex });
    }
    for (const log of status.logs ?? []) {
      const vertex = this.vertices.get(log.vertex);
      if (!vertex || !log.data) continue;
      const text = Buffer.from(log.data, 'base64').toString('utf8');
      // Read before the events go out, so a step that completes in this same message has its figures.
      this.readDownloadFigures(vertex, text);
      events.push({ kind: 'log', vertex, text });
    }
    for (const pull of status.statuses ?? []) {
      const written = CACHE_LAYER_WRITTEN.exec(pull.id)?.[1];
      if (written && pull.completed && !this.cacheLayersWritten.has(written)) {
        const vertex = this.vertices.get(pull.vertex);
        if (vertex && CACHE_EXPORT.test(vertex.name)) {
          this.cacheLayersWritten.add(written);
          events.push({ kind: 'cacheLayerWritten', vertex, layer: written });
        }
        continue;
      }
      if (!LAYER_STATUS.test(pull.id) || this.layersPulling.has(pull.id)) continue;
      const vertex = this.vertices.get(pull.vertex);
      const image = vertex && FROM_IMAGE.exec(vertex.name)?.[1];
      if (!vertex || !image) continue;
      this.layersPulling.add(pull.id);
      events.push({ kind: 'pulling', vertex, image, layer: pull.id });
    }
    return events;
  }

  private readDownloadFigures(vertex: Vertex, text: string): void {
    const lines = logLines((this.unfinishedLines.get(vertex.digest) ?? '') + text);
    // A line longer than this is no tool's summary; keeping it would only grow.
    this.unfinishedLines.set(vertex.digest, (lines.pop() ?? '').slice(-MAX_UNFINISHED_LINE));
    for (const line of lines) {
      const seconds = downloadSecondsOfLine(line);
      if (seconds !== undefined) vertex.downloadSeconds = (vertex.downloadSeconds ?? 0) + seconds;
    }
  }

  /** Dockerfile instructions other than FROM, in build order. */
  get steps(): StepRecord[] {
    return [...this.vertices.values()]
      .filter((v) => INSTRUCTION.test(v.name) && !FROM_STEP.test(v.name))
      .sort((a, b) => stepIndex(a.name) - stepIndex(b.name) || a.number - b.number)
      .map(stepRecord);
  }

  /**
   * The `count` vertices that took longest, slowest first, as "name 1.2 s": where a helper build's
   * seconds went (a base image's unpack, the context's transfer, the RUN), for the debug log. A
   * vertex another build started (BuildKit shares one in flight, as a base's unpack) counts only
   * from `since`, when this build began.
   */
  slowest(count: number, since?: Date): string[] {
    return [...this.vertices.values()]
      .map((vertex) => ({ vertex, seconds: secondsSince(vertex, since) }))
      .filter(({ vertex, seconds }) => seconds > 0 && !vertex.cached)
      .sort((a, b) => b.seconds - a.seconds || a.vertex.number - b.vertex.number)
      .slice(0, count)
      .map(({ vertex, seconds }) => `${shortName(vertex.name)} ${seconds.toFixed(1)} s`);
  }

  /**
   * Seconds the longest FROM step took (its image's pull and unpack), counted from `since` when it
   * began before (BuildKit shares an unpack in flight with another build); 0 when none ran.
   */
  baseSeconds(since?: Date): number {
    const fromSteps = [...this.vertices.values()].filter((v) => FROM_STEP.test(v.name) && !v.cached);
    return Math.max(0, ...fromSteps.map((vertex) => secondsSince(vertex, since)));
  }

  /** The FROM steps' names, which show the digest BuildKit resolved each base image to. */
  get fromSteps(): string[] {
    return [...this.vertices.values()].filter((v) => FROM_STEP.test(v.name)).map((v) => v.name);
  }

  get cacheProblems(): CacheProblem[] {
    const problems: CacheProblem[] = [];
    for (const vertex of this.vertices.values()) {
      if (!vertex.error) continue;
      const imported = CACHE_IMPORT.exec(vertex.name);
      // A cache that does not exist yet is the normal first build of a branch, not a fault.
      if (imported && !CACHE_NOT_FOUND.test(vertex.error)) {
        problems.push({ direction: 'import', ref: imported[1], error: vertex.error });
      } else if (CACHE_EXPORT.test(vertex.name)) {
        problems.push({ direction: 'export', ref: undefined, error: vertex.error });
      }
    }
    return problems;
  }

  /** The first failed step's error, for the failure message. */
  get firstError(): string | undefined {
    const failed = [...this.vertices.values()].filter(
      (v) => v.error && !CACHE_IMPORT.test(v.name) && !CACHE_EXPORT.test(v.name),
    );
    const step = failed.find((v) => INSTRUCTION.test(v.name)) ?? failed[0];
    return step ? `${step.name}: ${step.error}` : undefined;
  }
}

export function stepRecord(vertex: Vertex): StepRecord {
  return {
    name: vertex.name,
    cached: vertex.cached,
    seconds: secondsBetween(vertex.started, vertex.completed),
    ...(vertex.downloadSeconds !== undefined && { downloadSeconds: vertex.downloadSeconds }),
  };
}

/** "[stage-0 4/5] RUN …" → 4, so steps sort in Dockerfile order within a stage. */
function stepIndex(name: string): number {
  const match = /(\d+)\/\d+\]/.exec(name);
  return match ? Number(match[1]) : 0;
}

/** A step's name cut to what tells it apart in one log line (its mounts and scripts run long). */
function shortName(name: string): string {
  return name.length > 72 ? `${name.slice(0, 71)}…` : name;
}

/** A vertex's seconds, from `since` when it started before: another build began it. */
function secondsSince(vertex: Vertex, since: Date | undefined): number {
  const started =
    vertex.started && since && Date.parse(vertex.started) < since.getTime()
      ? since.toISOString()
      : vertex.started;
  return secondsBetween(started, vertex.completed) ?? 0;
}

function secondsBetween(started: string | undefined, completed: string | undefined): number | undefined {
  if (!started || !completed) return undefined;
  const ms = Date.parse(completed) - Date.parse(started);
  return Number.isFinite(ms) ? Math.max(0, ms / 1000) : undefined;
}

/**
 * The runner reads the log line by line, ending a line at `\r` as well as `\n`: split the same way,
 * every piece of a RUN's output gets the step's `#N` in front. (That a piece cannot become a workflow
 * command is the printer's business: see runner-log.ts.)
 */
export function logLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** One line per finished step and per log line, in the spirit of `--progress=plain`. */
export function describeEvent(event: ProgressEvent): string[] {
  const prefix = `#${event.vertex.number}`;
  // The log keeps the steps and their output, not a pull's progress.
  if (event.kind === 'pulling' || event.kind === 'resolved' || event.kind === 'cacheLayerWritten') return [];
  if (event.kind === 'log') {
    return logLines(event.text)
      .filter((line) => line.trim() !== '')
      .map((line) => `${prefix} ${line}`);
  }
  const { vertex } = event;
  const seconds = secondsBetween(vertex.started, vertex.completed);
  const state = vertex.error
    ? `ERROR: ${vertex.error}`
    : vertex.cached
      ? 'CACHED'
      : `DONE ${(seconds ?? 0).toFixed(1)}s`;
  // A step's name (a heredoc) and its error (a process's output) can span lines too.
  return logLines(`${vertex.name} ${state}`)
    .filter((line) => line.trim() !== '')
    .map((line) => `${prefix} ${line}`);
}
