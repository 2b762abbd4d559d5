import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import * as glob from '@actions/glob';

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

/** Lockfile globs: the `lockfiles` input (relative to the workspace) or the defaults, anywhere under the context. */
export function lockfilePatterns(userPatterns: string[], workspace: string, context: string): string[] {
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

/** One sha256 over the sorted (path, content) pairs, so renaming or editing any lockfile changes it. */
export async function hashLockfiles(patterns: string[], workspace: string): Promise<LockfileHash> {
  const globber = await glob.create(patterns.join('\n'), {
    followSymbolicLinks: false,
    implicitDescendants: false,
  });
  const files: string[] = [];
  for (const match of await globber.glob()) {
    if ((await stat(match)).isFile()) files.push(match);
  }
  const relative = files.map((file) => path.relative(workspace, file).split(path.sep).join('/')).sort();
  const digest = createHash('sha256');
  for (const file of relative) {
    digest.update(`${file}\0`);
    digest.update(
      createHash('sha256')
        .update(await readFile(path.join(workspace, file)))
        .digest(),
    );
  }
  return { hash: digest.digest('hex').slice(0, 32), files: relative };
}
