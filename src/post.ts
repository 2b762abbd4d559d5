import * as core from '@actions/core';

import { runPost } from './run-post.js';

runPost()
  .catch((error: unknown) =>
    core.warning(`Post step: ${error instanceof Error ? error.message : String(error)}`),
  )
  .finally(() => process.exit());
