// Measures what a local build context sends, the way Docker decides it from .dockerignore.
// The only effectful module of the advice engine: it lists directories and lstat()s files, never reads them.
import dockerignore from '@balena/dockerignore';
import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import pLimit from 'p-limit';

import type { ContextEntry, ContextFacts } from './types.js';

/** Directories an image never needs that often end up in a context. `venv` counts only with a pyvenv.cfg. */
const HEAVY_DIR_NAMES = new Set([
  '.git',
  'node_modules',
  '__pycache__',
  '.venv',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
]);
/** Decimal, like every size the report prints. */
export const LARGE_FILE_BYTES = 50_000_000;
const MAX_LISTED = 10;
// Enough parallel fs calls to hide latency without exhausting libuv's thread pool or file handles.
const MAX_PARALLEL_FS_CALLS = 32;

export interface MeasureOptions {
  /**
   * The Dockerfile, absolute or relative to the context (default: `Dockerfile`). Docker always sends it,
   * and a `<Dockerfile>.dockerignore` beside it takes precedence over the context's `.dockerignore`.
   */
  dockerfile?: string;
}

export async function measureContext(
  contextDir: string,
  options: MeasureOptions = {},
): Promise<ContextFacts> {
  const root = path.resolve(contextDir);
  const rootStats = await stat(root).catch(() => null);
  if (!rootStats?.isDirectory()) throw new Error(`The build context ${contextDir} is not a directory.`);
  const dockerfile = path.resolve(root, options.dockerfile ?? 'Dockerfile');
  const patterns =
    (await readIgnoreFile(`${dockerfile}.dockerignore`)) ??
    (await readIgnoreFile(path.join(root, '.dockerignore')));
  const dockerfileInContext = path.relative(root, dockerfile).split(path.sep).join('/');
  const selection = new ContextSelection(patterns ?? [], ['.dockerignore', dockerfileInContext]);
  const tally = new Tally();
  const limit = pLimit(MAX_PARALLEL_FS_CALLS);

  const walk = async (relativeDir: string, heavyRoot: string | null): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await limit(() => readdir(path.join(root, relativeDir), { withFileTypes: true }));
    } catch {
      return; // unreadable or vanished: Docker would fail on it, we just cannot measure it
    }
    const name = path.posix.basename(relativeDir);
    const isHeavy =
      relativeDir !== '' &&
      (HEAVY_DIR_NAMES.has(name) ||
        (name === 'venv' && entries.some((entry) => entry.name === 'pyvenv.cfg')));
    const heavy = heavyRoot ?? (isHeavy ? relativeDir : null);
    const work: Promise<void>[] = [];
    for (const entry of entries) {
      const relative = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
      // Symlinks are not directories here, so they are counted as links and never followed.
      if (entry.isDirectory()) {
        if (selection.mayHoldSentFiles(relative)) work.push(walk(relative, heavy));
      } else if (selection.sends(relative)) {
        work.push(
          limit(() => lstat(path.join(root, relative))).then(
            (stats) => tally.add(relative, stats.size, heavy),
            () => undefined,
          ),
        );
      }
    }
    await Promise.all(work);
  };
  await walk('', null);
  return tally.facts(patterns !== null);
}

/** Docker's file selection: .dockerignore patterns, `!` exceptions, plus files Docker always sends. */
class ContextSelection {
  private readonly matcher;
  private readonly exceptions: string[][];
  private readonly alwaysSent: Set<string>;

  constructor(patterns: string[], alwaysSent: string[]) {
    // Docker matches case-sensitively on Linux; the library defaults to ignoring case.
    // The package is CommonJS with `module.exports.default = factory`: `.default` works under every loader.
    this.matcher = dockerignore.default({ ignorecase: false }).add(patterns);
    this.exceptions = patterns
      .map((pattern) => pattern.trim())
      .filter((pattern) => pattern.startsWith('!'))
      .map((pattern) => path.posix.normalize(pattern.slice(1).trim()).replace(/^\/+/, '').split('/'));
    this.alwaysSent = new Set(alwaysSent);
  }

  sends(relativeFile: string): boolean {
    return this.alwaysSent.has(relativeFile) || !this.matcher.ignores(relativeFile);
  }

  /** False only when the directory is excluded and no `!` exception can reach inside it, so it can be skipped. */
  mayHoldSentFiles(relativeDir: string): boolean {
    if (!this.matcher.ignores(relativeDir)) return true;
    const dir = relativeDir.split('/');
    if ([...this.alwaysSent].some((file) => file.startsWith(`${relativeDir}/`))) return true;
    return this.exceptions.some((pattern) => {
      for (let i = 0; i < Math.min(pattern.length, dir.length); i++) {
        const segment = pattern[i] as string;
        if (/[*?[\\]/.test(segment)) return true; // a wildcard may match here: look inside
        if (segment !== dir[i]) return false;
      }
      return true; // the exception leads into this directory or names one of its parents
    });
  }
}

class Tally {
  private totalBytes = 0;
  private fileCount = 0;
  private readonly topLevel = new Map<string, number>();
  private readonly heavyDirs = new Map<string, number>();
  private readonly largeFiles: ContextEntry[] = [];

  add(relative: string, bytes: number, heavyRoot: string | null): void {
    this.totalBytes += bytes;
    this.fileCount += 1;
    const top = relative.split('/')[0] as string;
    this.topLevel.set(top, (this.topLevel.get(top) ?? 0) + bytes);
    if (heavyRoot !== null) this.heavyDirs.set(heavyRoot, (this.heavyDirs.get(heavyRoot) ?? 0) + bytes);
    if (bytes >= LARGE_FILE_BYTES) this.largeFiles.push({ path: relative, bytes });
  }

  facts(hasDockerignore: boolean): ContextFacts {
    return {
      hasDockerignore,
      totalBytes: this.totalBytes,
      fileCount: this.fileCount,
      largest: descending([...this.topLevel].map(([path, bytes]) => ({ path, bytes }))).slice(0, MAX_LISTED),
      sentHeavyDirs: descending(groupByName(this.heavyDirs)),
      largeFiles: descending(this.largeFiles).slice(0, MAX_LISTED),
    };
  }
}

// One __pycache__ per package would drown the list: several dirs of one name become one `**/name` entry.
function groupByName(dirs: Map<string, number>): ContextEntry[] {
  const byName = new Map<string, ContextEntry[]>();
  for (const [dir, bytes] of dirs) {
    const name = path.posix.basename(dir);
    byName.set(name, [...(byName.get(name) ?? []), { path: dir, bytes }]);
  }
  return [...byName].map(([name, entries]) =>
    entries.length === 1
      ? (entries[0] as ContextEntry)
      : { path: `**/${name}`, bytes: entries.reduce((sum, entry) => sum + entry.bytes, 0) },
  );
}

function descending(entries: ContextEntry[]): ContextEntry[] {
  return entries.sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path));
}

async function readIgnoreFile(file: string): Promise<string[] | null> {
  try {
    return (await readFile(file, 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/);
  } catch {
    return null;
  }
}
