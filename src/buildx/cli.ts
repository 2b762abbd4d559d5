import { spawn } from 'node:child_process';

import * as exec from '@actions/exec';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Called with each stderr line as it arrives (BuildKit writes progress there). */
  onStderrLine?: (line: string) => void;
  env?: Record<string, string>;
  /** Stops the command (SIGTERM) when aborted: buildx then cancels its build in BuildKit. */
  signal?: AbortSignal;
}

/** `docker buildx …` (or standalone `buildx …`), always with an argument array: nothing goes through a shell. */
export interface BuildxCli {
  run(args: string[], options?: RunOptions): Promise<CommandResult>;
  /** The program and leading arguments every call starts with, e.g. `['docker', 'buildx']`. */
  invocation(): Promise<string[]>;
}

/**
 * A buildx CLI from an invocation found earlier (the post step gets it from the main step's state),
 * without loading the toolkit: the post step then starts in a fraction of the time.
 */
export function buildxCliFor(invocation: () => Promise<string[]>): BuildxCli {
  return {
    invocation,
    async run(args, options = {}) {
      const [command, ...leading] = await invocation();
      if (options.signal) return runStoppable(command!, [...leading, ...args], options, options.signal);
      const result = await exec.getExecOutput(command!, [...leading, ...args], {
        ignoreReturnCode: true,
        // Never echoed: what a command prints reaches the log only through runner-log.ts.
        silent: true,
        env: options.env ? { ...(process.env as Record<string, string>), ...options.env } : undefined,
        listeners: options.onStderrLine ? { errline: options.onStderrLine } : undefined,
      });
      return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
    },
  };
}

/**
 * @actions/exec cannot stop what it started, so a command that must end on an abort runs through
 * child_process itself; an aborted run rejects with the abort's reason once the child has exited.
 */
function runStoppable(
  command: string,
  args: string[],
  options: RunOptions,
  signal: AbortSignal,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      signal,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: options.env ? { ...process.env, ...options.env } : process.env,
    });
    let stdout = '';
    let stderr = '';
    let partialLine = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (!options.onStderrLine) return;
      const lines = (partialLine + chunk).split('\n');
      partialLine = lines.pop() ?? '';
      for (const line of lines) options.onStderrLine(line.replace(/\r$/, ''));
    });
    child.on('error', (error) => {
      if (!signal.aborted) reject(error);
    });
    child.on('close', (code) => {
      if (partialLine && options.onStderrLine) options.onStderrLine(partialLine);
      if (signal.aborted) reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      else resolve({ exitCode: code ?? 1, stdout, stderr });
    });
  });
}
