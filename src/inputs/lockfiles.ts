import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import * as core from '@actions/core';
import * as glob from '@actions/glob';

import { Input } from '../constants.js';
import { InputError, type Inputs } from './parse.js';
import { dockerfilePath } from './workspace.js';

export const DEFAULT_LOCKFILES = [
  'requirements*.txt',
  'uv.lock',
  'poetry.lock',
  'Pipfile.lock',
  'pyproject.toml',
];
// Directories that hold other projects' files, never this build's lockfiles.
const EXCLUDED = ['node_modules', '.git', '.venv', 'venv', '.tox'];

export interface LockfileHash {
  hash: string;
  /** Workspace-relative paths that went into the hash, sorted. */
  files: string[];
}

/** Lockfile globs: the `dependency-cache-lockfiles` input (relative to the workspace) or the defaults, anywhere under the context. */
function lockfilePatterns(userPatterns: string[], workspace: string, context: string): string[] {
  const patterns =
    userPatterns.length > 0
      ? userPatterns.map((p) =>
          p.startsWith('!') ? `!${path.resolve(workspace, p.slice(1))}` : path.resolve(workspace, p),
        )
      : DEFAULT_LOCKFILES.map((name) => path.join(path.resolve(workspace, context), '**', name));
  return [
    ...patterns,
    ...EXCLUDED.map((dir) => `!${path.join(path.resolve(workspace, context), '**', dir, '**')}`),
  ];
}

/**
 * One sha256 over the sorted (path, content) pairs, so renaming or editing any lockfile changes it.
 * A match that cannot be read (a dangling symlink) is skipped with a warning: the key is the cache's,
 * the build does not need it.
 */
async function hashLockfiles(
  patterns: string[],
  workspace: string,
  warn: (message: string) => void,
): Promise<LockfileHash> {
  const globber = await glob.create(patterns.join('\n'), {
    followSymbolicLinks: false,
    implicitDescendants: false,
  });
  const contents = new Map<string, Buffer>();
  for (const match of await globber.glob()) {
    const relative = path.relative(workspace, match).split(path.sep).join('/');
    try {
      // Only regular files: a FIFO or a device would block or never end.
      if ((await stat(match)).isFile()) contents.set(relative, await readFile(match));
    } catch (error) {
      warn(`Lockfile ${relative} is skipped: ${(error as Error).message}`);
    }
  }
  const relative = [...contents.keys()].sort();
  const digest = createHash('sha256');
  for (const file of relative) {
    digest.update(`${file}\0`);
    digest.update(createHash('sha256').update(contents.get(file)!).digest());
  }
  return { hash: digest.digest('hex').slice(0, 32), files: relative };
}

/**
 * The lockfiles the dependency cache key is computed from, hashed. Globs the user gave that match
 * nothing are a typo to report now; with no lockfile at all, the dependencies are spelled out in
 * the Dockerfile itself, so its hash stands in (and `files` stays empty).
 */
export async function resolveLockfiles(
  inputs: Pick<Inputs, 'dependencyCacheLockfiles' | 'context' | 'file'>,
  workspace: string,
  warn: (message: string) => void = core.warning,
): Promise<LockfileHash> {
  const found = await hashLockfiles(
    lockfilePatterns(inputs.dependencyCacheLockfiles, workspace, inputs.context),
    workspace,
    warn,
  );
  if (inputs.dependencyCacheLockfiles.length > 0 && found.files.length === 0) {
    throw new InputError(
      Input.DependencyCacheLockfiles,
      `expected globs that match at least one file; '${inputs.dependencyCacheLockfiles.join(', ')}' matched none`,
    );
  }
  if (found.files.length > 0) return found;
  const dockerfile = await hashLockfiles([path.resolve(workspace, dockerfilePath(inputs))], workspace, warn);
  return { hash: dockerfile.hash, files: [] };
}
