// The record of an image the docker driver keeps in the engine, without asking buildx: the diff IDs
// and the history from the engine (`docker image inspect` and `history`, about 0.04 s each), the
// compressed blobs from the registry layer cache the build has just written, matched by diff ID.
// Two buildx runs one after the other (0.4–0.5 s after a code change's 2–3 s build) were most of
// what the docker driver's report added to the build.
import type { EngineHistoryEntry } from '../buildx/image.js';
import type { BuildRecord, RecordedLayer } from './build-record.js';

/**
 * The record's layers and history; throws, naming what does not fit, when the three do not agree
 * (the caller then reads the build record). The engine marks no history entry as empty, but gives
 * 0 bytes for one: only when exactly as many entries have bytes as the image has layers is each
 * layer's instruction certain.
 */
export function engineRecord(
  diffIds: readonly string[],
  history: readonly EngineHistoryEntry[],
  cachedByDiffId: ReadonlyMap<string, RecordedLayer>,
): Omit<BuildRecord, 'ref'> {
  if (diffIds.length === 0) throw new Error('the engine names no layers of the image');
  const layers = diffIds.map((diffId) => {
    const cached = cachedByDiffId.get(diffId);
    if (!cached) throw new Error(`the layer cache holds no blob of layer ${diffId}`);
    return cached;
  });
  const made = history.filter((entry) => entry.bytes > 0);
  if (made.length !== diffIds.length)
    throw new Error(
      `the engine's history has ${made.length} entries with bytes for ${diffIds.length} layers`,
    );
  return { layers, diffIds: [...diffIds], createdBy: made.map((entry) => entry.createdBy) };
}
