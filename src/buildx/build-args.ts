import type { Inputs } from '../inputs/parse.js';
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
>;

/** The Dockerfile path: `file`, else `<context>/Dockerfile`. */
/** Arguments after `docker buildx` for the build itself; user values are separate array items, never shell text. */
export function planBuildArgs(
  inputs: BuildInputs,
  builderName: string,
  layerCache: LayerCachePlan,
  files: BuildFiles,
  loadImage = inputs.load,
): string[] {
  const args = ['build', '--builder', builderName, '--progress', 'rawjson'];
  args.push('--file', dockerfilePath(inputs));
  args.push('--iidfile', files.imageIdFile, '--metadata-file', files.metadataFile);
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
  if (loadImage) args.push('--load');
  args.push(inputs.context);
  return args;
}

// Every flag planBuildArgs writes with a value after it, so that a value is never read as a flag.
const FLAGS_WITH_VALUE = new Set([
  '--builder',
  '--progress',
  '--file',
  '--iidfile',
  '--metadata-file',
  '--tag',
  '--platform',
  '--build-arg',
  '--label',
  '--secret',
  '--target',
  '--network',
  '--cache-from',
  '--cache-to',
]);
// What the layout export must not repeat: it reads the builder's own cache, loads and pushes nothing,
// and must not overwrite the build's ID and metadata files.
const NOT_FOR_EXPORT = new Set([
  '--progress',
  '--iidfile',
  '--metadata-file',
  '--cache-from',
  '--cache-to',
  '--push',
  '--load',
]);

/**
 * The build again, exporting an OCI layout directory instead: every step is in the builder's cache
 * right after the build, so this only writes out the image's blobs (and only those not in `directory`).
 */
export function planLayoutExportArgs(buildArgs: string[], directory: string): string[] {
  const context = buildArgs.at(-1);
  if (buildArgs[0] !== 'build' || context === undefined)
    throw new Error('planLayoutExportArgs expects the arguments of a build');
  const args = ['build'];
  for (let index = 1; index < buildArgs.length - 1; index++) {
    const flag = buildArgs[index]!;
    const taken = FLAGS_WITH_VALUE.has(flag) ? [flag, buildArgs[++index]!] : [flag];
    if (!NOT_FOR_EXPORT.has(flag)) args.push(...taken);
  }
  args.push('--progress', 'plain', '--provenance', 'false', '--sbom', 'false');
  args.push('--output', `type=oci,tar=false,dest=${directory}`, context);
  return args;
}
