import * as core from '@actions/core';

import { runMain } from './run-main.js';

runMain().catch((error: unknown) => core.setFailed(error instanceof Error ? error.message : String(error)));
