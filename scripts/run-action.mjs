// Runs the action's bundled dist/ the way a GitHub runner does: INPUT_* variables with
// action.yml defaults, GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files, an event
// payload, then the post step with the saved state as STATE_* variables.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

import { WorkflowCommandReader } from './runner/workflow-commands.mjs';

export const ACTION_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Parses the runner's `name<<DELIM` file format (GITHUB_OUTPUT, GITHUB_STATE). */
export function parseCommandFile(text) {
  /** @type {Record<string, string>} */
  const values = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const body = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) body.push(lines[i]);
      values[name] = body.join('\n');
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=');
      values[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return values;
}

function inputEnv(actionDir, inputs, githubToken) {
  const action = parseYaml(readFileSync(path.join(actionDir, 'action.yml'), 'utf8'));
  const env = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    let value = inputs[name] ?? spec.default ?? '';
    if (value === '${{ github.token }}') value = githubToken;
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = String(value);
  }
  for (const name of Object.keys(inputs)) {
    if (!(name in (action.inputs ?? {})))
      throw new Error(`run-action: '${name}' is not an input of action.yml`);
  }
  return { env, action };
}

/** Prefixes each line with the seconds since `started`, as a runner's log shows when each line came. */
function timestampLines(chunk, started) {
  const at = `[${((performance.now() - started) / 1000).toFixed(2).padStart(7)} s] `;
  return String(chunk).replace(/^(?=.)/gm, at);
}

/**
 * Runs one step of the action. Its stdout and stderr go through the runner's command reader as they
 * arrive, as on a real runner, so whatever the step printed that the runner would act on is acted on.
 */
function runNode(script, env, cwd, echo, started) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const commands = new WorkflowCommandReader();
    let log = '';
    let timedLog = '';
    const take = (stream) => (chunk) => {
      const text = String(chunk);
      commands.feed(stream, text);
      log += text;
      timedLog += timestampLines(text, started);
      if (echo) process.stdout.write(text);
    };
    child.stdout.setEncoding('utf8').on('data', take('stdout'));
    child.stderr.setEncoding('utf8').on('data', take('stderr'));
    child.on('error', reject);
    child.on('close', (code) => {
      commands.end();
      resolve({ exitCode: code ?? 1, log, timedLog, commands });
    });
  });
}

/** @type {string | undefined} */
let runnersRoot;
/** @type {Set<string>} */
const busyRunners = new Set();

/**
 * A runner's temp directory, as the runner keeps it: the same path for every job it runs (the
 * Actions cache versions entries by path, so this matters), emptied when a job starts. One job at
 * a time per runner: jobs that run at once need runners of their own.
 */
function runnerTemp(runner) {
  if (busyRunners.has(runner))
    throw new Error(`run-action: runner '${runner}' is already running a job; give this one another runner`);
  runnersRoot ??= mkdtempSync(path.join(tmpdir(), 'dfb-runners-'));
  const temp = path.join(runnersRoot, runner, '_temp');
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  return temp;
}

/**
 * The JSON report the `report` output names, read now as a workflow's next step would: the runner's
 * temp directory it lives in is emptied when the runner's next job starts. Undefined when there is none.
 * @param {string | undefined} file
 * @returns {import('../src/report/model.js').BuildReport | undefined}
 */
function readReport(file) {
  return file && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/**
 * Runs main then post. Options: inputs (by action.yml name), event ({ name, payload }),
 * ref, workspace, env (extra variables), echo (stream the log), githubToken, runner (the name of
 * the runner: jobs that run at the same time need different ones).
 * Returns { exitCode, postExitCode, outputs, report, state, summary, log, timedLog, annotations }; timedLog
 * is the log with the seconds since main started before each line (roughly: output comes in chunks).
 */
export async function runAction({
  actionDir = ACTION_DIR,
  inputs = {},
  event = { name: 'push', payload: {} },
  ref = 'refs/heads/main',
  workspace = process.cwd(),
  env: extraEnv = {},
  echo = false,
  githubToken = '',
  runner = 'runner-1',
} = {}) {
  const temp = runnerTemp(runner);
  busyRunners.add(runner);
  try {
    return await runJob({ actionDir, inputs, event, ref, workspace, extraEnv, echo, githubToken, temp });
  } finally {
    busyRunners.delete(runner);
  }
}

async function runJob({ actionDir, inputs, event, ref, workspace, extraEnv, echo, githubToken, temp }) {
  const runnerDir = mkdtempSync(path.join(tmpdir(), 'dfb-runner-'));
  const files = {
    output: path.join(runnerDir, 'output'),
    state: path.join(runnerDir, 'state'),
    summary: path.join(runnerDir, 'summary.md'),
    event: path.join(runnerDir, 'event.json'),
  };
  for (const file of [files.output, files.state, files.summary]) writeFileSync(file, '');
  writeFileSync(files.event, JSON.stringify(event.payload ?? {}));
  const { env: inputVars, action } = inputEnv(actionDir, inputs, githubToken);
  const pr = event.payload?.pull_request;
  const baseEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REF: ref,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ''),
    GITHUB_HEAD_REF: pr?.head?.ref ?? '',
    GITHUB_BASE_REF: pr?.base?.ref ?? '',
    GITHUB_REPOSITORY: event.payload?.repository?.full_name ?? 'example/docker-fast-build-demo',
    GITHUB_RUN_ID: String(Date.now()),
    GITHUB_SHA: '0000000000000000000000000000000000000000',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: temp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    ...inputVars,
    ...extraEnv,
  };
  const started = performance.now();
  const main = await runNode(path.join(actionDir, action.runs.main), baseEnv, workspace, echo, started);
  // The runner applies the state and output files after the step, over what stdout commands set.
  const state = { ...main.commands.state, ...parseCommandFile(readFileSync(files.state, 'utf8')) };
  const stateEnv = Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]));
  const post = action.runs.post
    ? await runNode(
        path.join(actionDir, action.runs.post),
        { ...baseEnv, ...stateEnv },
        workspace,
        echo,
        started,
      )
    : { exitCode: 0, log: '', timedLog: '', commands: new WorkflowCommandReader() };
  const log = `${main.log}${post.log}`;
  const outputs = { ...main.commands.outputs, ...parseCommandFile(readFileSync(files.output, 'utf8')) };
  return {
    exitCode: main.exitCode,
    postExitCode: post.exitCode,
    outputs,
    report: readReport(outputs.report),
    state,
    summary: readFileSync(files.summary, 'utf8'),
    log,
    timedLog: `${main.timedLog}${post.timedLog}`,
    annotations: [...main.commands.annotations, ...post.commands.annotations],
    /** Every workflow command the runner acted on, main's then post's. */
    commands: [...main.commands.commands, ...post.commands.commands],
    masks: [...main.commands.masks, ...post.commands.masks],
  };
}
