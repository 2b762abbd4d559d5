// Which driver the plan is for: `auto` resolved against the engine, or an existing builder's own.
import { autoDriver, inspectBuilderDriver, probeEngine } from '../buildx/engine.js';
import type { BuildxCli } from '../buildx/toolkit.js';
import { DRIVERS, type ConcreteDriver } from '../domain/builder.js';
import type { Inputs } from '../inputs/parse.js';
import { info } from '../runner-log.js';

export interface EngineFacts {
  driver: ConcreteDriver;
  /** The engine keeps images in containerd (its own BuildKit can export caches and layouts). */
  containerdStore: boolean;
}

/** The driver to plan for: `auto` resolved (see autoDriver); an existing builder's driver is asked of buildx. */
export async function resolveDriver(inputs: Inputs, buildx: BuildxCli): Promise<EngineFacts> {
  let driver: ConcreteDriver = inputs.driver === 'auto' ? 'docker-container' : inputs.driver;
  if (inputs.builder) {
    const named = await inspectBuilderDriver(buildx, inputs.builder);
    if (named && named !== 'auto' && (DRIVERS as readonly string[]).includes(named))
      driver = named as ConcreteDriver;
  }
  if (driver !== 'docker' && inputs.driver !== 'auto') return { driver, containerdStore: false };
  if (inputs.builder && driver !== 'docker') return { driver, containerdStore: false };
  const engine = await probeEngine(driver === 'docker' ? inputs.endpoint : '');
  if (inputs.driver === 'auto' && !inputs.builder) {
    const chosen = autoDriver(engine);
    driver = chosen.driver;
    info(`driver auto: ${chosen.driver} — ${chosen.reason}`);
  }
  return { driver, containerdStore: engine.containerdStore };
}
