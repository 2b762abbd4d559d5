import { createRequire as __dfbCreateRequire } from 'node:module'; const require = __dfbCreateRequire(import.meta.url);
import {
  probeEngine
} from "./chunks/chunk-MFCYRRG3.js";
import "./chunks/chunk-WYTEM4SK.js";
import "./chunks/chunk-LGLFEZJP.js";

// src/main.ts
probeEngine("").catch(() => void 0);
var [core, { runMain }] = await Promise.all([import("./chunks/core-NLTRRD4I.js"), import("./chunks/run-main-4GONV2FQ.js")]);
await runMain().catch(
  (error) => core.setFailed(error instanceof Error ? error.message : String(error))
);
process.exit();
