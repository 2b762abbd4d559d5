// Facts about the Docker engine and an existing builder, read before planning: they decide the
// driver `auto` picks and whether the build can write the OCI layout the report measures.
import * as exec from '@actions/exec';

import type { BuildxCli } from './cli.js';

export interface EngineFacts {
  /** The engine answered `docker info`. */
  reachable: boolean;
  /** The engine keeps images in containerd, so its own BuildKit can export caches and OCI layouts. */
  containerdStore: boolean;
}

const probes = new Map<string, Promise<EngineFacts>>();

/**
 * `docker info` of the default engine (''), or of the docker context `endpoint` names; asked once
 * per context, so the entry point can begin it for the default engine while the action loads.
 */
export function probeEngine(dockerContext: string): Promise<EngineFacts> {
  let probe = probes.get(dockerContext);
  if (!probe) {
    probe = askEngine(dockerContext);
    probes.set(dockerContext, probe);
  }
  return probe;
}

/** `docker <args>` against the engine of `dockerContext` ('' for the default), quietly, whatever its exit code. */
export function runDocker(dockerContext: string, args: string[]): Promise<exec.ExecOutput> {
  const context = dockerContext ? ['--context', dockerContext] : [];
  return exec.getExecOutput('docker', [...context, ...args], { ignoreReturnCode: true, silent: true });
}

async function askEngine(dockerContext: string): Promise<EngineFacts> {
  const result = await runDocker(dockerContext, ['info', '--format', '{{json .DriverStatus}}']);
  if (result.exitCode !== 0) return { reachable: false, containerdStore: false };
  return { reachable: true, containerdStore: result.stdout.includes('io.containerd.snapshotter') };
}

/** The driver of an existing builder, from `buildx inspect`; undefined when buildx does not say. */
export async function inspectBuilderDriver(buildx: BuildxCli, name: string): Promise<string | undefined> {
  const result = await buildx.run(['inspect', name]);
  if (result.exitCode !== 0) return undefined;
  return /^Driver:\s*(\S+)/m.exec(result.stdout)?.[1];
}

/**
 * What `driver: auto` picks: the engine's own BuildKit when the engine keeps images in containerd
 * (it then exports layer caches and layouts itself, and no builder has to start), else a
 * docker-container builder.
 */
export function autoDriver(engine: EngineFacts): { driver: 'docker' | 'docker-container'; reason: string } {
  if (engine.containerdStore)
    return {
      driver: 'docker',
      reason: "the engine's own BuildKit, as the engine keeps images in containerd",
    };
  return {
    driver: 'docker-container',
    reason: engine.reachable
      ? 'a docker-container builder, as the engine keeps images in its classic store, where its own BuildKit cannot export a layer cache'
      : 'a docker-container builder, as no Docker engine answered',
  };
}
