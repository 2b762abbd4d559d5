import { createRequire as __dfbCreateRequire } from 'node:module'; const require = __dfbCreateRequire(import.meta.url);
import {
  getExecOutput
} from "./chunk-HZUF3K7W.js";

// src/buildx/engine.ts
var probes = /* @__PURE__ */ new Map();
function probeEngine(dockerContext) {
  let probe = probes.get(dockerContext);
  if (!probe) {
    probe = askEngine(dockerContext);
    probes.set(dockerContext, probe);
  }
  return probe;
}
function runDocker(dockerContext, args) {
  const context = dockerContext ? ["--context", dockerContext] : [];
  return getExecOutput("docker", [...context, ...args], { ignoreReturnCode: true, silent: true });
}
async function askEngine(dockerContext) {
  const result = await runDocker(dockerContext, ["info", "--format", "{{json .DriverStatus}}"]);
  if (result.exitCode !== 0) return { reachable: false, containerdStore: false };
  return { reachable: true, containerdStore: result.stdout.includes("io.containerd.snapshotter") };
}
async function inspectBuilderDriver(buildx, name) {
  const result = await buildx.run(["inspect", name]);
  if (result.exitCode !== 0) return void 0;
  return /^Driver:\s*(\S+)/m.exec(result.stdout)?.[1];
}
function autoDriver(engine) {
  if (engine.containerdStore)
    return {
      driver: "docker",
      reason: "the engine's own BuildKit, as the engine keeps images in containerd"
    };
  return {
    driver: "docker-container",
    reason: engine.reachable ? "a docker-container builder, as the engine keeps images in its classic store, where its own BuildKit cannot export a layer cache" : "a docker-container builder, as no Docker engine answered"
  };
}

export {
  probeEngine,
  runDocker,
  inspectBuilderDriver,
  autoDriver
};
