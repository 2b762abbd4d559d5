import { createRequire as __dfbCreateRequire } from 'node:module'; const require = __dfbCreateRequire(import.meta.url);
import {
  Buildx,
  Context,
  GitHub,
  Input,
  Output,
  State,
  Util,
  context,
  createBuildxCli,
  getBooleanInput,
  getInput,
  group,
  info,
  parse,
  prepareBuilder,
  setFailed,
  setOutput,
  setSecret,
  stateStore,
  summary,
  warning
} from "./chunks/chunk-MU7Y6W4J.js";

// src/run-main.ts
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path4 from "node:path";

// src/build/run-build.ts
import { readFile } from "node:fs/promises";

// src/build/progress.ts
var INSTRUCTION = /^\[(?:[^\]\s]+ )?\d+\/\d+\] /;
var FROM_STEP = /^\[(?:[^\]\s]+ )?\d+\/\d+\] FROM /i;
var CACHE_IMPORT = /^importing cache manifest from (\S+)/;
var CACHE_EXPORT = /^exporting cache/;
var CACHE_NOT_FOUND = /: not found$|manifest unknown|not found: not found/;
var BuildProgress = class {
  vertices = /* @__PURE__ */ new Map();
  /** Takes one line of the stream; returns what a reader should see of it. Lines that are not JSON are ignored. */
  feed(line) {
    let status;
    try {
      status = JSON.parse(line);
    } catch {
      return [];
    }
    const events = [];
    for (const raw of status.vertexes ?? []) {
      const known = this.vertices.get(raw.digest);
      const vertex = known ?? {
        digest: raw.digest,
        name: "",
        number: this.vertices.size + 1,
        cached: false
      };
      const wasDone = Boolean(known?.completed);
      if (raw.name) vertex.name = raw.name;
      if (raw.cached) vertex.cached = true;
      if (raw.started) vertex.started = raw.started;
      if (raw.completed) vertex.completed = raw.completed;
      if (raw.error) vertex.error = raw.error;
      this.vertices.set(raw.digest, vertex);
      if (vertex.completed && !wasDone) events.push({ kind: "completed", vertex });
    }
    for (const log of status.logs ?? []) {
      const vertex = this.vertices.get(log.vertex);
      if (vertex && log.data)
        events.push({ kind: "log", vertex, text: Buffer.from(log.data, "base64").toString("utf8") });
    }
    return events;
  }
  /** Dockerfile instructions other than FROM, in build order. */
  get steps() {
    return [...this.vertices.values()].filter((v) => INSTRUCTION.test(v.name) && !FROM_STEP.test(v.name)).sort((a, b) => stepIndex(a.name) - stepIndex(b.name) || a.number - b.number).map((v) => ({ name: v.name, cached: v.cached, seconds: secondsBetween(v.started, v.completed) }));
  }
  get cacheProblems() {
    const problems = [];
    for (const vertex of this.vertices.values()) {
      if (!vertex.error) continue;
      const imported = CACHE_IMPORT.exec(vertex.name);
      if (imported && !CACHE_NOT_FOUND.test(vertex.error)) {
        problems.push({ direction: "import", ref: imported[1], error: vertex.error });
      } else if (CACHE_EXPORT.test(vertex.name)) {
        problems.push({ direction: "export", ref: void 0, error: vertex.error });
      }
    }
    return problems;
  }
  /** The first failed step's error, for the failure message. */
  get firstError() {
    const failed = [...this.vertices.values()].filter(
      (v) => v.error && !CACHE_IMPORT.test(v.name) && !CACHE_EXPORT.test(v.name)
    );
    const step = failed.find((v) => INSTRUCTION.test(v.name)) ?? failed[0];
    return step ? `${step.name}: ${step.error}` : void 0;
  }
};
function stepIndex(name) {
  const match = /(\d+)\/\d+\]/.exec(name);
  return match ? Number(match[1]) : 0;
}
function secondsBetween(started, completed) {
  if (!started || !completed) return void 0;
  const ms = Date.parse(completed) - Date.parse(started);
  return Number.isFinite(ms) ? Math.max(0, ms / 1e3) : void 0;
}
function describeEvent(event) {
  const prefix = `#${event.vertex.number}`;
  if (event.kind === "log") {
    return event.text.split("\n").filter((line) => line.trim() !== "").map((line) => `${prefix} ${line}`);
  }
  const { vertex } = event;
  const seconds = secondsBetween(vertex.started, vertex.completed);
  const state = vertex.error ? `ERROR: ${vertex.error}` : vertex.cached ? "CACHED" : `DONE ${(seconds ?? 0).toFixed(1)}s`;
  return [`${prefix} ${vertex.name} ${state}`];
}

