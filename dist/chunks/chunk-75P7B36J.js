import { createRequire as __dfbCreateRequire } from 'node:module'; const require = __dfbCreateRequire(import.meta.url);
import {
  getState,
  saveState,
  warning
} from "./chunk-OZTGKBK7.js";
import {
  getExecOutput
} from "./chunk-HZUF3K7W.js";

// src/buildx/cli.ts
import { spawn } from "node:child_process";
function buildxCliFor(invocation) {
  return {
    invocation,
    async run(args, options = {}) {
      const [command, ...leading] = await invocation();
      if (options.signal) return runStoppable(command, [...leading, ...args], options, options.signal);
      const result = await getExecOutput(command, [...leading, ...args], {
        ignoreReturnCode: true,
        // Never echoed: what a command prints reaches the log only through runner-log.ts.
        silent: true,
        env: options.env ? { ...process.env, ...options.env } : void 0,
        listeners: options.onStderrLine ? { errline: options.onStderrLine } : void 0
      });
      return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
    }
  };
}
function runStoppable(command, args, options, signal) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      signal,
      stdio: ["ignore", "pipe", "pipe"],
      env: options.env ? { ...process.env, ...options.env } : process.env
    });
    let stdout = "";
    let stderr = "";
    let partialLine = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      stderr += chunk;
      if (!options.onStderrLine) return;
      const lines = (partialLine + chunk).split("\n");
      partialLine = lines.pop() ?? "";
      for (const line of lines) options.onStderrLine(line.replace(/\r$/, ""));
    });
    child.on("error", (error) => {
      if (!signal.aborted) reject(error);
    });
    child.on("close", (code) => {
      if (partialLine && options.onStderrLine) options.onStderrLine(partialLine);
      if (signal.aborted) reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
      else resolve({ exitCode: code ?? 1, stdout, stderr });
    });
  });
}

// src/buildx/builder.ts
function prepareBuilder(buildx, plan) {
  const inspect = async (bootstrap) => {
    const inspected = await buildx.run([
      "inspect",
      ...bootstrap ? ["--bootstrap"] : [],
      "--builder",
      plan.name
    ]);
    if (inspected.exitCode !== 0)
      throw new Error(`The buildx builder '${plan.name}' is not usable: ${lastLine(inspected.stderr)}`);
    return inspected;
  };
  const { createArgs } = plan;
  const started = createArgs ? buildx.run(createArgs).then((created) => {
    if (created.exitCode !== 0)
      throw new Error(`Could not create the buildx builder '${plan.name}': ${lastLine(created.stderr)}`);
    return { printed: [created.stdout, created.stderr] };
  }) : inspect(true).then((inspected) => ({
    printed: [inspected.stdout, inspected.stderr],
    inspected: inspected.stdout
  }));
  const details = started.then(async ({ printed, inspected }) => {
    const more = inspected === void 0 ? await inspect(false) : void 0;
    return {
      printed: [...printed, ...more ? [more.stdout, more.stderr] : []].map((text) => text.trim()).filter(Boolean).join("\n"),
      inspected: inspected ?? more.stdout
    };
  });
  details.catch(() => void 0);
  return { ready: started.then(() => void 0), details };
}
async function removeBuilder(buildx, name) {
  const removed = await buildx.run(["rm", "--force", name]);
  if (removed.exitCode !== 0)
    warning(`Could not remove the buildx builder '${name}': ${lastLine(removed.stderr)}`);
}
function lastLine(text) {
  return text.trim().split("\n").pop() ?? "";
}

// src/state.ts
var stateStore = {
  save(name, value) {
    saveState(name, value);
  },
  get(name) {
    return getState(name);
  }
};

// src/buildx/builder-plan.ts
function planBuilder(facts) {
  if (facts.existingBuilder) {
    return {
      name: facts.existingBuilder,
      driver: facts.driver,
      createArgs: void 0,
      removeAfterRun: false,
      outlivesJob: facts.driver !== "docker",
      readyBeforeBuild: true,
      startsEmpty: false
    };
  }
  if (facts.driver === "docker") {
    return {
      name: facts.endpoint || "default",
      driver: "docker",
      createArgs: void 0,
      removeAfterRun: false,
      // On a hosted runner the engine is as new as the job; not worth asking.
      outlivesJob: false,
      readyBeforeBuild: false,
      startsEmpty: false
    };
  }
  const createArgs = ["create", "--name", facts.newBuilderName, "--driver", facts.driver];
  for (const opt of facts.driverOpts) createArgs.push("--driver-opt", opt);
  if (facts.buildkitdConfig) createArgs.push("--buildkitd-config", facts.buildkitdConfig);
  createArgs.push("--bootstrap");
  if (facts.endpoint) createArgs.push(facts.endpoint);
  return {
    name: facts.newBuilderName,
    driver: facts.driver,
    createArgs,
    removeAfterRun: true,
    outlivesJob: facts.driver === "remote",
    readyBeforeBuild: true,
    startsEmpty: facts.driver !== "remote"
  };
}
var OWN_BUILDER_NAME = /^dfb-[A-Za-z0-9]{1,40}-[0-9a-f]{6}$/;
function newBuilderName(runId, random) {
  const name = `dfb-${/^[A-Za-z0-9]{1,40}$/.test(runId) ? runId : "local"}-${random}`;
  if (!OWN_BUILDER_NAME.test(name)) throw new Error(`newBuilderName: '${random}' is not six hex digits`);
  return name;
}
function isOwnBuilderName(name) {
  return OWN_BUILDER_NAME.test(name);
}

export {
  buildxCliFor,
  prepareBuilder,
  removeBuilder,
  stateStore,
  planBuilder,
  newBuilderName,
  isOwnBuilderName
};
