// Scores the advice engine against the evaluation corpus: per rule, findings that match an expected
// problem (TP), false findings (FP), findings on debatable cases, and expected problems it missed.
//
//   node scripts/advice-eval/score.mjs [<dir>] [--corpus <file>] [--entry <ts>] [--details] [--show-held-out] [--json <file>]
//
// <dir> holds the third-party corpus files as <id>.Dockerfile, fetched at the commits corpus.json names
// (never committed here); without it only the authored entries, whose files sit beside this script, are
// scored. Each file's parse and advice is timed: a run over MAX_RUN_MS is reported and fails the script. src/advice is bundled on the fly with esbuild, so no
// TypeScript runtime is needed. --details lists every miss and wrong finding of the tuning part;
// the held-out part's are listed only with --show-held-out.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    corpus: { type: 'string', default: path.join(ROOT, 'scripts/advice-eval/corpus.json') },
    entry: { type: 'string', default: path.join(ROOT, 'src/advice/index.ts') },
    details: { type: 'boolean', default: false },
    'show-held-out': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const [corpusDir] = positionals;
const MAX_RUN_MS = 1000;

const corpus = JSON.parse(readFileSync(values.corpus, 'utf8'));
const advice = await loadAdvice(values.entry);
const implemented = new Set(advice.RULES.map((rule) => rule.id));
// Both parts list the same rows: every rule the engine has, then those only the corpus names.
const allRules = [
  ...new Set([
    ...implemented,
    ...corpus.entries.flatMap((entry) => entry.findings.map((finding) => finding.rule)),
  ]),
];

const parts = {
  tuning: newPart(),
  'held-out': newPart(),
  authored: newPart(),
  'authored-2': newPart(),
  'authored-3': newPart(),
};
const skipped = [];
const slow = [];
let slowest = { ms: 0, id: null };
for (const entry of corpus.entries) {
  const file = entry.file
    ? path.join(path.dirname(values.corpus), entry.file)
    : corpusDir && path.join(corpusDir, `${entry.id}.Dockerfile`);
  if (!file || !existsSync(file)) {
    if (corpusDir) skipped.push(`${entry.id} (${entry.repo}/${entry.path}): not found as ${file}`);
    continue;
  }
  const text = readFileSync(file);
  if (createHash('sha256').update(text).digest('hex') !== entry.sha256) {
    console.warn(
      `warning: ${file} differs from the file judged (${entry.repo}${entry.commit ? `@${entry.commit.slice(0, 12)}` : ''}:${entry.path}); line numbers may not match`,
    );
  }
  const started = performance.now();
  const findings = advice.adviseDockerfile({
    dockerfilePath: entry.path,
    dockerfile: advice.parseDockerfile(text.toString('utf8')),
    context: null,
    disabledRules: [],
  });
  const ms = performance.now() - started;
  if (ms > slowest.ms) slowest = { ms, id: entry.id };
  if (ms > MAX_RUN_MS) slow.push(`${entry.id}: ${ms.toFixed(0)} ms`);
  scoreEntry(parts[entry.part ?? (entry.heldOut ? 'held-out' : 'tuning')], entry, findings);
}

for (const line of skipped) console.warn(`skipped ${line}`);
if (!corpusDir) console.log('Scoring the authored entries only (no directory of third-party files given).');
for (const [name, part] of Object.entries(parts)) {
  if (part.files === 0) continue;
  console.log(`\n## ${name}: ${part.files} Dockerfiles\n`);
  console.log(renderTable(part));
  if (values.details && name !== 'held-out') console.log(renderDetails(part));
  if (values.details && name === 'held-out' && values['show-held-out']) console.log(renderDetails(part));
}
console.log(`\nSlowest parse and advice: ${slowest.ms.toFixed(1)} ms (${slowest.id}).`);
if (slow.length > 0) {
  console.error(`Over ${MAX_RUN_MS} ms: ${slow.join(', ')}`);
  process.exitCode = 1;
}
if (values.json) {
  const summary = Object.fromEntries(
    Object.entries(parts).map(([name, part]) => [
      name,
      { files: part.files, rules: Object.fromEntries(part.rules) },
    ]),
  );
  writeFileSync(values.json, `${JSON.stringify(summary, null, 2)}\n`);
}

