// The builder: started early, awaited only by what needs it (the injects, the build). What buildx
// says of it is asked beside the build and shown after it.
import * as core from '@actions/core';

import { prepareBuilder } from '../buildx/builder.js';
import { builderContainerOf, type BuilderContainer } from '../buildx/builder-container.js';
import type { BuilderPlan } from '../buildx/plan.js';
import type { BuildxCli } from '../buildx/toolkit.js';
import { State } from '../constants.js';
import { info } from '../runner-log.js';
import { stateStore } from '../state.js';

export interface StartedBuilder {
  /** Settles when the builder can build. */
  ready: Promise<unknown>;
  /** A docker-container builder's container, once it runs (see builder-container.ts). */
  container: Promise<BuilderContainer | undefined>;
  /** Prints what buildx said of the builder, in a log group of its own. */
  show(): Promise<void>;
}

export async function startBuilder(buildx: BuildxCli, plan: BuilderPlan): Promise<StartedBuilder> {
  if (plan.removeAfterRun) {
    stateStore.save(State.BuildxInvocation, JSON.stringify(await buildx.invocation()));
    stateStore.save(State.BuilderToRemove, plan.name);
  }
  const { ready, details } = prepareBuilder(buildx, plan);
  // Awaited later; a failure is thrown where it is awaited.
  ready.catch(() => undefined);
  return {
    ready,
    container: details.then(
      ({ inspected }) => builderContainerOf(plan.driver, inspected),
      () => undefined,
    ),
    show: () =>
      core.group(`Builder ${plan.name} (${plan.driver} driver)`, async () => {
        const { printed } = await details;
        if (printed) info(printed);
      }),
  };
}
