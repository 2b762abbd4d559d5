// Runs the action's bundled dist/ the way a GitHub runner does: INPUT_* variables with
// action.yml defaults, GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files, an event
// payload, then the post step with the saved state as STATE_* variables.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

import type { BuildReport } from '../../../src/report/model.js';
import type { WebhookEvent } from './events.js';
import { WorkflowCommandReader, type Annotation, type ParsedCommand } from './workflow-commands.js';

export const ACTION_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface RunActionOptions {
  /** The action's checkout: action.yml and its dist/ (this repository by default). */
  actionDir?: string;
  /** By action.yml name; the others get their defaults. */
  inputs?: Record<string, string>;
  event?: WebhookEvent;
  /** GITHUB_REF. */
  ref?: string;
  workspace?: string;
  /** Extra variables, over the runner's. */
  env?: Record<string, string>;
  /** Stream the log to this process's stdout. */
  echo?: boolean;
  /** What `${{ github.token }}` stands for. */
  githubToken?: string;
  /** The name of the runner: jobs that run at the same time need different ones. */
  runner?: string;
}

/** What a job left: each step's exit code, the outputs, state and summary, and its log as the runner read it. */
export interface ActionRun {
  exitCode: number;
  postExitCode: number;
  outputs: Record<string, string>;
  /** The JSON report the `report` output names, read when the job ended. */
  report: BuildReport | undefined;
  state: Record<string, string>;
  summary: string;
  log: string;
  /** The log with the seconds since main started before each line (roughly: output comes in chunks). */
  timedLog: string;
  annotations: Annotation[];
  /** Every workflow command the runner acted on, main's then post's. */
  commands: ParsedCommand[];
  masks: string[];
  /** The runner's temp directory the job ran with (RUNNER_TEMP), as the job left it. */
  runnerTemp: string;
}

interface ActionMetadata {
  inputs?: Record<string, { default?: string }>;
  runs: { main: string; post?: string };
}

/** Parses the runner's `name<<DELIM` file format (GITHUB_OUTPUT, GITHUB_STATE). */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const body = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) body.push(lines[i]);
      values[name!] = body.join('\n');
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      values[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return values;
}

function inputEnv(
  actionDir: string,
  inputs: Record<string, string>,
  githubToken: string,
): { env: Record<string, string>; action: ActionMetadata } {
  const action = parseYaml(readFileSync(path.join(actionDir, 'action.yml'), 'utf8')) as ActionMetadata;
  const env: Record<string, string> = {};
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
function timestampLines(chunk: string, started: number): string {
  const at = `[${((performance.now() - started) / 1000).toFixed(2).padStart(7)} s] `;
  return chunk.replace(/^(?=.)/gm, at);
}

interface StepRun {
  exitCode: number;
  log: string;
  timedLog: string;
  commands: WorkflowCommandReader;
}

/**
 * Runs one step of the action. Its stdout and stderr go through the runner's command reader as they
 * arrive, as on a real runner, so whatever the step printed that the runner would act on is acted on.
 */
function runNode(
  script: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
  echo: boolean,
  started: number,
): Promise<StepRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const commands = new WorkflowCommandReader();
    let log = '';
    let timedLog = '';
    const take = (stream: string) => (text: string) => {
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

let runnersRoot: string | undefined;
const busyRunners = new Set<string>();

/**
 * A runner's temp directory, as the runner keeps it: the same path for every job it runs (the
 * Actions cache versions entries by path, so this matters), emptied when a job starts. One job at
 * a time per runner: jobs that run at once need runners of their own.
 */
function runnerTemp(runner: string): string {
  if (busyRunners.has(runner))
    throw new Error(`run-action: runner '${runner}' is already running a job; give this one another runner`);
  runnersRoot ??= mkdtempSync(path.join(tmpdir(), 'dfb-runners-'));
  const temp = path.join(runnersRoot, runner, '_temp');
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  return temp;
}

/**
 * Removes every runner directory this process made, and what jobs left in them (dependency cache
 * archives of hundreds of MB): a suite's, the demo's or the bench's last step. A real runner's disk
 * goes with its machine; here they would pile up in the shared temp directory.
 */
export function removeRunners(): void {
  if (busyRunners.size > 0) throw new Error(`run-action: runners still busy: ${[...busyRunners].join(', ')}`);
  if (runnersRoot) rmSync(runnersRoot, { recursive: true, force: true });
  runnersRoot = undefined;
}

/**
 * The JSON report the `report` output names, read now as a workflow's next step would: the runner's
 * temp directory it lives in is emptied when the runner's next job starts. Undefined when there is none.
 */
function readReport(file: string | undefined): BuildReport | undefined {
  return file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BuildReport) : undefined;
}

/** Runs main then post, as one job on `runner`. */
export async function runAction({ runner = 'runner-1', ...job }: RunActionOptions = {}): Promise<ActionRun> {
  const temp = runnerTemp(runner);
  // The job's command files and event payload; read into the result, then removed.
  const commandFiles = mkdtempSync(path.join(tmpdir(), 'dfb-runner-'));
  busyRunners.add(runner);
  try {
    return await runJob(job, temp, commandFiles);
  } finally {
    busyRunners.delete(runner);
    rmSync(commandFiles, { recursive: true, force: true });
  }
}

async function runJob(
  {
    actionDir = ACTION_DIR,
    inputs = {},
    event = { name: 'push', payload: {} },
    ref = 'refs/heads/main',
    workspace = process.cwd(),
    env: extraEnv = {},
    echo = false,
    githubToken = '',
  }: Omit<RunActionOptions, 'runner'>,
  temp: string,
  commandFiles: string,
): Promise<ActionRun> {
  const files = {
    output: path.join(commandFiles, 'output'),
    state: path.join(commandFiles, 'state'),
    summary: path.join(commandFiles, 'summary.md'),
    event: path.join(commandFiles, 'event.json'),
  };
  for (const file of [files.output, files.state, files.summary]) writeFileSync(file, '');
  writeFileSync(files.event, JSON.stringify(event.payload ?? {}));
  const { env: inputVars, action } = inputEnv(actionDir, inputs, githubToken);
  const pr = event.payload?.pull_request;
  const baseEnv: NodeJS.ProcessEnv = {
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
  const post: StepRun = action.runs.post
    ? await runNode(
        path.join(actionDir, action.runs.post),
        { ...baseEnv, ...stateEnv },
        workspace,
        echo,
        started,
      )
    : { exitCode: 0, log: '', timedLog: '', commands: new WorkflowCommandReader() };
  const outputs = { ...main.commands.outputs, ...parseCommandFile(readFileSync(files.output, 'utf8')) };
  return {
    exitCode: main.exitCode,
    postExitCode: post.exitCode,
    outputs,
    report: readReport(outputs.report),
    state,
    summary: readFileSync(files.summary, 'utf8'),
    log: `${main.log}${post.log}`,
    timedLog: `${main.timedLog}${post.timedLog}`,
    annotations: [...main.commands.annotations, ...post.commands.annotations],
    commands: [...main.commands.commands, ...post.commands.commands],
    masks: [...main.commands.masks, ...post.commands.masks],
    runnerTemp: temp,
  };
}
