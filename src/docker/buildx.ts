import * as exec from '@actions/exec';
import { Buildx } from '@docker/actions-toolkit/lib/buildx/buildx.js';

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
}

export function createBuildxCli(buildx: Buildx = new Buildx()): BuildxCli {
  return {
    async run(args, options = {}) {
      const command = await buildx.getCommand(args);
      const result = await exec.getExecOutput(command.command, command.args, {
        ignoreReturnCode: true,
        silent: !options.echo,
        env: options.env ? { ...(process.env as Record<string, string>), ...options.env } : undefined,
        listeners: options.onStderrLine ? { errline: options.onStderrLine } : undefined,
      });
      return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
    },
  };
}