// src/build/run-build.ts
async function runBuild(buildx, request) {
  const progress = new BuildProgress();
  const plainStderr = [];
  const startedAt = performance.now();
  const result = await buildx.run(request.args, {
    onStderrLine: (line) => {
      const events = progress.feed(line);
      if (events.length === 0 && !line.startsWith("{")) {
        plainStderr.push(line);
        request.print(line);
      }
      for (const event of events) for (const text of describeEvent(event)) request.print(text);
    }
  });
  const seconds = (performance.now() - startedAt) / 1e3;
  const steps = progress.steps;
  const metadata = await readOptional(request.metadataFile);
  const succeeded = result.exitCode === 0;
  return {
    succeeded,
    seconds,
    steps,
    cachedSteps: steps.filter((s) => s.cached).length,
    totalSteps: steps.length,
    imageId: (await readOptional(request.imageIdFile)).trim(),
    digest: digestOf(metadata),
    metadata: metadata || "{}",
    cacheProblems: progress.cacheProblems,
    error: succeeded ? void 0 : progress.firstError ?? plainStderr.filter((l) => l.trim()).pop() ?? `buildx exited with ${result.exitCode}`
  };
}
function digestOf(metadata) {
  try {
    const parsed = JSON.parse(metadata);
    const digest = parsed["containerimage.digest"];
    return typeof digest === "string" ? digest : "";
  } catch {
    return "";
  }
}
async function readOptional(file) {
  try {
    return await readFile(file, "utf8");
  } catch {
    return "";
  }
}

