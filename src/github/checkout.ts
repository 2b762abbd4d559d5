// Which commit the workspace holds, read from `.git` without running git: a dispatched run that
// checked out something other than the commit it was dispatched on (a pull request's head, often)
// builds code the ref does not vouch for.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** What `.git` says HEAD is: a commit, or a ref to look up in `refs`/`packed-refs`. */
export function headCommitOf(
  head: string,
  readRef: (ref: string) => string | undefined,
  packedRefs: string,
): string | undefined {
  const text = head.trim();
  if (SHA.test(text)) return text;
  const ref = /^ref:\s*(refs\/\S+)$/.exec(text)?.[1];
  if (!ref || ref.split('/').includes('..')) return undefined;
  const loose = readRef(ref)?.trim();
  if (loose && SHA.test(loose)) return loose;
  for (const line of packedRefs.split('\n')) {
    const [sha, name] = line.trim().split(/\s+/);
    if (name === ref && sha && SHA.test(sha)) return sha;
  }
  return undefined;
}

/** The commit checked out in `dir` (or the repository above it, up to `root`); undefined when unknown. */
export function checkedOutCommit(dir: string, root: string): string | undefined {
  try {
    const gitDir = findGitDir(path.resolve(dir), path.resolve(root));
    if (!gitDir) return undefined;
    const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
    return headCommitOf(
      read(path.join(gitDir, 'HEAD')) ?? '',
      (ref) => read(path.join(gitDir, ref)),
      read(path.join(gitDir, 'packed-refs')) ?? '',
    );
  } catch {
    return undefined;
  }
}

function findGitDir(start: string, root: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const dotGit = path.join(dir, '.git');
    if (existsSync(dotGit)) {
      if (statSync(dotGit).isDirectory()) return dotGit;
      // A worktree or submodule: `.git` is a file naming the real directory.
      const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
      return pointer ? path.resolve(dir, pointer) : undefined;
    }
    if (dir === root || path.dirname(dir) === dir) return undefined;
  }
}
