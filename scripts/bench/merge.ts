// Merges bench.json files of separate runs (the docker driver's, a remote BuildKit's, a
// docker-container builder's) into one table and chart.
// Usage: npx tsx scripts/bench/merge.ts --out DIR a/bench.json b/bench.json …
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import {
  mergeSummaries,
  renderChart,
  renderTable,
  summarise,
  type BenchMeta,
  type Sample,
} from './report.js';

/** A run's bench.json as run.ts wrote it: the dates are strings in JSON. */
interface BenchFile {
  summary: { meta: Omit<BenchMeta, 'started' | 'finished'> & { started: string; finished: string } };
  samples: Sample[];
}

const { values: options, positionals: files } = parseArgs({
  options: { out: { type: 'string', default: 'bench-results/merged' } },
  allowPositionals: true,
});
if (files.length === 0) throw new Error('merge.ts: name at least one bench.json');

// Summarised again from the samples, so that every run is judged by the current report rules.
const summaries = files.map((file) => {
  const { summary, samples } = JSON.parse(readFileSync(file, 'utf8')) as BenchFile;
  const meta = {
    ...summary.meta,
    started: new Date(summary.meta.started),
    finished: new Date(summary.meta.finished),
  };
  return summarise(samples, meta);
});
const merged = mergeSummaries(summaries);
mkdirSync(options.out, { recursive: true });
writeFileSync(path.join(options.out, 'bench.md'), renderTable(merged));
writeFileSync(path.join(options.out, 'bench.svg'), renderChart(merged));
process.stdout.write(renderTable(merged));
