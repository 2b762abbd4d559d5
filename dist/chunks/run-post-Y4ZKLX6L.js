import { createRequire as __dfbCreateRequire } from 'node:module'; const require = __dfbCreateRequire(import.meta.url);
import {
  buildxCliFor,
  isOwnBuilderName,
  removeBuilder,
  stateStore
} from "./chunk-75P7B36J.js";
import {
  info
} from "./chunk-YTTIF42V.js";
import {
  State
} from "./chunk-C5L2EROR.js";
import {
  group,
  warning
} from "./chunk-OZTGKBK7.js";
import "./chunk-HZUF3K7W.js";
import "./chunk-LGLFEZJP.js";

// src/run-post.ts
async function runPost() {
  const builder = stateStore.get(State.BuilderToRemove);
  if (!isOwnBuilderName(builder)) {
    warning(
      `Post step: not removing '${builder}': this action names the builders it creates dfb-<run>-<hex>.`
    );
    return;
  }
  if (process.env.RUNNER_ENVIRONMENT === "github-hosted") {
    info(`Not removing builder ${builder}: this GitHub-hosted runner's machine is discarded after the job.`);
    return;
  }
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
  if (text === JSON.stringify(["buildx"])) return ["buildx"];
  return ["docker", "buildx"];
}
export {
  runPost,
  savedInvocation
};