/** Bundles the engine into a temporary directory and imports it. */
async function loadAdvice(entry) {
  const dir = mkdtempSync(path.join(tmpdir(), 'dfb-advice-eval-'));
  const outfile = path.join(dir, 'advice.mjs');
  try {
    await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outfile,
      logLevel: 'warning',
      // Bundled CommonJS dependencies call require(); give them one in the ESM bundle.
      banner: {
        js: "import { createRequire as __dfbCreateRequire } from 'node:module'; const require = __dfbCreateRequire(import.meta.url);",
      },
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function newPart() {
  return { files: 0, rules: new Map(), details: [] };
}

function counts(part, rule) {
  let row = part.rules.get(rule);
  if (!row) {
    row = { tp: 0, fp: 0, debatable: 0, missed: 0, stretchFound: 0, stretchTotal: 0 };
    part.rules.set(rule, row);
  }
  return row;
}

/** Matches the engine's findings to the annotations by rule and line; each annotation matches once. */
function scoreEntry(part, entry, findings) {
  part.files += 1;
  const open = entry.findings.map((annotation) => ({ ...annotation, matched: false }));
  for (const annotation of open)
    if (annotation.verdict === 'stretch') counts(part, annotation.rule).stretchTotal += 1;
  for (const finding of findings) {
    const row = counts(part, finding.rule);
    const annotation = open.find((a) => !a.matched && a.rule === finding.rule && a.line === finding.line);
    const where = `${entry.id}:${finding.line} ${entry.repo}/${entry.path}`;
    if (!annotation) {
      row.fp += 1;
      part.details.push(`FP        ${finding.rule} at ${where}: ${finding.message}`);
      continue;
    }
    annotation.matched = true;
    if (annotation.verdict === 'expected') row.tp += 1;
    else if (annotation.verdict === 'stretch') row.stretchFound += 1;
    else {
      row.debatable += 1;
      part.details.push(
        `debatable ${finding.rule} at ${where}: ${finding.message} [${annotation.note ?? ''}]`,
      );
    }
  }
  for (const annotation of open) {
    if (annotation.matched || annotation.verdict !== 'expected') continue;
    counts(part, annotation.rule).missed += 1;
    part.details.push(
      `missed    ${annotation.rule} at ${entry.id}:${annotation.line} ${entry.repo}/${entry.path} [${annotation.note ?? ''}]`,
    );
  }
}

function ratio(numerator, denominator) {
  return denominator === 0 ? '—' : `${((100 * numerator) / denominator).toFixed(0)} %`;
}

function renderTable(part) {
  const total = { tp: 0, fp: 0, debatable: 0, missed: 0, stretchFound: 0, stretchTotal: 0 };
  const lines = [
    '| rule | TP | FP | debatable | missed | stretch found | precision | recall |',
    '| --- | --: | --: | --: | --: | --: | --: | --: |',
  ];
  for (const rule of new Set([...allRules, ...part.rules.keys()])) {
    const row = counts(part, rule);
    for (const key of Object.keys(total)) total[key] += row[key];
    lines.push(renderRow(implemented.has(rule) ? `\`${rule}\`` : `\`${rule}\` (not implemented)`, row));
  }
  lines.push(renderRow('**all rules**', total));
  const right = total.tp + total.stretchFound;
  lines.push(
    '',
    `Precision counts debatable findings as wrong; counting them as right it is ${ratio(right + total.debatable, right + total.debatable + total.fp)}.`,
    'Recall counts expected problems only; stretch problems found count as right findings.',
  );
  return lines.join('\n');
}

function renderRow(label, row) {
  const right = row.tp + row.stretchFound;
  return `| ${label} | ${row.tp} | ${row.fp} | ${row.debatable} | ${row.missed} | ${row.stretchFound}/${row.stretchTotal} | ${ratio(right, right + row.fp + row.debatable)} | ${ratio(row.tp, row.tp + row.missed)} |`;
}

function renderDetails(part) {
  return part.details.length === 0 ? '\nNothing missed or wrong.' : `\n${part.details.sort().join('\n')}`;
}
