// The Docker engine's state as a test sees it. What "a fresh runner" means on the shared local
// engine: BuildKit's cache and the images go, only the registry (and whatever the action itself
// saved) survives.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** `docker …` without blocking this process: needed where a proxy in this process carries the call. */
export async function docker(...args: string[]): Promise<string> {
  return (await promisify(execFile)('docker', args)).stdout;
}

export function wipeBuilder(builder = 'default'): void {
  execFileSync('docker', ['buildx', 'prune', '--all', '--force', '--builder', builder], { stdio: 'ignore' });
}

export function removeImages(repository: string): void {
  const ids = execFileSync('docker', ['image', 'ls', '--quiet', '--no-trunc', repository], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
  if (ids.length > 0)
    execFileSync('docker', ['image', 'rm', '--force', ...new Set(ids)], { stdio: 'ignore' });
}

/**
 * Removes the images no tag names any more: a build that tags a name an earlier build had leaves the
 * earlier image behind, a few hundred MB each, which no repository's removal finds.
 */
export function removeUntaggedImages(): void {
  execFileSync('docker', ['image', 'prune', '--force'], { stdio: 'ignore' });
}

/** Reads one file out of a local image without running it. */
export function readFileFromImage(image: string, file: string): string {
  const container = execFileSync('docker', ['create', image], { encoding: 'utf8' }).trim();
  try {
    const tar = execFileSync('docker', ['cp', `${container}:${file}`, '-']);
    // `docker cp … -` writes a tar stream: a 512-byte header, then the file's bytes.
    const size = parseInt(tar.subarray(124, 136).toString('ascii').replace(/\0.*$/, '').trim(), 8);
    return tar.subarray(512, 512 + size).toString('utf8');
  } finally {
    execFileSync('docker', ['rm', '--force', container], { stdio: 'ignore' });
  }
}

/**
 * Builds `dockerfile` (from stdin, with an empty context) on the engine's own builder and pushes it
 * as `tag`: a base image of a test's own. Throws on failure.
 */
export function pushImage(tag: string, dockerfile: string): void {
  const context = mkdtempSync(path.join(tmpdir(), 'dfb-e2e-context-'));
  try {
    execFileSync('docker', ['buildx', 'build', '--builder', 'default', '--push', '-t', tag, '-f', '-', '.'], {
      input: dockerfile,
      cwd: context,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

/** Names of the builders buildx knows (asynchronous: `buildx ls` asks a remote builder through a proxy in this process). */
export async function buildxBuilders(): Promise<string[]> {
  // One JSON object per builder (the Go template would print its nodes' names too).
  return (await docker('buildx', 'ls', '--format', 'json'))
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { Name: string }).Name);
}
