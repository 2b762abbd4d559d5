import * as v from 'valibot';

import { jsonObject } from '../domain/json-fields.js';
import { runDocker } from './engine.js';

/** The image's layers as content digests (diff IDs), bottom to top; the same content gives the same list. */
export async function imageLayerIds(image: string, dockerContext = ''): Promise<string[] | undefined> {
  const result = await runDocker(dockerContext, [
    'image',
    'inspect',
    '--format',
    '{{json .RootFS.Layers}}',
    image,
  ]);
  if (result.exitCode !== 0) return undefined;
  try {
    const layers: unknown = JSON.parse(result.stdout.trim());
    return Array.isArray(layers) && layers.every((l) => typeof l === 'string') ? layers : undefined;
  } catch {
    return undefined;
  }
}

/** One entry of an image's history as the engine gives it: what made it, and the bytes it added. */
export interface EngineHistoryEntry {
  createdBy: string;
  /** 0 for an entry that made no layer (ENV, LABEL…), and for nothing else the engine measured. */
  bytes: number;
}

const historyLineSchema = jsonObject({
  CreatedBy: v.string('CreatedBy'),
  // With --human=false the engine's byte count, as a string of digits.
  Size: v.pipe(v.string('Size'), v.regex(/^\d+$/, 'a size in bytes')),
});

/**
 * `docker image history --no-trunc --human=false --format '{{json .}}'` → its entries, bottom to
 * top (docker prints the newest first); throws on a line it cannot read.
 */
export function parseImageHistory(stdout: string): EngineHistoryEntry[] {
  const lines = stdout.split('\n').filter((line) => line.trim() !== '');
  return lines
    .map((line) => {
      const read = v.safeParse(historyLineSchema, JSON.parse(line));
      if (!read.success)
        throw new Error(`docker image history printed a line without ${read.issues[0].message}`);
      return { createdBy: read.output.CreatedBy, bytes: Number(read.output.Size) };
    })
    .reverse();
}

/** The image's history from the engine, bottom to top (see parseImageHistory). */
export async function imageHistory(image: string, dockerContext = ''): Promise<EngineHistoryEntry[]> {
  const result = await runDocker(dockerContext, [
    'image',
    'history',
    '--no-trunc',
    '--human=false',
    '--format',
    '{{json .}}',
    image,
  ]);
  if (result.exitCode !== 0)
    throw new Error(
      `docker image history failed: ${result.stderr.trim().split('\n').pop() ?? result.exitCode}`,
    );
  return parseImageHistory(result.stdout);
}
