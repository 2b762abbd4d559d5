import { createRequire as __dfbCreateRequire } from 'node:module'; const require = __dfbCreateRequire(import.meta.url);
import {
  State
} from "./chunks/chunk-C5L2EROR.js";
import "./chunks/chunk-LGLFEZJP.js";

// src/post.ts
if (process.env[`STATE_${State.BuilderToRemove}`]) {
  const [core, { runPost }] = await Promise.all([import("./chunks/core-3VTPDAF4.js"), import("./chunks/run-post-Y4ZKLX6L.js")]);
  await runPost().catch(
    (error) => core.warning(`Post step: ${error instanceof Error ? error.message : String(error)}`)
  );
  process.exit();
}
