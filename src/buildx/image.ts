import * as exec from '@actions/exec';

/** The image's layers as content digests (diff IDs), bottom to top; the same content gives the same list. */
export async function imageLayerIds(image: string): Promise<string[] | undefined> {
  const result = await exec.getExecOutput(
    'docker',
    ['image', 'inspect', '--format', '{{json .RootFS.Layers}}', image],
    {
      ignoreReturnCode: true,
      silent: true,
    },
  );
  if (result.exitCode !== 0) return undefined;
  try {
    const layers: unknown = JSON.parse(result.stdout.trim());
    return Array.isArray(layers) && layers.every((l) => typeof l === 'string') ? layers : undefined;
  } catch {
    return undefined;
  }
}
