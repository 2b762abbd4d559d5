import { Build } from '@docker/actions-toolkit/lib/buildx/build.js';

import type { BuildPushInputs, Inputs } from '../inputs/parse.js';
import { dockerfilePath } from '../inputs/workspace.js';
import type { LayerCachePlan } from './layer-cache.js';

export interface BuildFiles {
  metadataFile: string;
  imageIdFile: string;
  /** `--secret` values, already written to files by the secrets module. */
  secretSpecs: string[];
}

export type BuildInputs = Pick<
  Inputs,
  'context' | 'file' | 'tags' | 'push' | 'load' | 'platforms' | 'buildArgs' | 'target' | 'labels' | 'network'
> &
  Partial<BuildPushInputs>;

export interface BuildOutputs {
  /** `--load`: the user asked for it, or the docker driver must be told to keep its copy. */
  load: boolean;
  /** Also write the image as an OCI layout directory (for the report's measurement). */
  layoutDir: string | undefined;
  /** `--attest` values (see attestations.ts). */
  attests?: string[];
}

/** The progress step BuildKit ends when the layout is written (the cache export may still follow). */
export const LAYOUT_EXPORT_STEP = 'exporting to oci image format';

/** Arguments after `docker buildx` for the build itself; user values are separate array items, never shell text. */
export function planBuildArgs(
  inputs: BuildInputs,
  builderName: string,
  layerCache: LayerCachePlan,
  files: BuildFiles,
  outputs: BuildOutputs = { load: inputs.load, layoutDir: undefined },
): string[] {
  const args = ['build', '--builder', builderName, '--progress', 'rawjson'];
  args.push('--file', dockerfilePath(inputs));
  // As build-push-action: a local or tar export has no image, so no image ID file.
  const exportsFiles =
    Build.hasLocalExporter(inputs.outputs ?? []) || Build.hasTarExporter(inputs.outputs ?? []);
  if (!exportsFiles) args.push('--iidfile', files.imageIdFile);
  args.push('--metadata-file', files.metadataFile);
  for (const tag of inputs.tags) args.push('--tag', tag);
  if (inputs.platforms.length > 0) args.push('--platform', inputs.platforms.join(','));
  for (const arg of inputs.buildArgs) args.push('--build-arg', arg);
  for (const label of inputs.labels) args.push('--label', label);
  for (const secret of files.secretSpecs) args.push('--secret', secret);
  if (inputs.target) args.push('--target', inputs.target);
  if (inputs.network) args.push('--network', inputs.network);
  for (const from of layerCache.cacheFrom) args.push('--cache-from', from);
  for (const to of layerCache.cacheTo) args.push('--cache-to', to);
  if (inputs.push) args.push('--push');
  if (outputs.load) args.push('--load');
  if (outputs.layoutDir) args.push('--output', `type=oci,tar=false,dest=${outputs.layoutDir}`);
  args.push(...buildPushArgs(inputs, outputs.attests ?? []));
  args.push(inputs.context);
  return args;
}

/** build-push-action's pass-through flags, each as its getArgs writes it. */
function buildPushArgs(inputs: Partial<BuildPushInputs>, attests: string[]): string[] {
  const args: string[] = [];
  const each = (flag: string, values: string[] | undefined) => {
    for (const value of values ?? []) args.push(flag, value);
  };
  const one = (flag: string, value: string | undefined) => {
    if (value) args.push(flag, value);
  };
  each('--add-host', inputs.addHosts);
  each('--allow', inputs.allow);
  each('--annotation', inputs.annotations);
  each('--build-context', inputs.buildContexts);
  one('--call', inputs.call);
  one('--cgroup-parent', inputs.cgroupParent);
  each('--no-cache-filter', inputs.noCacheFilters);
  each('--output', inputs.outputs);
  each('--attest', attests);
  one('--shm-size', inputs.shmSize);
  each('--ssh', inputs.ssh);
  each('--ulimit', inputs.ulimit);
  if (inputs.noCache) args.push('--no-cache');
  if (inputs.pull) args.push('--pull');
  return args;
}
