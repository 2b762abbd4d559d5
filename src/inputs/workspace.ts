import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

import { Input } from '../constants.js';
import { InputError, type Inputs } from './parse.js';

/**
 * Checks the paths the build will read before anything starts, so a typo fails in a second, not after
 * a builder boots. Both must lie inside the workspace once symlinks are resolved: a context that
 * links to `/` would send (and walk) the whole filesystem, a Dockerfile that links out would be read
 * into the advice.
 */
export function checkWorkspacePaths(inputs: Inputs, workspace: string): void {
  // A Git URL or remote tarball context is BuildKit's to fetch.
  if (isRemoteContext(inputs.context)) return;
  const lexicalRoot = path.resolve(workspace);
  const root = realpathOr(lexicalRoot);
  const outside = (file: string) =>
    !isInside(lexicalRoot, file) || (existsSync(file) && !isInside(root, realpathOr(file)));
  const context = path.resolve(workspace, inputs.context);
  if (outside(context)) {
    throw new InputError(
      Input.Context,
      `expected a directory inside the workspace; '${inputs.context}' is outside it`,
    );
  }
  if (!existsSync(context) || !statSync(context).isDirectory()) {
    throw new InputError(Input.Context, `expected a directory; '${inputs.context}' does not exist`);
  }
  const dockerfile = path.resolve(workspace, dockerfilePath(inputs));
  if (outside(dockerfile)) {
    throw new InputError(
      Input.File,
      `expected a Dockerfile inside the workspace; '${dockerfilePath(inputs)}' is outside it`,
    );
  }
  if (!existsSync(dockerfile) || !statSync(dockerfile).isFile()) {
    throw new InputError(
      Input.File,
      `expected a Dockerfile at '${dockerfilePath(inputs)}'; it does not exist (set 'file' or 'context')`,
    );
  }
}

/** A Git URL or a remote tarball: BuildKit fetches it, nothing of it is in the workspace. */
export function isRemoteContext(context: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@');
}

/**
 * The Dockerfile the analysis reads (the dependency cache, the advice, the layer attribution), or
 * undefined when it is not here: a remote context without a `file` in the workspace. A local
 * context's was checked by checkWorkspacePaths.
 */
export function localDockerfile(
  inputs: Pick<Inputs, 'context' | 'file'>,
  workspace: string,
): string | undefined {
  const file = path.resolve(workspace, dockerfilePath(inputs));
  if (!isRemoteContext(inputs.context)) return file;
  if (!inputs.file || !existsSync(file) || !statSync(file).isFile()) return undefined;
  const root = realpathOr(path.resolve(workspace));
  return isInside(path.resolve(workspace), file) && isInside(root, realpathOr(file)) ? file : undefined;
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return !(relative.startsWith('..') || path.isAbsolute(relative));
}

/** The path with every symlink resolved; as given when it does not exist (the checks after say so). */
function realpathOr(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** The Dockerfile's path relative to the workspace. */
export function dockerfilePath(inputs: Pick<Inputs, 'context' | 'file'>): string {
  return inputs.file || path.join(inputs.context, 'Dockerfile');
}