// src/github/run-context.ts
import { readFileSync } from "node:fs";
var PULL_REQUEST_EVENTS = ["pull_request", "pull_request_target"];
function readRunContext(env) {
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const payload = readEventPayload(env.GITHUB_EVENT_PATH);
  const pr = PULL_REQUEST_EVENTS.includes(eventName) ? payload.pull_request : void 0;
  const repository = env.GITHUB_REPOSITORY ?? payload.repository?.full_name ?? "";
  const headRepo = pr?.head?.repo?.full_name;
  return {
    eventName,
    branch: pr?.head?.ref || env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || refName(env.GITHUB_REF),
    baseBranch: pr ? pr.base?.ref || env.GITHUB_BASE_REF || "" : "",
    defaultBranch: payload.repository?.default_branch ?? "",
    pullRequestNumber: pr?.number,
    isForkPullRequest: Boolean(pr && headRepo && repository && headRepo !== repository),
    repository,
    runId: env.GITHUB_RUN_ID ?? "",
    sha: env.GITHUB_SHA ?? "",
    workspace: env.GITHUB_WORKSPACE ?? process.cwd()
  };
}
function refName(ref) {
  return (ref ?? "").replace(/^refs\/(heads|tags)\//, "");
}
function readEventPayload(eventPath) {
  if (!eventPath) return {};
  try {
    return JSON.parse(readFileSync(eventPath, "utf8"));
  } catch {
    return {};
  }
}

// src/units.ts
var UNIT_BYTES = {
  b: 1,
  k: 1e3,
  kb: 1e3,
  kib: 1024,
  m: 1e6,
  mb: 1e6,
  mib: 1024 ** 2,
  g: 1e9,
  gb: 1e9,
  gib: 1024 ** 3,
  t: 1e12,
  tb: 1e12,
  tib: 1024 ** 4
};
function parseByteSize(text) {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return void 0;
  const factor = UNIT_BYTES[(match[2] || "b").toLowerCase()];
  if (factor === void 0) return void 0;
  return Math.round(Number(match[1]) * factor);
}

// src/inputs.ts
var DRIVERS = ["docker-container", "docker", "remote", "kubernetes"];
var LAYER_CACHES = ["registry", "gha", "local", "inline", "none"];
var CACHE_MODES = ["max", "min"];
var CACHE_BACKENDS = ["gha", "local"];
var COMMENT_MODES = ["auto", "always", "off"];
var InputError = class extends Error {
  constructor(input, message) {
    super(`Input '${input}': ${message}`);
    this.input = input;
    this.name = "InputError";
  }
  input;
};
var DEFAULT_MAX_CACHE_SIZE = 2e9;
function parseInputs(read) {
  const text = (name) => read(name).trim();
  const list = (name) => Util.getList(read(name), { ignoreComma: false, comment: "#" }).map((s) => s.trim());
  const lines = (name) => Util.getList(read(name), { ignoreComma: true, comment: "#", quote: false }).map((s) => s.trim());
  const image = text(Input.Image);
  const cacheRef = text(Input.CacheRef);
  if (image && !isImageRepository(image)) {
    throw new InputError(
      Input.Image,
      `expected an image repository without tag or digest, e.g. ghcr.io/org/app; got '${image}'`
    );
  }
  if (cacheRef && !isImageRepository(cacheRef)) {
    throw new InputError(
      Input.CacheRef,
      `expected a repository for the cache tags without tag or digest, e.g. ghcr.io/org/app-cache; got '${cacheRef}'`
    );
  }
  const layerCacheText = text(Input.LayerCache);
  const layerCache = layerCacheText ? oneOf(Input.LayerCache, layerCacheText, LAYER_CACHES) : image || cacheRef ? "registry" : "gha";
  if (layerCache === "registry" && !image && !cacheRef) {
    throw new InputError(
      Input.LayerCache,
      `'registry' needs the '${Input.Image}' or '${Input.CacheRef}' input`
    );
  }
  const driver = oneOf(Input.Driver, text(Input.Driver) || "docker-container", DRIVERS);
  const endpoint = text(Input.Endpoint);
  if (driver === "remote" && !endpoint && !text(Input.Builder)) {
    throw new InputError(
      Input.Endpoint,
      `the 'remote' driver needs an endpoint, e.g. tcp://buildkitd.internal:1234`
    );
  }
  const sizeBudgetText = text(Input.SizeBudget);
  const maxIncreaseText = text(Input.MaxSizeIncrease);
  const maxCacheSizeText = text(Input.MaxCacheSize);
  const context2 = text(Input.Context) || ".";
  return {
    builder: text(Input.Builder),
    driver,
    driverOpts: lines(Input.DriverOpts),
    endpoint,
    buildkitdConfig: text(Input.BuildkitdConfig),
    context: context2,
    file: text(Input.File),
    tags: list(Input.Tags),
    push: bool(Input.Push, read(Input.Push), false),
    load: bool(Input.Load, read(Input.Load), false),
    platforms: list(Input.Platforms),
    buildArgs: lines(Input.BuildArgs),
    target: text(Input.Target),
    labels: lines(Input.Labels),
    secrets: lines(Input.Secrets),
    network: text(Input.Network),
    image,
    cacheRef,
    layerCache,
    cacheMode: oneOf(Input.CacheMode, text(Input.CacheMode) || "max", CACHE_MODES),
    defaultBranch: text(Input.DefaultBranch),
    cacheBackend: oneOf(Input.CacheBackend, text(Input.CacheBackend) || "gha", CACHE_BACKENDS),
    cacheDir: text(Input.CacheDir),
    dependencyCache: text(Input.DependencyCache) || "auto",
    lockfiles: lines(Input.Lockfiles),
    maxCacheSize: maxCacheSizeText ? byteSize(Input.MaxCacheSize, maxCacheSizeText) : DEFAULT_MAX_CACHE_SIZE,
    comment: oneOf(Input.Comment, text(Input.Comment) || "auto", COMMENT_MODES),
    githubToken: text(Input.GithubToken),
    advice: bool(Input.Advice, read(Input.Advice), true),
    sizeBudget: sizeBudgetText ? byteSize(Input.SizeBudget, sizeBudgetText) : void 0,
    maxSizeIncrease: maxIncreaseText ? sizeIncrease(maxIncreaseText) : void 0
  };
}
function oneOf(input, value, allowed) {
  if (allowed.includes(value)) return value;
  throw new InputError(input, `expected one of ${allowed.join(", ")}; got '${value}'`);
}
function bool(input, raw, fallback) {
  const value = raw.trim().toLowerCase();
  if (value === "") return fallback;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new InputError(input, `expected true or false; got '${raw.trim()}'`);
}
function byteSize(input, value) {
  const bytes = parseByteSize(value);
  if (bytes === void 0 || bytes <= 0) {
    throw new InputError(input, `expected a positive size such as 500MB or 1.5GiB; got '${value}'`);
  }
  return bytes;
}
function sizeIncrease(value) {
  const percent = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  if (percent) return { percent: Number(percent[1]) };
  const bytes = parseByteSize(value);
  if (bytes === void 0) {
    throw new InputError(
      Input.MaxSizeIncrease,
      `expected a percentage such as 5% or a size such as 20MB; got '${value}'`
    );
  }
  return { bytes };
}
function isImageRepository(ref) {
  if (ref.includes("@")) return false;
  const lastSlash = ref.lastIndexOf("/");
  if (ref.slice(lastSlash + 1).includes(":")) return false;
  return /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(
    ref
  );
}

// src/plan/build.ts
import path from "node:path";
function dockerfilePath(inputs) {
  return inputs.file || path.join(inputs.context, "Dockerfile");
}
function planBuildArgs(inputs, builderName, layerCache, files) {
  const args = ["build", "--builder", builderName, "--progress", "rawjson"];
  args.push("--file", dockerfilePath(inputs));
  args.push("--iidfile", files.imageIdFile, "--metadata-file", files.metadataFile);
  for (const tag of inputs.tags) args.push("--tag", tag);
  if (inputs.platforms.length > 0) args.push("--platform", inputs.platforms.join(","));
  for (const arg of inputs.buildArgs) args.push("--build-arg", arg);
  for (const label of inputs.labels) args.push("--label", label);
  for (const secret of files.secretSpecs) args.push("--secret", secret);
  if (inputs.target) args.push("--target", inputs.target);
  if (inputs.network) args.push("--network", inputs.network);
  for (const from of layerCache.cacheFrom) args.push("--cache-from", from);
  for (const to of layerCache.cacheTo) args.push("--cache-to", to);
  if (inputs.push) args.push("--push");
  if (inputs.load) args.push("--load");
  args.push(inputs.context);
  return args;
}

// src/plan/builder.ts
function planBuilder(facts) {
  if (facts.existingBuilder) {
    return {
      name: facts.existingBuilder,
      driver: facts.driver,
      createArgs: void 0,
      removeAfterRun: false
    };
  }
  if (facts.driver === "docker") {
    return {
      name: facts.endpoint || "default",
      driver: "docker",
      createArgs: void 0,
      removeAfterRun: false
    };
  }
  const createArgs = ["create", "--name", facts.newBuilderName, "--driver", facts.driver];
  for (const opt of facts.driverOpts) createArgs.push("--driver-opt", opt);
  if (facts.buildkitdConfig) createArgs.push("--buildkitd-config", facts.buildkitdConfig);
  if (facts.endpoint) createArgs.push(facts.endpoint);
  return { name: facts.newBuilderName, driver: facts.driver, createArgs, removeAfterRun: true };
}

// src/plan/layer-cache.ts
import { createHash } from "node:crypto";
var TAG_PREFIX = "buildcache-";
var MAX_TAG_LENGTH = 128;
function branchSlug(branch) {
  const slug = branch.toLowerCase().replace(/[^a-z0-9_.-]/g, "-");
  const room = MAX_TAG_LENGTH - TAG_PREFIX.length;
  if (slug.length <= room) return slug || "unknown";
  const hash = createHash("sha256").update(branch).digest("hex").slice(0, 8);
  return `${slug.slice(0, room - 9)}-${hash}`;
}
function layerCacheTag(branch) {
  return `${TAG_PREFIX}${branchSlug(branch)}`;
}
function planLayerCache(facts) {
  const readBranches = unique([facts.branch, facts.baseBranch, facts.defaultBranch].filter(Boolean));
  const isPullRequest = facts.pullRequestNumber !== void 0;
  const writesDefault = branchSlug(facts.branch) === branchSlug(facts.defaultBranch);
  const writeBranch = isPullRequest && writesDefault ? `pr-${facts.pullRequestNumber}` : facts.branch;
  const readTags = unique(
    (isPullRequest && writesDefault ? [writeBranch, ...readBranches] : readBranches).map(layerCacheTag)
  );
  const writeTag = layerCacheTag(writeBranch);
  const ignoreError = "ignore-error=true";
  switch (facts.kind) {
    case "none":
      return { kind: "none", readRefs: [], writeRef: void 0, cacheFrom: [], cacheTo: [] };
    case "registry": {
      const ref = (tag) => `${facts.repository}:${tag}`;
      return {
        kind: "registry",
        readRefs: readTags.map(ref),
        writeRef: ref(writeTag),
        cacheFrom: readTags.map((tag) => `type=registry,ref=${ref(tag)}`),
        cacheTo: [`type=registry,ref=${ref(writeTag)},mode=${facts.mode},${ignoreError}`]
      };
    }
    case "gha":
      return {
        kind: "gha",
        readRefs: readTags,
        writeRef: writeTag,
        cacheFrom: readTags.map((tag) => `type=gha,scope=${tag}`),
        cacheTo: [`type=gha,scope=${writeTag},mode=${facts.mode},${ignoreError}`]
      };
    case "local": {
      if (!facts.cacheDir) {
        throw new InputError(
          Input.CacheDir,
          `'layer-cache: local' needs a directory in cache-dir, e.g. /var/cache/docker-fast-build`
        );
      }
      const dir = (tag) => `${facts.cacheDir.replace(/\/+$/, "")}/layers/${tag}`;
      return {
        kind: "local",
        readRefs: readTags.map(dir),
        writeRef: dir(writeTag),
        cacheFrom: readTags.map((tag) => `type=local,src=${dir(tag)}`),
        cacheTo: [`type=local,dest=${dir(writeTag)},mode=${facts.mode},${ignoreError}`]
      };
    }
    case "inline":
      return {
        kind: "inline",
        readRefs: facts.tags,
        writeRef: facts.tags[0],
        cacheFrom: facts.tags.map((tag) => `type=registry,ref=${tag}`),
        cacheTo: ["type=inline"]
      };
  }
}
function unique(values) {
  return [...new Set(values)];
}

// src/plan/index.ts
function makePlan(inputs, facts) {
  const builder = planBuilder({
    existingBuilder: inputs.builder,
    driver: inputs.driver,
    driverOpts: inputs.driverOpts,
    endpoint: inputs.endpoint,
    buildkitdConfig: inputs.buildkitdConfig,
    newBuilderName: facts.newBuilderName
  });
  const layerCache = planLayerCache({
    kind: inputs.layerCache,
    mode: inputs.cacheMode,
    repository: inputs.cacheRef || inputs.image,
    tags: inputs.tags,
    cacheDir: inputs.cacheDir,
    branch: facts.run.branch,
    baseBranch: facts.run.baseBranch,
    defaultBranch: inputs.defaultBranch || facts.run.defaultBranch || "main",
    pullRequestNumber: facts.run.pullRequestNumber
  });
  return { builder, layerCache, buildArgs: planBuildArgs(inputs, builder.name, layerCache, facts.files) };
}

// src/report/markdown.ts
var ENTITIES = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "|": "&#124;",
  "`": "&#96;",
  "*": "&#42;",
  _: "&#95;",
  "[": "&#91;",
  "]": "&#93;",
  "\\": "&#92;",
  // An escaped @ cannot mention anyone, and an escaped # cannot link an issue.
  "@": "&#64;",
  "#": "&#35;"
};
function escapeMarkdown(text) {
  return text.replace(/\r?\n|\r/g, " ").replace(/[&<>"|`*_[\]\\@#]/g, (ch) => ENTITIES[ch] ?? ch);
}
function code(text) {
  return `<code>${escapeMarkdown(text)}</code>`;
}
function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

// src/report/build-summary.ts
function cacheHitRatio(build) {
  return build.totalSteps === 0 ? 0 : build.cachedSteps / build.totalSteps;
}
function renderBuildSummary(facts) {
  const { build, layerCache } = facts;
  const status = build.succeeded ? "built" : "failed";
  const subject = facts.tags[0] ? code(facts.tags[0]) : "image";
  const rows = [
    ["Build time", `${build.seconds.toFixed(1)} s`],
    [
      "Cached steps",
      `${build.cachedSteps} / ${build.totalSteps} (${Math.round(cacheHitRatio(build) * 100)}%)`
    ],
    ["Branch", code(facts.branch)],
    ["Layer cache", layerCache.kind],
    ["Cache read from", layerCache.readRefs.map(code).join("<br>") || "\u2014"],
    ["Cache written to", layerCache.writeRef ? code(layerCache.writeRef) : "\u2014"]
  ];
  if (build.digest) rows.push(["Digest", code(build.digest)]);
  const parts = [`### docker-fast-build: ${subject} ${status}`, "", table(["", ""], rows)];
  if (facts.cacheWarnings.length > 0) {
    parts.push("", ...facts.cacheWarnings.map((w) => `> [!WARNING]
> ${escapeMarkdown(w)}`));
  }
  if (!build.succeeded && build.error) parts.push("", `**Error:** ${escapeMarkdown(build.error)}`);
  parts.push(
    "",
    "<details><summary>Steps</summary>",
    "",
    table(
      ["Step", "Cached", "Seconds"],
      build.steps.map((s) => [
        code(s.name),
        s.cached ? "yes" : "no",
        s.seconds === void 0 ? "" : s.seconds.toFixed(1)
      ])
    ),
    "",
    "</details>",
    ""
  );
  return parts.join("\n");
}
function describeCacheProblems(build, layerCache) {
  return build.cacheProblems.map(
    (p) => p.direction === "import" ? `Layer cache ${p.ref ?? "(unknown)"} could not be read; the build went on without it: ${p.error}` : `Layer cache ${layerCache.writeRef ?? "(unknown)"} could not be written; the image is fine, the next build may be slower: ${p.error}`
  );
}

// node_modules/@docker/actions-toolkit/lib/buildx/build.js
import fs from "fs";
import path2 from "path";
var Build = class _Build {
  buildx;
  iidFilename;
  metadataFilename;
  constructor(opts) {
    this.buildx = opts?.buildx || new Buildx();
    this.iidFilename = `build-iidfile-${Util.generateRandomString()}.txt`;
    this.metadataFilename = `build-metadata-${Util.generateRandomString()}.json`;
  }
  async gitContext(opts) {
    const gitContextCommonAttrs = /* @__PURE__ */ new Set(["ref", "checksum", "subdir"]);
    const commonAttrs = opts?.attrs || {};
    const extraAttrs = Object.entries(commonAttrs).filter(([name]) => !gitContextCommonAttrs.has(name));
    const fetchByCommit = Util.parseBoolOrDefault(commonAttrs["fetch-by-commit"]);
    let ref = opts?.ref || commonAttrs.ref || context.ref;
    if (!ref.startsWith("refs/")) {
      ref = `refs/heads/${ref}`;
    } else if (ref.startsWith(`refs/pull/`) && Util.parseBoolOrDefault(process.env.DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF)) {
      ref = ref.replace(/\/merge$/g, "/head");
    }
    const baseURL = `${GitHub.serverURL}/${context.repo.owner}/${context.repo.repo}.git`;
    const explicitChecksum = opts?.checksum || commonAttrs.checksum;
    const subdir = opts?.subdir || commonAttrs.subdir;
    let format = opts?.format;
    if (!format) {
      format = "fragment";
      if (extraAttrs.length > 0) {
        format = "query";
      } else if (Util.parseBoolOrDefault(process.env.BUILDX_SEND_GIT_QUERY_AS_INPUT)) {
        try {
          if (await this.buildx.versionSatisfies(">=0.29.0")) {
            format = "query";
          }
        } catch {
        }
      }
    }
    let implicitRef = context.sha || ref;
    if (ref.startsWith(`refs/pull/`) && ref.endsWith("/head")) {
      implicitRef = typeof context.payload.pull_request?.head?.sha === "string" ? context.payload.pull_request.head.sha : ref;
    }
    const pinnedRef = explicitChecksum || implicitRef;
    if (format === "query") {
      const query = [`ref=${fetchByCommit || explicitChecksum ? ref : pinnedRef}`];
      const queryChecksum = fetchByCommit ? pinnedRef : explicitChecksum;
      if (queryChecksum) {
        query.push(`checksum=${queryChecksum}`);
      }
      if (subdir && subdir !== ".") {
        query.push(`subdir=${subdir}`);
      }
      for (const [name, value] of extraAttrs) {
        query.push(`${name}=${value}`);
      }
      return `${baseURL}?${query.join("&")}`;
    }
    return `${baseURL}#${pinnedRef}${subdir && subdir !== "." ? `:${subdir}` : ""}`;
  }
  getImageIDFilePath() {
    return path2.join(Context.tmpDir(), this.iidFilename);
  }
  resolveImageID() {
    const iidFile = this.getImageIDFilePath();
    if (!fs.existsSync(iidFile)) {
      return void 0;
    }
    return fs.readFileSync(iidFile, { encoding: "utf-8" }).trim();
  }
  getMetadataFilePath() {
    return path2.join(Context.tmpDir(), this.metadataFilename);
  }
  resolveMetadata() {
    const metadataFile = this.getMetadataFilePath();
    if (!fs.existsSync(metadataFile)) {
      return void 0;
    }
    const content = fs.readFileSync(metadataFile, { encoding: "utf-8" }).trim();
    if (content === "null") {
      return void 0;
    }
    return JSON.parse(content);
  }
  resolveRef(metadata) {
    if (!metadata) {
      metadata = this.resolveMetadata();
      if (!metadata) {
        return void 0;
      }
    }
    if ("buildx.build.ref" in metadata) {
      return metadata["buildx.build.ref"];
    }
    return void 0;
  }
  resolveProvenance(metadata) {
    if (!metadata) {
      metadata = this.resolveMetadata();
      if (!metadata) {
        return void 0;
      }
    }
    if ("buildx.build.provenance" in metadata) {
      return metadata["buildx.build.provenance"];
    }
    return void 0;
  }
  resolveWarnings(metadata) {
    if (!metadata) {
      metadata = this.resolveMetadata();
      if (!metadata) {
        return void 0;
      }
    }
    if ("buildx.build.warnings" in metadata) {
      return metadata["buildx.build.warnings"];
    }
    return void 0;
  }
  resolveDigest(metadata) {
    if (!metadata) {
      metadata = this.resolveMetadata();
      if (!metadata) {
        return void 0;
      }
    }
    if ("containerimage.digest" in metadata) {
      return metadata["containerimage.digest"];
    }
    return void 0;
  }
  static resolveSecretString(kvp) {
    const [key, file] = _Build.resolveSecret(kvp, {
      redact: true
    });
    return `id=${key},src=${file}`;
  }
  static resolveSecretFile(kvp) {
    const [key, file] = _Build.resolveSecret(kvp, {
      asFile: true
    });
    return `id=${key},src=${file}`;
  }
  static resolveSecretEnv(kvp) {
    const [key, value] = _Build.parseSecretKvp(kvp);
    return `id=${key},env=${value}`;
  }
  static resolveSecret(kvp, opts) {
    const [key, value] = _Build.parseSecretKvp(kvp, opts?.redact);
    if (opts?.asFile) {
      if (!fs.existsSync(value)) {
        throw new Error(`secret file ${value} not found`);
      }
      return [key, value];
    }
    const secretFile = Context.tmpName({ tmpdir: Context.tmpDir() });
    fs.writeFileSync(secretFile, value);
    return [key, secretFile];
  }
  static getProvenanceInput(name) {
    const input = getInput(name);
    if (!input) {
      return input;
    }
    try {
      return getBooleanInput(name) ? `builder-id=${GitHub.workflowRunURL(true)}` : "false";
    } catch {
      return _Build.resolveProvenanceAttrs(input);
    }
  }
  static resolveProvenanceAttrs(input) {
    if (!input) {
      return `builder-id=${GitHub.workflowRunURL(true)}`;
    }
    const fields = parse(input, {
      relaxColumnCount: true,
      skipEmptyLines: true
    })[0];
    for (const field of fields) {
      const parts = field.toString().split(/(?<=^[^=]+?)=/).map((item) => item.trim());
      if (parts[0] == "builder-id") {
        return input;
      }
    }
    return `${input},builder-id=${GitHub.workflowRunURL(true)}`;
  }
  static resolveCacheToAttrs(input, githubToken) {
    if (!input) {
      return input;
    }
    let cacheType = "registry";
    let ghaCacheRepository = "";
    let ghaCacheGHToken = "";
    const fields = parse(input, {
      relaxColumnCount: true,
      skipEmptyLines: true
    })[0];
    for (const field of fields) {
      const parts = field.toString().split(/(?<=^[^=]+?)=/).map((item) => item.trim());
      if (parts[0] === "type") {
        cacheType = parts[1];
      } else if (parts[0] === "repository") {
        ghaCacheRepository = parts[1];
      } else if (parts[0] === "ghtoken") {
        ghaCacheGHToken = parts[1];
      }
    }
    if (cacheType === "gha") {
      if (!ghaCacheRepository) {
        input = `${input},repository=${GitHub.repository}`;
      }
      if (!ghaCacheGHToken && githubToken) {
        input = `${input},ghtoken=${githubToken}`;
      }
    }
    return input;
  }
  static hasLocalExporter(exporters) {
    return _Build.hasExporterType("local", exporters);
  }
  static hasTarExporter(exporters) {
    return _Build.hasExporterType("tar", exporters);
  }
  static hasDockerExporter(exporters, load) {
    return load || _Build.hasExporterType("docker", exporters);
  }
  static hasExporterType(name, exporters) {
    const records = parse(exporters.join(`
`), {
      delimiter: ",",
      trim: true,
      columns: false,
      relaxColumnCount: true
    });
    for (const record of records) {
      if (record.length == 1 && !record[0].startsWith("type=")) {
        return name == "local";
      }
      for (const [key, value] of record.map((chunk) => chunk.split("=").map((item) => item.trim()))) {
        if (key == "type" && value == name) {
          return true;
        }
      }
    }
    return false;
  }
  static hasAttestationType(name, attrs) {
    const records = parse(attrs, {
      delimiter: ",",
      trim: true,
      columns: false,
      relaxColumnCount: true
    });
    for (const record of records) {
      for (const [key, value] of record.map((chunk) => chunk.split("=").map((item) => item.trim()))) {
        if (key == "type" && value == name) {
          return true;
        }
      }
    }
    return false;
  }
  static resolveAttestationAttrs(attrs) {
    const records = parse(attrs, {
      delimiter: ",",
      trim: true,
      columns: false,
      relaxColumnCount: true
    });
    const res = [];
    for (const record of records) {
      for (const attr of record) {
        try {
          const v = Util.parseBool(attr);
          res.push(`disabled=${!v}`);
        } catch {
          res.push(attr);
        }
      }
    }
    return res.join(",");
  }
  static hasGitAuthTokenSecret(secrets, domain) {
    for (const secret of secrets) {
      if (domain && secret.startsWith(`GIT_AUTH_TOKEN.${domain}=`)) {
        return true;
      } else if (secret.startsWith("GIT_AUTH_TOKEN=")) {
        return true;
      }
    }
    return false;
  }
  static parseSecretKvp(kvp, redact) {
    const delimiterIndex = kvp.indexOf("=");
    const key = kvp.substring(0, delimiterIndex);
    const value = kvp.substring(delimiterIndex + 1);
    if (key.length == 0 || value.length == 0) {
      throw new Error(`${kvp} is not a valid secret`);
    }
    if (redact) {
      setSecret(value);
    }
    return [key, value];
  }
};

// src/secrets.ts
function resolveSecretSpecs(secrets) {
  return secrets.map((line) => {
    const separator = line.indexOf("=");
    if (separator <= 0)
      throw new InputError(Input.Secrets, `expected lines of the form id=value; got a line without '='`);
    const value = line.slice(separator + 1);
    if (value) setSecret(value);
    return Build.resolveSecretString(line);
  });
}

// src/workspace.ts
import { existsSync, statSync } from "node:fs";
import path3 from "node:path";
function checkWorkspacePaths(inputs, workspace) {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(inputs.context) || inputs.context.startsWith("git@")) return;
  const context2 = path3.resolve(workspace, inputs.context);
  const relative = path3.relative(path3.resolve(workspace), context2);
  if (relative.startsWith("..") || path3.isAbsolute(relative)) {
    throw new InputError(
      Input.Context,
      `expected a directory inside the workspace; '${inputs.context}' is outside it`
    );
  }
  if (!existsSync(context2) || !statSync(context2).isDirectory()) {
    throw new InputError(Input.Context, `expected a directory; '${inputs.context}' does not exist`);
  }
  const dockerfile = path3.resolve(workspace, dockerfilePath(inputs));
  if (!existsSync(dockerfile) || !statSync(dockerfile).isFile()) {
    throw new InputError(
      Input.File,
      `expected a Dockerfile at '${dockerfilePath(inputs)}'; it does not exist (set 'file' or 'context')`
    );
  }
}

// src/run-main.ts
async function runMain() {
  stateStore.markMainStarted();
  const inputs = parseInputs((name) => getInput(name));
  const run = readRunContext(process.env);
  checkWorkspacePaths(inputs, run.workspace);
  const scratch = mkdtempSync(path4.join(process.env.RUNNER_TEMP || tmpdir(), "docker-fast-build-"));
  const plan = makePlan(inputs, {
    run,
    newBuilderName: `dfb-${run.runId || "local"}-${randomBytes(3).toString("hex")}`,
    files: {
      metadataFile: path4.join(scratch, "metadata.json"),
      imageIdFile: path4.join(scratch, "iid"),
      secretSpecs: resolveSecretSpecs(inputs.secrets)
    }
  });
  info(
    `Layer cache (${plan.layerCache.kind}): read ${plan.layerCache.readRefs.join(", ") || "nothing"}; write ${plan.layerCache.writeRef ?? "nothing"}`
  );
  const buildx = createBuildxCli();
  await group(`Builder ${plan.builder.name} (${plan.builder.driver} driver)`, async () => {
    if (plan.builder.removeAfterRun) stateStore.save(State.BuilderToRemove, plan.builder.name);
    await prepareBuilder(buildx, plan.builder);
  });
  const build = await group(
    "Build",
    () => runBuild(buildx, {
      args: plan.buildArgs,
      metadataFile: path4.join(scratch, "metadata.json"),
      imageIdFile: path4.join(scratch, "iid"),
      print: (line) => info(line)
    })
  );
  const cacheWarnings = describeCacheProblems(build, plan.layerCache);
  for (const warning2 of cacheWarnings) warning(warning2);
  setBuildOutputs(build, plan.layerCache.readRefs, plan.layerCache.writeRef);
  info(
    `Built in ${build.seconds.toFixed(1)} s; ${build.cachedSteps} of ${build.totalSteps} steps from cache.`
  );
  await writeSummary(
    renderBuildSummary({
      build,
      layerCache: plan.layerCache,
      branch: run.branch,
      tags: inputs.tags,
      cacheWarnings
    })
  );
  if (!build.succeeded) throw new Error(`The build failed: ${build.error}`);
}
function setBuildOutputs(build, readRefs, writeRef) {
  setOutput(Output.ImageId, build.imageId);
  setOutput(Output.Digest, build.digest);
  setOutput(Output.Metadata, build.metadata);
  setOutput(Output.BuildSeconds, build.seconds.toFixed(2));
  setOutput(Output.CachedSteps, build.cachedSteps);
  setOutput(Output.TotalSteps, build.totalSteps);
  setOutput(Output.CacheHitRatio, cacheHitRatio(build).toFixed(2));
  setOutput(Output.LayerCacheFrom, readRefs.join("\n"));
  setOutput(Output.LayerCacheTo, writeRef ?? "");
}
async function writeSummary(markdown) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await summary.addRaw(markdown, true).write();
  } catch (error) {
    warning(`Could not write the job summary: ${error.message}`);
  }
}

// src/main.ts
runMain().catch((error) => setFailed(error instanceof Error ? error.message : String(error)));
