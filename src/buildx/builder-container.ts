// A docker-container builder keeps BuildKit's state in a container on the runner's engine. What a
// helper build leaves in a snapshot there can be read with `docker cp`, through the engine's API,
// instead of being exported through buildx, whose stream to that BuildKit runs over a `docker exec`
// pipe: 315 MB took 0.6 s by `docker cp` and 2.7 s by `--output type=local` on an idle stand-in
// builder, and the pipe's CPU competes with the image export it runs beside.
import { Builder } from '@docker/actions-toolkit/lib/buildx/builder.js';

import { buildxCliFor, type BuildxCli } from './cli.js';
import type { ConcreteDriver } from '../domain/builder.js';

/** Where BuildKit keeps its snapshots in moby/buildkit's image (and the stand-in's). */
export const BUILDKIT_STATE_DIR = '/var/lib/buildkit';

export interface BuilderContainer {
  /** The node's container: buildx names it `buildx_buildkit_<node>`. */
  name: string;
  /** `docker` and the options that reach the node's engine (`--host` or `--context`). */
  invocation: string[];
}

/**
 * The container of a docker-container builder with one node, from what `buildx inspect` printed;
 * undefined for any other driver or shape, which then exports through buildx as before.
 */
export function builderContainerOf(driver: ConcreteDriver, inspected: string): BuilderContainer | undefined {
  if (driver !== 'docker-container') return undefined;
  const info = Builder.parseInspect(inspected);
  if (info.driver !== 'docker-container' || info.nodes.length !== 1) return undefined;
  const [node] = info.nodes;
  if (!node?.name || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(node.name)) return undefined;
  const endpoint = node.endpoint ?? '';
  const invocation = ['docker'];
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(endpoint)) invocation.push('--host', endpoint);
  else if (/^[A-Za-z0-9][A-Za-z0-9_.+-]*$/.test(endpoint)) invocation.push('--context', endpoint);
  return { name: `buildx_buildkit_${node.name}`, invocation };
}

/**
 * The snapshot directory that holds `fileName` directly inside a directory called `parentName`,
 * from `find`'s output; undefined when there is none. A name made of a fresh nonce is found once
 * per snapshot that has it: the stage that wrote it, and any stage that copied it.
 */
export function snapshotDirOf(found: string, parentName: string, fileName: string): string | undefined {
  const suffix = `/${parentName}/${fileName}`;
  return found
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(`${BUILDKIT_STATE_DIR}/`) && line.endsWith(suffix))
    .filter((line) => !line.split('/').includes('..'))
    .sort()
    .map((line) => line.slice(0, -fileName.length - 1))[0];
}

export interface ContainerCopy {
  /**
   * Copies the contents of the snapshot directory `parentName` that holds `fileName` into
   * `toDir`; rejects, with why, when it is not found or not copied.
   */
  copyOut(parentName: string, fileName: string, toDir: string, signal?: AbortSignal): Promise<void>;
}

export function containerCopy(container: BuilderContainer, docker?: BuildxCli): ContainerCopy {
  const cli = docker ?? buildxCliFor(() => Promise.resolve(container.invocation));
  return {
    async copyOut(parentName, fileName, toDir, signal) {
      const options = signal ? { signal } : {};
      const found = await cli.run(
        ['exec', container.name, 'find', BUILDKIT_STATE_DIR, '-name', fileName, '-type', 'f'],
        options,
      );
      const dir = snapshotDirOf(found.stdout, parentName, fileName);
      if (!dir) {
        const said = lastLine(found.stderr);
        throw new Error(
          `not found under ${BUILDKIT_STATE_DIR} in ${container.name}${said ? ` (${said})` : ''}`,
        );
      }
      // `<dir>/.` copies what is in the directory, not the directory itself.
      const copied = await cli.run(['cp', `${container.name}:${dir}/.`, toDir], options);
      if (copied.exitCode !== 0) throw new Error(`docker cp failed: ${lastLine(copied.stderr)}`);
    },
  };
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}
