import { createRequire as __dfbCreateRequire } from 'node:module'; const require = __dfbCreateRequire(import.meta.url);
import {
  State,
  buildxCliFor,
  group,
  removeBuilder,
  stateStore,
  warning
} from "./chunks/chunk-E6K5I4CJ.js";

// src/run-post.ts
async function runPost() {
  const builder = stateStore.get(State.BuilderToRemove);
  if (!builder) return;
  const invocation = savedInvocation(stateStore.get(State.BuildxInvocation));
  await group(
    `Remove builder ${builder}`,
    () => removeBuilder(
      buildxCliFor(async () => invocation),
      builder
    )
  );
}
function savedInvocation(text) {
  try {
    const parsed = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((part) => typeof part === "string"))
      return parsed;
  } catch {
  }
  return ["docker", "buildx"];
}

// src/post.ts
runPost().catch(
  (error) => warning(`Post step: ${error instanceof Error ? error.message : String(error)}`)
).finally(() => process.exit());
