import * as core from '@actions/core';

import { removeBuilder } from './buildx/builder.js';
import { State } from './constants.js';
import { buildxCliFor } from './buildx/cli.js';
import { stateStore } from './state.js';

/** Cleans up after the main step; never fails the job. */
export async function runPost(): Promise<void> {
  const builder = stateStore.get(State.BuilderToRemove);
  if (!builder) return;
  const invocation = savedInvocation(stateStore.get(State.BuildxInvocation));
  await core.group(`Remove builder ${builder}`, () =>
    removeBuilder(
      buildxCliFor(async () => invocation),
      builder,
    ),
  );
}

/** A malformed or missing value falls back to the docker CLI plugin, the usual install. */
function savedInvocation(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((part) => typeof part === 'string'))
      return parsed;
  } catch {
    // fall through
  }
  return ['docker', 'buildx'];
}
