import { createRequire as __dfbCreateRequire } from 'node:module'; const require = __dfbCreateRequire(import.meta.url);
import {
  probeEngine
} from "./chunks/chunk-RZ62KN4P.js";
import "./chunks/chunk-HZUF3K7W.js";
import "./chunks/chunk-LGLFEZJP.js";

// src/main.ts
probeEngine("").catch(() => void 0);
var [core, { runMain }] = await Promise.all([import("./chunks/core-3VTPDAF4.js"), import("./chunks/run-main-FKEH7MOY.js")]);
await runMain().catch(
  (error) => core.setFailed(error instanceof Error ? error.message : String(error))
);
process.exit();
