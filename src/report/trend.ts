// The default branch's recent reports, kept small (one point each) beside its latest full report,
// so a pull request shows where size and build time have been heading, not only the last step.
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

/** The points of a stored history; anything malformed is dropped, never thrown. */
export function parseHistory(text: string): TrendPoint[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isRecord(parsed) || parsed.schema !== HISTORY_SCHEMA || !Array.isArray(parsed.points)) return [];
    return parsed.points.flatMap((point) => {
      const checked = trendPointFrom(point);
      return checked ? [checked] : [];
    });
  } catch {
    return [];
  }
}

/** A point read from outside (a stored file, an artifact): undefined unless every field has its type. */
export function trendPointFrom(value: unknown): TrendPoint | undefined {
  if (!isRecord(value)) return undefined;
  const { createdAt, sha, sizeBytes, buildSeconds } = value;
  if (typeof createdAt !== 'string' || createdAt.length > 40) return undefined;
  if (typeof sha !== 'string' || sha.length > 64) return undefined;
  if (!isCount(buildSeconds)) return undefined;
  if (sizeBytes !== undefined && sizeBytes !== null && !isCount(sizeBytes)) return undefined;
  return { createdAt, sha, sizeBytes: isCount(sizeBytes) ? sizeBytes : undefined, buildSeconds };
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
