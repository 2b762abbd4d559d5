// What every e2e suite does before and after its tests, said once: the stack must be up; the suite
// gets a workspace, a cache directory, a repository of its own and the stand-in services it names
// (a wheel index for its project, the Actions cache service, GitHub's API, a TCP endpoint to the
// engine's BuildKit, a docker CLI that records and fails calls); afterwards all of it goes. Each
// suite states only what differs:
//
//   const suite = useStack({
//     image: 'e2e-core',
//     workspace: { project: 'pip-small' },
//     wheels: { payloadMB: 4 },
//   });
//   const { image, workspace, wheels: index } = suite;
//   ...
//   suite.freshRunner();
//   const run = await suite.run({ inputs: { driver: 'docker', image } });
//
// Names are fixed when the suite is declared, so that input maps can use them; directories are made
// and services started in its beforeAll, and a service named in the describe body can be used from
// then on.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

import {
  collectEngineGarbage,
  docker,
  removeImages,
  tidyEngine,
  wipeBuilder,
} from '../../../scripts/harness/engine.js';
import { makeAptRepository } from '../../../scripts/harness/fixtures/apt-repository.js';
import { copyProject, writeProject } from '../../../scripts/harness/fixtures/projects.js';
import { makeProjectWheels } from '../../../scripts/harness/fixtures/wheels.js';
import { uniqueRepository } from '../../../scripts/harness/registry.js';
import { pushEvent, type Trigger } from '../../../scripts/harness/runner/events.js';
import {
  removeRunners,
  runAction,
  type ActionRun,
  type RunActionOptions,
} from '../../../scripts/harness/runner/run-action.js';
import type { BuildkitProxy } from '../../../scripts/harness/services/buildkit-proxy.js';
import type { CacheService } from '../../../scripts/harness/services/cache-service.js';
import type { GitHubApi, GitHubApiOptions } from '../../../scripts/harness/services/github-api.js';
import type { WheelIndex } from '../../../scripts/harness/services/wheel-index.js';
import {
  assertStackRunning,
  assertStandinBuilderImage,
  STACK_HOME,
  startStack,
  type StackHandle,
  type StackOptions,
} from '../../../scripts/harness/stack.js';
import { DockerWrapper } from './docker-wrapper.js';

/** The wheel index's rate unless a suite names one: slow enough that a cache of the downloads pays (see cache/download-policy.ts). */
const DEFAULT_WHEEL_RATE_MB_PER_S = 20;

export interface SuiteOptions {
  /** A repository of the suite's own, named from this prefix; its images are removed after the suite. */
  image?: string;
  /** The workspace: a copy of a fixture project, or the files given. */
  workspace?: { project: string } | { files: Record<string, string> };
  /** A directory for `cache-backend: local`. */
  cacheDir?: true;
  /**
   * A wheel index on 127.0.0.1:8765 with the wheels the workspace's requirements.txt pins and the
   * `extra` requirements a test adds later, each `payloadMB` big, served at `rateMBps` (20 by default).
   */
  wheels?: { payloadMB: number; rateMBps?: number; extra?: string[] };
  /**
   * A flat apt repository of real Debian packages (made once under the stack's home from the Debian
   * mirror, scripts/stack/apt-repo.sh) on 127.0.0.1:8766, served at `rateMBps`.
   */
  aptRepository?: { packages: string[]; rateMBps: number };
  /** The Actions cache service; `onDisk` keeps its entries in a directory rather than in memory. */
  cacheService?: { onDisk?: boolean };
  /** GitHub's API: runs get its URL and GITHUB_WORKFLOW=ci. */
  githubApi?: GitHubApiOptions;
  /** A TCP endpoint to the engine's own BuildKit, for `driver: remote`. */
  buildkitProxy?: true;
  /** The stand-in for moby/buildkit must be in the registry (the docker-container driver's tests). */
  standinBuilder?: true;
  /** docker-wrapper.sh in front of the real docker CLI, for jobs that are given its env. */
  dockerWrapper?: true;
  /** The jobs load untagged images into the engine (there is no `image` input): remove them after the suite. */
  untaggedImages?: true;
}

