import { probeEngine } from './buildx/engine.js';

// Asked before the rest of the action loads (about a third of a second): the driver is chosen from
// the answer, and nearly every run asks the default engine. A failure is met where it is awaited.
probeEngine('').catch(() => undefined);

const [core, { runMain }] = await Promise.all([import('@actions/core'), import('./run-main.js')]);

// Exit explicitly: a cache request abandoned after its timeout would otherwise keep the step alive.
await runMain().catch((error: unknown) =>
  core.setFailed(error instanceof Error ? error.message : String(error)),
);
process.exit();
