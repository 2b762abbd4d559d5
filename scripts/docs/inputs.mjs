// Writes docs/inputs.md and docs/outputs.md from action.yml and the sub-actions' action.yml files, so
// the reference cannot drift from what the runner reads. `--check` writes nothing and fails when
// either file differs (CI runs it). Inputs are grouped by the `# Group` comment lines above them.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as prettier from 'prettier';
import { parseDocument } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Sub-actions, each a folder with its own action.yml (used as `uses: OWNER/docker-fast-build/<dir>@v1`). */
const SUB_ACTIONS = ['comment-from-artifact'];
const check = process.argv.includes('--check');

/** Text from action.yml as one Markdown table cell: no raw HTML, no column breaks, no line breaks. */
export function cell(text) {
  return String(text ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\*/g, '\\*')
    .trim();
}

/** A value shown as code, with a fence long enough for any backticks inside it. */
function code(value) {
  const text = String(value);
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`;
}

function groupsOfInputs(inputsNode) {
  const groups = [];
  let current = { title: 'Mode', rows: [] };
  for (const pair of inputsNode.items) {
    const heading = pair.key.commentBefore?.trim();
    if (heading) {
      if (current.rows.length > 0) groups.push(current);
      current = { title: heading, rows: [] };
    }
    current.rows.push({ name: String(pair.key.value), ...pair.value.toJSON() });
  }
  if (current.rows.length > 0) groups.push(current);
  return groups;
}

const GENERATED =
  '<!-- Generated from action.yml by scripts/docs/inputs.mjs: edit action.yml, then run it. -->';

function inputRow(input) {
  const name = input.required ? `${code(input.name)} (required)` : code(input.name);
  const fallback = input.default === undefined || input.default === '' ? '' : code(input.default);
  return `| ${name} | ${fallback} | ${cell(input.description)} |`;
}

/** A sub-action's heading and what it is for, from its action.yml. */
function subActionHeading(sub) {
  return [
    `## The \`${sub.dir}\` sub-action`,
    '',
    `${cell(sub.action.get('description'))} Used as \`OWNER/docker-fast-build/${sub.dir}@v1\`.`,
  ];
}

/** `subActions`: [{ dir, action }] — each gets a section of its own after the action's inputs. */
export function inputsMarkdown(action, subActions = []) {
  const inputs = action.get('inputs');
  const lines = [
    GENERATED,
    '',
    '# Inputs',
    '',
    `All ${inputs.items.length} inputs, grouped by what they configure. Every input is optional unless marked required.`,
    ...subActions.map((sub) => `The \`${sub.dir}\` sub-action's inputs follow the action's.`),
    'How the caches behave is in [caches.md](caches.md); the report, gates and advice in [report.md](report.md).',
  ];
  for (const group of groupsOfInputs(inputs)) {
    lines.push('', `## ${group.title}`, '', '| input | default | description |', '| --- | --- | --- |');
    for (const input of group.rows) lines.push(inputRow(input));
  }
  for (const sub of subActions) {
    lines.push('', ...subActionHeading(sub), '', '| input | default | description |', '| --- | --- | --- |');
    for (const pair of sub.action.get('inputs').items) {
      lines.push(inputRow({ name: String(pair.key.value), ...pair.value.toJSON() }));
    }
  }
  return lines.join('\n') + '\n';
}

export function outputsMarkdown(action, subActions = []) {
  const outputs = action.get('outputs');
  const lines = [
    GENERATED,
    '',
    '# Outputs',
    '',
    `All ${outputs.items.length} outputs. The \`report\` output's JSON is described in [report.md](report.md#report-json).`,
    '',
    '| output | description |',
    '| --- | --- |',
  ];
  for (const pair of outputs.items) {
    lines.push(`| ${code(pair.key.value)} | ${cell(pair.value.toJSON().description)} |`);
  }
  for (const sub of subActions) {
    lines.push('', ...subActionHeading(sub), '', '| output | description |', '| --- | --- |');
    for (const pair of sub.action.get('outputs')?.items ?? []) {
      lines.push(`| ${code(pair.key.value)} | ${cell(pair.value.toJSON().description)} |`);
    }
  }
  return lines.join('\n') + '\n';
}

async function main() {
  const action = parseDocument(readFileSync(path.join(root, 'action.yml'), 'utf8'));
  const subActions = SUB_ACTIONS.map((dir) => ({
    dir,
    action: parseDocument(readFileSync(path.join(root, dir, 'action.yml'), 'utf8')),
  }));
  const options = {
    ...(await prettier.resolveConfig(path.join(root, 'docs/inputs.md'))),
    parser: 'markdown',
  };
  const files = [
    ['docs/inputs.md', inputsMarkdown(action, subActions)],
    ['docs/outputs.md', outputsMarkdown(action, subActions)],
  ];
  let stale = 0;
  for (const [file, markdown] of files) {
    const wanted = await prettier.format(markdown, options);
    const target = path.join(root, file);
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // A missing file is stale like a different one.
    }
    if (current === wanted) continue;
    if (check) {
      console.error(`${file} differs from action.yml: run 'node scripts/docs/inputs.mjs' and commit it.`);
      stale += 1;
    } else {
      writeFileSync(target, wanted);
      console.log(`wrote ${file}`);
    }
  }
  if (stale > 0) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