interface SuiteServices {
  wheels: WheelIndex;
  cacheService: CacheService;
  githubApi: GitHubApi;
  buildkitProxy: BuildkitProxy;
  dockerWrapper: DockerWrapper;
}

/** A job of the suite: runAction's options, its trigger spread in (`...pullRequestEvent(5, 'x')`). */
export type JobOptions = Omit<RunActionOptions, 'event' | 'ref'> & Partial<Trigger>;

export interface SuiteHandle {
  /**
   * A fresh runner, as on GitHub: BuildKit's cache wiped (the default builder), the suite's images
   * gone, the wheel index's counts back to zero. The registry and the action's caches remain.
   */
  freshRunner(): void;
  /**
   * One job: main and post, in the suite's workspace, on a push to main unless a trigger is spread
   * in, with the services' variables (a cache token for the trigger's scopes, GitHub's API) under
   * the job's own `env`.
   */
  run(options?: JobOptions): Promise<ActionRun>;
  /** Another repository of the suite's own; its images are removed after the suite. */
  repository(prefix: string): string;
  /** A new directory, removed after the suite (call it in a hook or a test). */
  tempDir(prefix: string): string;
}

type Has<O, K extends keyof SuiteOptions, T> = O extends Record<K, unknown> ? T : unknown;

/** A suite's handle: its names, and each service it asked for. */
export type Suite<O extends SuiteOptions> = SuiteHandle &
  Has<O, 'image', { image: string }> &
  Has<O, 'workspace', { workspace: string }> &
  Has<O, 'cacheDir', { cacheDir: string }> & {
    [K in keyof O & keyof SuiteServices]-?: SuiteServices[K];
  };

