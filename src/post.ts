import { State } from './constants.js';

// Read as @actions/core's getState reads it. Most runs leave nothing to clean up, and then the post
// step does not load the bundle with @actions/core and its HTTP client: it ends as node starts.
if (process.env[`STATE_${State.BuilderToRemove}`]) {
  const [core, { runPost }] = await Promise.all([import('@actions/core'), import('./run-post.js')]);
  await runPost().catch((error: unknown) =>
    core.warning(`Post step: ${error instanceof Error ? error.message : String(error)}`),
  );
  process.exit();
}
