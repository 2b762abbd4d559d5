// Helpers for end-to-end tests on the real stack (scripts/stack/up.sh starts it; `npm test` runs that first).
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { makeWheel } from '../../../scripts/harness/fixtures/wheels.js';
import { ACTION_DIR } from '../../../scripts/harness/runner/run-action.js';
import { serveWheels } from '../../../scripts/harness/services/wheel-index.js';
import { STACK_HOME } from '../../../scripts/harness/stack.js';
import { scopeDirName } from '../../../src/cache/backends/local.js';

export const REGISTRY = '127.0.0.1:5000';
/** The moby/buildkit stand-in scripts/stack/buildkit-standin.sh builds (an engine's BuildKit, not buildkitd). */
export const BUILDKIT_STANDIN = `${REGISTRY}/dfb/buildkit-standin:local`;
const MB = 1024 * 1024;

/** Fails fast with a useful message instead of a dozen confusing build failures. */
export function assertStackRunning(): void {
  try {
    execFileSync('docker', ['buildx', 'version'], { stdio: 'ignore' });
    execFileSync('docker', ['info'], { stdio: 'ignore' });
  } catch {
    throw new Error('The Docker engine with buildx is not running: start it with `npm run stack`.');
  }
}

/** A repository name no other test (or earlier run) uses, so every test starts with an empty cache. */
export function uniqueRepository(prefix: string): string {
  return `${REGISTRY}/${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** A private copy of a fixture project under __tests__/fixtures/projects, free to edit. */
export function copyProject(name: string): string {
  const workspace = mkdtempSync(path.join(tmpdir(), `dfb-e2e-${name}-`));
  cpSync(path.join(ACTION_DIR, '__tests__/fixtures/projects', name), workspace, { recursive: true });
  return workspace;
}

/**
 * Makes the wheels a project's requirements.txt pins, plus `extra` requirements a test adds later
 * (each `payloadMB` big), and serves them at `rateMBps`. The default is slow enough that a cache of
 * the downloads pays (see cache/download-policy.ts), as the cache mechanics these tests check assume;
 * tests of that policy pick their own rates.
 */
export async function startWheelIndex(
  workspace: string,
  payloadMB: number,
  rateMBps = 20,
  extra: string[] = [],
) {
  const dir = path.join(STACK_HOME, `wheels-${payloadMB}mb`);
  const requirements = readFileSync(path.join(workspace, 'requirements.txt'), 'utf8')
    .split('\n')
    .concat(extra);
  for (const line of requirements) {
    const match = /^([A-Za-z0-9_.-]+)==(\S+)/.exec(line.trim());
    if (match) await makeWheel(dir, { name: match[1]!, version: match[2], payloadBytes: payloadMB * MB });
  }
  return serveWheels(dir, { rateMBps });
}

/** Where `cache-backend: local` keeps the entries of one cache scope (a push to main by default). */
export function localEntriesDir(cacheDir: string, scope = 'refs/heads/main'): string {
  return path.join(cacheDir, 'dependency-caches', scopeDirName(scope));
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** The digest a tag points at in the local registry, or undefined when the tag does not exist. */
export async function manifestDigest(repository: string, tag: string): Promise<string | undefined> {
  const name = repository.replace(`${REGISTRY}/`, '');
  const response = await fetch(`http://${REGISTRY}/v2/${name}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { accept: MANIFEST_TYPES },
  });
  return response.ok ? (response.headers.get('docker-content-digest') ?? undefined) : undefined;
}

export function pushEvent(branch: string) {
  return {
    event: { name: 'push', payload: { repository: { full_name: 'example/app', default_branch: 'main' } } },
    ref: `refs/heads/${branch}`,
  };
}

export function pullRequestEvent(number: number, head: string, base = 'main', labels: string[] = []) {
  const repository = { full_name: 'example/app', default_branch: 'main' };
  return {
    event: {
      name: 'pull_request',
      payload: {
        repository,
        pull_request: {
          number,
          head: { ref: head, repo: repository },
          base: { ref: base },
          labels: labels.map((name) => ({ name })),
        },
      },
    },
    ref: `refs/pull/${number}/merge`,
  };
}

/** A pull request from a fork (`owner/app`), whose head branch can be named anything, e.g. `release`. */
export function forkPullRequestEvent(number: number, head: string, base = 'main') {
  const repository = { full_name: 'example/app', default_branch: 'main' };
  return {
    event: {
      name: 'pull_request',
      payload: {
        repository,
        pull_request: {
          number,
          head: { ref: head, repo: { full_name: 'stranger/app' } },
          base: { ref: base },
        },
      },
    },
    ref: `refs/pull/${number}/merge`,
  };
}

/** pull_request_target: the pull request's payload, but the run belongs to the base branch (GITHUB_REF). */
export function pullRequestTargetEvent(number: number, head: string, base = 'main') {
  const { event } = forkPullRequestEvent(number, head, base);
  return { event: { ...event, name: 'pull_request_target' }, ref: `refs/heads/${base}` };
}

/**
 * The cache scopes GitHub's runtime token grants for an event, the job's own (read and write)
 * first: a push reads the default branch's too; a pull request its base branch's and the default's.
 */
export function cacheScopes({ event, ref }: ReturnType<typeof pushEvent>): string[] {
  const base = (event.payload as { pull_request?: { base: { ref: string } } }).pull_request?.base.ref;
  return [...new Set([ref, ...(base ? [`refs/heads/${base}`] : []), 'refs/heads/main'])];
}

/** Names of the builders buildx knows (asynchronous: `buildx ls` asks a remote builder through a proxy in this process). */
export async function buildxBuilders(): Promise<string[]> {
  // One JSON object per builder (the Go template would print its nodes' names too).
  const { stdout } = await promisify(execFile)('docker', ['buildx', 'ls', '--format', 'json']);
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { Name: string }).Name);
}

/** The seconds of one run, printed so that the figures per driver and layer cache are in the test log. */
export function logBuildSeconds(label: string, outputs: Record<string, string>): void {
  console.log(
    `${label}: build ${outputs['build-seconds']} s, cached ${outputs['cached-steps']}/${outputs['total-steps']}`,
  );
}
