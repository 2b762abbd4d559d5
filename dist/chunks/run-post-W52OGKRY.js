import { createRequire as __dfbCreateRequire } from 'node:module'; const require = __dfbCreateRequire(import.meta.url);
import {
  buildxCliFor,
  removeBuilder,
  stateStore
} from "./chunk-DVWBGJRY.js";
import {
  State
} from "./chunk-TURAJMRZ.js";
import {
  group
} from "./chunk-OZTGKBK7.js";
import "./chunk-HZUF3K7W.js";
import "./chunk-LGLFEZJP.js";

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
export {
  runPost
};
