// `builder-max-used-space`: after the saves, whose helper builds read the cache mounts a prune
// could remove. A failed prune is a warning; the build it follows is done.
import * as core from '@actions/core';

import type { Plan } from '../buildx/plan.js';
import { planBuilderPrune, pruneBuilderStorage, type BuilderStorage } from '../buildx/storage.js';
import type { BuildxCli } from '../buildx/toolkit.js';
import { timeoutBound } from '../cache/backends/with-timeout.js';
import type { Inputs } from '../inputs/parse.js';
import { info } from '../runner-log.js';
import { formatBytes } from '../units.js';

export async function boundBuilderStorage(
  inputs: Inputs,
  plan: Plan,
  buildx: BuildxCli,
  warn: (message: string) => void,
): Promise<BuilderStorage | undefined> {
  const prune = planBuilderPrune(inputs.builderMaxUsedSpace, plan.builder);
  if (!prune) return undefined;
  if ('skip' in prune) {
    info(`builder-max-used-space: not pruning, ${prune.skip}.`);
    return undefined;
  }
  return core.group('Prune the builder', async () => {
    try {
      // A BuildKit that stops answering must not hold the job until its time limit.
      const storage = await timeoutBound(inputs.dependencyCacheTimeoutSeconds)(
        'builder-max-used-space prune',
        (signal) => pruneBuilderStorage(buildx, prune, signal),
      );
      info(
        `The builder's cache holds ${formatBytes(storage.usedBytes)} after pruning ${formatBytes(storage.reclaimedBytes)} (limit ${formatBytes(storage.limitBytes)}).`,
      );
      return storage;
    } catch (error) {
      warn(`builder-max-used-space: the builder was not pruned: ${(error as Error).message}`);
      return undefined;
    }
  });
}
