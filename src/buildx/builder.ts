import * as core from '@actions/core';

import type { BuildxCli } from './toolkit.js';
import type { BuilderPlan } from './builder-plan.js';

export interface PreparedBuilder {
  /** What buildx printed while creating and starting it, for the log. */
  printed: string;
  /** What `buildx inspect` printed of it. */
  inspected: string;
}

/**
 * Creates the planned builder when it does not exist yet, and starts it so the build does not pay for
 * that. Silent, so that it can run beside other work.
 */
export async function prepareBuilder(buildx: BuildxCli, plan: BuilderPlan): Promise<PreparedBuilder> {
  const printed: string[] = [];
  if (plan.createArgs) {
    const created = await buildx.run(plan.createArgs);
    if (created.exitCode !== 0) {
      throw new Error(`Could not create the buildx builder '${plan.name}': ${lastLine(created.stderr)}`);
    }
    printed.push(created.stdout, created.stderr);
  }
  const inspected = await buildx.run(['inspect', '--bootstrap', '--builder', plan.name]);
  if (inspected.exitCode !== 0) {
    throw new Error(`The buildx builder '${plan.name}' is not usable: ${lastLine(inspected.stderr)}`);
  }
  printed.push(inspected.stdout, inspected.stderr);
  return {
    printed: printed
      .map((text) => text.trim())
      .filter(Boolean)
      .join('\n'),
    inspected: inspected.stdout,
  };
}

/** Removes a builder the action created; a failure here only leaves a container behind, so it is a warning. */
export async function removeBuilder(buildx: BuildxCli, name: string): Promise<void> {
  const removed = await buildx.run(['rm', '--force', name]);
  if (removed.exitCode !== 0)
    core.warning(`Could not remove the buildx builder '${name}': ${lastLine(removed.stderr)}`);
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}
