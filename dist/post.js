import { createRequire as __dfbCreateRequire } from 'node:module'; const require = __dfbCreateRequire(import.meta.url);
import {
  State,
  createBuildxCli,
  group,
  removeBuilder,
  stateStore,
  warning
} from "./chunks/chunk-MEDFTQ6E.js";

// src/run-post.ts
async function runPost() {
  const builder = stateStore.get(State.BuilderToRemove);
  if (builder) {
    await group(`Remove builder ${builder}`, () => removeBuilder(createBuildxCli(), builder));
  }
}

// src/post.ts
runPost().catch(
  (error) => warning(`Post step: ${error instanceof Error ? error.message : String(error)}`)
).finally(() => process.exit());
