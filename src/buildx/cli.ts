import * as exec from '@actions/exec';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Called with each stderr line as it arrives (BuildKit writes progress there). */
  onStderrLine?: (line: string) => void;
  /** Echo the command's output to the log. */
  echo?: boolean;
  env?: Record<string, string>;
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
      const result = await exec.getExecOutput(command!, [...leading, ...args], {
        ignoreReturnCode: true,
        silent: !options.echo,
        env: options.env ? { ...(process.env as Record<string, string>), ...options.env } : undefined,
        listeners: options.onStderrLine ? { errline: options.onStderrLine } : undefined,
      });
      return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
    },
  };
}
