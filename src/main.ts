import * as core from '@actions/core';

import { runMain } from './run-main.js';

// Exit explicitly: a cache request abandoned after its timeout would otherwise keep the step alive.
runMain()
  .catch((error: unknown) => core.setFailed(error instanceof Error ? error.message : String(error)))
  .finally(() => process.exit());
