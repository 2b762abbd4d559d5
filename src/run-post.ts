import * as core from '@actions/core';

import { removeBuilder } from './buildx/builder.js';
import { isOwnBuilderName } from './buildx/builder-plan.js';
import { State } from './constants.js';
import { buildxCliFor } from './buildx/cli.js';
import { stateStore } from './state.js';
import { info } from './runner-log.js';

/**
 * Cleans up after the main step; never fails the job. Trusts no state it did not write: main writes
 * both names through the state file before any build, and only the shapes main writes are accepted.
 */
export async function runPost(): Promise<void> {
  const builder = stateStore.get(State.BuilderToRemove);
  if (!isOwnBuilderName(builder)) {
    core.warning(
      `Post step: not removing '${builder}': this action names the builders it creates dfb-<run>-<hex>.`,
    );
    return;
  }
  if (process.env.RUNNER_ENVIRONMENT === 'github-hosted') {
    // The job's machine is discarded with the builder on it; removing it first only makes the job
    // wait (8-9 s for a docker-container builder after a 700 MB image). Self-hosted runners keep
    // their machine, so there it is removed.
    info(`Not removing builder ${builder}: this GitHub-hosted runner's machine is discarded after the job.`);
    return;
  }
  const invocation = savedInvocation(stateStore.get(State.BuildxInvocation));
  await core.group(`Remove builder ${builder}`, () =>
    removeBuilder(
      buildxCliFor(async () => invocation),
      builder,
    ),
  );
}

/**
 * How main ran buildx: the docker CLI plugin or the standalone binary on PATH (the only two the
 * toolkit uses). Anything else, or nothing, is the plugin, the usual install.
 */
export function savedInvocation(text: string): string[] {
  if (text === JSON.stringify(['buildx'])) return ['buildx'];
  return ['docker', 'buildx'];
}
