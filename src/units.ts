// Byte sizes as users write them in inputs ("500MB", "1.5 GiB", "2g") and as the report prints them.

const UNIT_BYTES: Record<string, number> = {
  b: 1,
  k: 1e3,
  kb: 1e3,
  kib: 1024,
  m: 1e6,
  mb: 1e6,
  mib: 1024 ** 2,
  g: 1e9,
  gb: 1e9,
  gib: 1024 ** 3,
  t: 1e12,
  tb: 1e12,
  tib: 1024 ** 4,
};

/** Parses "500MB", "1.5GiB", "1024" (bytes); returns undefined when it is not a size. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return undefined;
  const factor = UNIT_BYTES[(match[2] || 'b').toLowerCase()];
  if (factor === undefined) return undefined;
  return Math.round(Number(match[1]) * factor);
}

/** Decimal units, as registries and `docker image ls` report them: 3 significant digits at most. */
export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = Math.abs(bytes);
  let unit = 0;
  // Round first, then decide the unit, so 999 999 B is "1.0 MB", not "1000 kB".
  const rounded = (v: number, u: number) => (u === 0 || v >= 99.95 ? Math.round(v) : Math.round(v * 10) / 10);
  while (unit < units.length - 1 && rounded(value, unit) >= 1000) {
    value /= 1000;
    unit += 1;
  }
  const shown = rounded(value, unit);
  const text = unit === 0 || shown >= 100 ? String(shown) : shown.toFixed(1);
  return `${sign}${text} ${units[unit]}`;
}

/** `1 file`, `3 files`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
