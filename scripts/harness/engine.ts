// The Docker engine's state as a test sees it. What "a fresh runner" means on the shared local
// engine: BuildKit's cache and the images go, only the registry (and whatever the action itself
// saved) survives.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
function removeUntaggedImages(): void {
  execFileSync('docker', ['image', 'prune', '--force'], { stdio: 'ignore' });
}

/** The containerd dockerd runs for itself, where the containerd image store keeps images and snapshots. */
const ENGINE_CONTAINERD_SOCKET = '/var/run/docker/containerd/containerd.sock';
const ENGINE_CONTAINERD = ['--address', ENGINE_CONTAINERD_SOCKET, '--namespace', 'moby'];

/**
 * Collects what deletions and finished builds left unreferenced, now rather than when containerd's
 * GC next gets round to it (on a busy machine, seconds later). A snapshot left pending is often the
 * very chain the next build of the same project exports: its unpack finds it, then loses it to the
 * deferred GC and fails with "parent snapshot … does not exist" (moby/buildkit#6521, fixed in
 * BuildKit by #6558, not in this engine). Deleting a lease with --sync runs the collection and waits
 * for it. Skipped where the engine's containerd is elsewhere (an engine the stack did not start).
 */
export function collectEngineGarbage(): void {
  if (!existsSync(ENGINE_CONTAINERD_SOCKET)) return;
  const lease = execFileSync('ctr', [...ENGINE_CONTAINERD, 'leases', 'create'], { encoding: 'utf8' }).trim();
  execFileSync('ctr', [...ENGINE_CONTAINERD, 'leases', 'delete', '--sync', lease], { stdio: 'ignore' });
}

/** Leaves no image without a tag and no garbage pending in the engine: after a suite, or for a fresh runner. */
export function tidyEngine(): void {
  removeUntaggedImages();
  collectEngineGarbage();
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
