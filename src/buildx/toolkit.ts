import { Buildx } from '@docker/actions-toolkit/lib/buildx/buildx.js';

import { buildxCliFor, type BuildxCli } from './cli.js';

export type { BuildxCli, CommandResult, RunOptions } from './cli.js';

/** The toolkit decides between the docker CLI plugin and a standalone buildx. */
export function createBuildxCli(buildx: Buildx = new Buildx()): BuildxCli {
  let prefix: Promise<string[]> | undefined;
  const invocation = () =>
    (prefix ??= buildx.getCommand([]).then((command) => [command.command, ...command.args]));
  return { ...buildxCliFor(invocation), invocation };
}
