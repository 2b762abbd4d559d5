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

/** Decimal units, as registries and `docker image ls` report them. */
export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  for (const unit of ['B', 'kB', 'MB', 'GB']) {
    if (value < 1000 || unit === 'GB') {
      const digits = unit === 'B' || value >= 100 ? 0 : 1;
      return `${sign}${value.toFixed(digits)} ${unit}`;
    }
    value /= 1000;
  }
  return `${sign}${value.toFixed(1)} TB`;
}