/** Declares the suite's set-up and tear-down (beforeAll, afterAll) and returns its handle. */
export function useStack<const O extends SuiteOptions>(options: O): Suite<O> {
  const image = options.image ? uniqueRepository(options.image) : undefined;
  const repositories = image ? [image] : [];
  const workspace = options.workspace ? plannedDir(workspaceName(options.workspace)) : undefined;
  const cacheDir = options.cacheDir ? plannedDir('dfb-e2e-cache-') : undefined;
  const tempDirs: string[] = [];
  const imageIds = new Set<string>();
  const services = {
    wheels: late<WheelIndex>('the wheel index'),
    cacheService: late<CacheService>('the cache service'),
    githubApi: late<GitHubApi>("GitHub's API"),
    buildkitProxy: late<BuildkitProxy>('the BuildKit proxy'),
    dockerWrapper: late<DockerWrapper>('the docker wrapper'),
  };
  let stack: StackHandle | undefined;
  let engineUp = false;

  beforeAll(async () => {
    assertStackRunning();
    engineUp = true;
    if (options.standinBuilder) await assertStandinBuilderImage();
    if (workspace) makeWorkspace(options.workspace!, workspace);
    if (cacheDir) mkdirSync(cacheDir);
    const wanted: StackOptions = {};
    if (options.wheels) {
      const { payloadMB, rateMBps = DEFAULT_WHEEL_RATE_MB_PER_S, extra } = options.wheels;
      if (!workspace)
        throw new Error('useStack: wheels are made for the workspace’s requirements: name a workspace');
      wanted.wheels = { dir: await makeProjectWheels(workspace, payloadMB, extra), rateMBps };
    }
    if (options.aptRepository) {
      const { packages, rateMBps } = options.aptRepository;
      wanted.aptRepository = { dir: makeAptRepository(path.join(STACK_HOME, 'e2e-apt'), packages), rateMBps };
    }
    if (options.cacheService)
      wanted.cacheService = options.cacheService.onDisk
        ? { dataDir: suite.tempDir('dfb-e2e-cache-service-') }
        : {};
    if (options.githubApi) wanted.githubApi = options.githubApi;
    if (options.buildkitProxy) wanted.buildkitProxy = true;
    const started = await startStack(wanted);
    stack = started;
    services.wheels.bind(started.wheels);
    services.cacheService.bind(started.cacheService);
    services.githubApi.bind(started.githubApi);
    services.buildkitProxy.bind(started.buildkitProxy);
    if (options.dockerWrapper) services.dockerWrapper.bind(new DockerWrapper());
  });

  afterAll(async () => {
    await stack?.close();
    services.dockerWrapper.current?.remove();
    for (const service of Object.values(services)) service.bind(undefined);
    if (engineUp) for (const repository of repositories) removeImages(repository);
    if (engineUp && imageIds.size > 0) await docker('image', 'rm', '--force', ...imageIds).catch(() => '');
    if (engineUp) tidyEngine();
    for (const dir of [workspace, cacheDir, ...tempDirs])
      if (dir) rmSync(dir, { recursive: true, force: true });
    removeRunners();
  });

  const handle: SuiteHandle = {
    freshRunner() {
      wipeBuilder();
      if (image) removeImages(image);
      tidyEngine();
      if (options.wheels) services.wheels.handle.resetCounts();
    },
    async run({ event, ref, env, ...job } = {}) {
      const trigger: Trigger = event ? { event, ref: ref ?? 'refs/heads/main' } : pushEvent('main');
      const run = await runAction({
        workspace,
        ...job,
        ...trigger,
        env: {
          ...stack?.envFor(trigger),
          ...(options.githubApi ? { GITHUB_WORKFLOW: 'ci' } : {}),
          ...env,
        },
      });
      if (options.untaggedImages && run.outputs.imageid) imageIds.add(run.outputs.imageid);
      // What the job's build let go of is collected before the next job builds the same chains.
      if (engineUp) collectEngineGarbage();
      return run;
    },
    repository(prefix) {
      const repository = uniqueRepository(prefix);
      repositories.push(repository);
      return repository;
    },
    tempDir(prefix) {
      const dir = mkdtempSync(path.join(tmpdir(), prefix));
      tempDirs.push(dir);
      return dir;
    },
  };
  const suite = {
    ...handle,
    ...(image ? { image } : {}),
    ...(workspace ? { workspace } : {}),
    ...(cacheDir ? { cacheDir } : {}),
    ...Object.fromEntries(
      Object.entries(services)
        .filter(([name]) => name in options)
        .map(([name, service]) => [name, service.handle]),
    ),
  };
  return suite as Suite<O>;
}

function workspaceName(workspace: NonNullable<SuiteOptions['workspace']>): string {
  if ('project' in workspace) return `dfb-e2e-${workspace.project}-`;
  return 'dfb-e2e-workspace-';
}

function makeWorkspace(workspace: NonNullable<SuiteOptions['workspace']>, dir: string): void {
  if ('project' in workspace) copyProject(workspace.project, dir);
  else {
    mkdirSync(dir);
    writeProject(dir, workspace.files);
  }
}

/** A directory's name, fixed now, the directory made in beforeAll. */
function plannedDir(prefix: string): string {
  return path.join(tmpdir(), `${prefix}${randomBytes(6).toString('hex')}`);
}

/**
 * Stands for an object made in beforeAll: the describe body can name it, and a test can use it
 * once beforeAll has made it (and until afterAll ends it).
 */
function late<T extends object>(
  what: string,
): { handle: T; current: T | undefined; bind(value: T | undefined): void } {
  const slot: { handle: T; current: T | undefined; bind(value: T | undefined): void } = {
    current: undefined,
    bind(value) {
      slot.current = value;
    },
    handle: new Proxy({} as T, {
      get(_target, property) {
        const value = slot.current;
        if (!value) throw new Error(`${what} is used outside the tests of the suite that started it`);
        const member: unknown = Reflect.get(value, property, value);
        return typeof member === 'function' ? member.bind(value) : member;
      },
      set(_target, property, newValue) {
        const value = slot.current;
        if (!value) throw new Error(`${what} is used outside the tests of the suite that started it`);
        return Reflect.set(value, property, newValue, value);
      },
    }),
  };
  return slot;
}
