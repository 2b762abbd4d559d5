// How long a step spent downloading, where its package tool says so in its own output. The step's
// seconds are a poor measure of what a cache of downloads saves: apt spends most of them unpacking
// and configuring, which a cache does not spare.

const SCALE: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9 };

// apt's summary of a fetch, e.g. "Fetched 47.3 MB in 1s (41.7 MB/s)": the time is rounded to whole
// seconds, the size and rate are not, so their quotient is the better figure.
const APT_FETCHED = /^\s*Fetched ([\d.]+) ([kMG]?)B in [^(]*\(([\d.]+) ([kMG]?)B\/s\)\s*$/;

/** Seconds of downloading one line of a step's output reports; undefined for any other line. */
export function downloadSecondsOfLine(line: string): number | undefined {
  const apt = APT_FETCHED.exec(line);
  if (!apt) return undefined;
  const bytes = Number(apt[1]) * SCALE[apt[2]!]!;
  const perSecond = Number(apt[3]) * SCALE[apt[4]!]!;
  if (!Number.isFinite(bytes) || !Number.isFinite(perSecond) || perSecond <= 0) return undefined;
  return bytes / perSecond;
}
