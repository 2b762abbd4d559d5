// Entry of the comment-from-artifact sub-action (comment-from-artifact/action.yml): the fork relay.
import * as core from '@actions/core';

import { readRunContext } from './github/run-context.js';
import { runRelay } from './run-relay.js';

await runRelay(readRunContext(process.env)).catch((error: unknown) =>
  core.setFailed(error instanceof Error ? error.message : String(error)),
);
// As the main step does: nothing the relay started (the throttled GitHub client's timers) may keep it alive.
process.exit();
