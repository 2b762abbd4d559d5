// The default branch's recent reports, kept small (one point each) beside its latest full report,
// so a pull request shows where size and build time have been heading, not only the last step.
import * as v from 'valibot';

import type { BuildReport } from './model.js';

export const HISTORY_SCHEMA = 'docker-fast-build/history@1';

export interface TrendPoint {
  createdAt: string;
  sha: string;
  /** Undefined when that run could not measure the image. */
  sizeBytes: number | undefined;
  buildSeconds: number;
}

export interface Trend {
  branch: string;
  /** Oldest first. */
  points: TrendPoint[];
}

export function trendPointOf(report: BuildReport): TrendPoint {
  return {
    createdAt: report.createdAt,
    sha: report.git.sha,
    sizeBytes: report.size?.bytes,
    buildSeconds: report.build.seconds,
  };
}

/** The history with `report` appended, cut to the newest `length` points. */
export function appendToHistory(
  points: readonly TrendPoint[],
  report: BuildReport,
  length: number,
): TrendPoint[] {
  return length <= 0 ? [] : [...points, trendPointOf(report)].slice(-length);
}

export function serialiseHistory(points: readonly TrendPoint[]): string {
  return JSON.stringify({ schema: HISTORY_SCHEMA, points });
}

const count = v.pipe(v.number(), v.finite(), v.minValue(0));

/** One point, as a stored history or a pull request artifact holds it (a fork's run may write the latter). */
export const trendPointSchema = v.object({
  createdAt: v.pipe(v.string(), v.maxLength(40)),
  sha: v.pipe(v.string(), v.maxLength(64)),
  // null or left out when that run could not measure the image.
  sizeBytes: v.optional(
    v.pipe(
      v.nullable(count),
      v.transform((bytes) => bytes ?? undefined),
    ),
    () => undefined,
  ),
  buildSeconds: count,
});

/** A stored history: its version, and points each read, or dropped, on its own. */
const historySchema = v.object({ schema: v.literal(HISTORY_SCHEMA), points: v.array(v.unknown()) });

/** The points of a stored history; anything malformed is dropped, never thrown. */
export function parseHistory(text: string): TrendPoint[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const history = v.safeParse(historySchema, parsed);
  if (!history.success) return [];
  return history.output.points.flatMap((point) => {
    const checked = trendPointFrom(point);
    return checked ? [checked] : [];
  });
}

/** A point read from outside (a stored file, an artifact): undefined unless every field has its type. */
export function trendPointFrom(value: unknown): TrendPoint | undefined {
  const point = v.safeParse(trendPointSchema, value);
  return point.success ? point.output : undefined;
}

const BARS = '▁▂▃▄▅▆▇█';

/**
 * One bar per value, scaled between the smallest and the largest; a dot for an unknown value (a blank
 * read as a rendering glitch).
 */
export function sparkline(values: readonly (number | undefined)[]): string {
  const known = values.filter((v): v is number => v !== undefined);
  if (known.length === 0) return '';
  const min = Math.min(...known);
  const span = Math.max(...known) - min;
  return values
    .map((v) => {
      if (v === undefined) return '·';
      if (span === 0) return BARS[3];
      return BARS[Math.min(BARS.length - 1, Math.floor(((v - min) / span) * BARS.length))];
    })
    .join('');
}
