import * as core from '@actions/core';

import { removeBuilder } from './builder/builder.js';
import { State } from './constants.js';
import { createBuildxCli } from './docker/buildx.js';
import { stateStore } from './state.js';

/** Cleans up after the main step; never fails the job. */
export async function runPost(): Promise<void> {
  const builder = stateStore.get(State.BuilderToRemove);
  if (builder) {
    await core.group(`Remove builder ${builder}`, () => removeBuilder(createBuildxCli(), builder));
  }
}
