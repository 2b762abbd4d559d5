import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

import { Input } from '../constants.js';
import { InputError, type Inputs } from './parse.js';

/** Checks the paths the build will read before anything starts, so a typo fails in a second, not after a builder boots. */
export function checkWorkspacePaths(inputs: Inputs, workspace: string): void {
  // A Git URL or remote tarball context is BuildKit's to fetch.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(inputs.context) || inputs.context.startsWith('git@')) return;
  const context = path.resolve(workspace, inputs.context);
  const relative = path.relative(path.resolve(workspace), context);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new InputError(
      Input.Context,
      `expected a directory inside the workspace; '${inputs.context}' is outside it`,
    );
  }
  if (!existsSync(context) || !statSync(context).isDirectory()) {
    throw new InputError(Input.Context, `expected a directory; '${inputs.context}' does not exist`);
  }
  const dockerfile = path.resolve(workspace, dockerfilePath(inputs));
  if (!existsSync(dockerfile) || !statSync(dockerfile).isFile()) {
    throw new InputError(
      Input.File,
      `expected a Dockerfile at '${dockerfilePath(inputs)}'; it does not exist (set 'file' or 'context')`,
    );
  }
}

/** The Dockerfile's path relative to the workspace. */
export function dockerfilePath(inputs: Pick<Inputs, 'context' | 'file'>): string {
  return inputs.file || path.join(inputs.context, 'Dockerfile');
}
