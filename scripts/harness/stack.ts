// The stack: everything the action runs against here in place of GitHub, Docker Hub and PyPI. Its
// long-lived part — the Docker engine with buildx, the registry on 127.0.0.1:5000, the Python base
// image and the stand-in builder image — is installed and started by scripts/stack/up.sh
// (`npm run stack`); the stand-in services (a wheel index, an apt repository, the Actions cache
// service, GitHub's API, a TCP endpoint to the engine's BuildKit) are started by whoever needs them,
// through startStack. The e2e tests, the demo and the bench all hold the stack through this handle.
import { execFileSync } from 'node:child_process';

import { cacheScopes, type Trigger } from './runner/events.js';
import { BUILDKIT_STANDIN, REGISTRY, manifestDigest } from './registry.js';
import { serveAptRepository, type AptRepository } from './services/apt-repository.js';
import { startBuildkitProxy, type BuildkitProxy } from './services/buildkit-proxy.js';
import { startCacheService, type CacheService } from './services/cache-service.js';
import { startGitHubApi, type GitHubApi, type GitHubApiOptions } from './services/github-api.js';
import { serveWheels, type WheelIndex, type WheelIndexOptions } from './services/wheel-index.js';

/** Where the stack keeps what it makes once per machine (wheels, apt repositories). */
export const STACK_HOME = process.env.DFB_STACK_HOME || '/var/lib/dfb-stack';

/** Fails fast with a useful message instead of a dozen confusing build failures. */
export function assertStackRunning(): void {
  try {
    execFileSync('docker', ['buildx', 'version'], { stdio: 'ignore' });
    execFileSync('docker', ['info'], { stdio: 'ignore' });
  } catch {
    throw new Error('The Docker engine with buildx is not running: start it with `npm run stack`.');
  }
}

/** The docker-container driver's tests need the stand-in builder image in the registry. */
export async function assertStandinBuilderImage(): Promise<void> {
  const [repository, tag] = BUILDKIT_STANDIN.split(/:(?=[^:]+$)/);
  if (!(await manifestDigest(repository!, tag!)))
    throw new Error(`${BUILDKIT_STANDIN} is not in the registry: build it with \`npm run stack\`.`);
}

/** The stand-in services to start beside the engine and the registry. */
export interface StackOptions {
  /** A wheel index serving `dir` (on 127.0.0.1:8765 unless told otherwise). */
  wheels?: WheelIndexOptions & { dir: string };
  /** An apt repository serving `dir` (on 127.0.0.1:8766 unless told otherwise). */
  aptRepository?: { dir: string; port?: number; rateMBps?: number };
  /** The Actions cache service; with `dataDir`, its entries are kept on disk there. */
  cacheService?: { dataDir?: string };
  githubApi?: GitHubApiOptions;
  /** A TCP endpoint to the engine's own BuildKit, for `driver: remote`. */
  buildkitProxy?: true;
}

/** The services a stack was asked for: each there when its option was given, maybe there when it may have been. */
export type StackServices<O extends StackOptions> = {
  [K in keyof O & keyof ServiceKinds]: undefined extends O[K] ? ServiceKinds[K] | undefined : ServiceKinds[K];
};

interface ServiceKinds {
  wheels: WheelIndex;
  aptRepository: AptRepository;
  cacheService: CacheService;
  githubApi: GitHubApi;
  buildkitProxy: BuildkitProxy;
}

export interface StackHandle {
  registry: string;
  /**
   * The variables a job gets from the services for `trigger`: a cache service token for the
   * event's scopes, as GitHub's is, and where GitHub's API is.
   */
  envFor(trigger: Trigger): Record<string, string>;
  /** Stops every service this handle started (idempotent). */
  close(): Promise<void>;
}

export type Stack<O extends StackOptions> = StackHandle & StackServices<O>;

/** Starts the services `options` names; whatever started is stopped again when one fails to start. */
export async function startStack<O extends StackOptions>(options: O): Promise<Stack<O>> {
  const services: Partial<ServiceKinds> = {};
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const stop of closers.splice(0).reverse()) await stop();
  };
  try {
    if (options.wheels) {
      const { dir, ...serving } = options.wheels;
      services.wheels = await serveWheels(dir, serving);
      closers.push(services.wheels.close);
    }
    if (options.aptRepository) {
      const { dir, ...serving } = options.aptRepository;
      services.aptRepository = await serveAptRepository(dir, serving);
      closers.push(services.aptRepository.close);
    }
    if (options.cacheService) {
      services.cacheService = await startCacheService(options.cacheService);
      closers.push(services.cacheService.close);
    }
    if (options.githubApi) {
      services.githubApi = await startGitHubApi(options.githubApi);
      closers.push(services.githubApi.close);
    }
    if (options.buildkitProxy) {
      services.buildkitProxy = await startBuildkitProxy();
      closers.push(services.buildkitProxy.close);
    }
  } catch (error) {
    await close();
    throw error;
  }
  const handle: StackHandle = {
    registry: REGISTRY,
    envFor: (trigger) => ({
      ...(services.cacheService ? services.cacheService.envFor(cacheScopes(trigger)) : {}),
      ...(services.githubApi ? { GITHUB_API_URL: services.githubApi.url } : {}),
    }),
    close,
  };
  return { ...services, ...handle } as Stack<O>;
}
