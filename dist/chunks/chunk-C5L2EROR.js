import { createRequire as __dfbCreateRequire } from 'node:module'; const require = __dfbCreateRequire(import.meta.url);

// src/constants.ts
var Input = {
  Builder: "builder",
  Driver: "driver",
  DriverOpts: "driver-opts",
  Endpoint: "endpoint",
  BuildkitdConfig: "buildkitd-config",
  Context: "context",
  File: "file",
  Tags: "tags",
  Push: "push",
  Load: "load",
  Platforms: "platforms",
  BuildArgs: "build-args",
  Target: "target",
  Labels: "labels",
  Secrets: "secrets",
  Network: "network",
  Image: "image",
  LayerCache: "layer-cache",
  LayerCacheRepository: "layer-cache-repository",
  LayerCacheMode: "layer-cache-mode",
  PullRequestLayerCache: "pull-request-layer-cache",
  LocalCacheDir: "local-cache-dir",
  DependencyCache: "dependency-cache",
  DependencyCacheBackend: "dependency-cache-backend",
  DependencyCacheLockfiles: "dependency-cache-lockfiles",
  DependencyCacheMaxSize: "dependency-cache-max-size",
  DependencyCacheTimeout: "dependency-cache-timeout",
  RestoreCache: "restore-cache",
  SaveCache: "save-cache",
  BuilderMaxUsedSpace: "builder-max-used-space",
  Comment: "comment",
  GithubToken: "github-token",
  Advice: "advice",
  AdviceIgnore: "advice-ignore",
  SizeBudget: "size-budget",
  MaxSizeIncrease: "max-size-increase",
  SizeOverrideLabel: "size-override-label",
  TrendLength: "trend-length",
  MinSizeChange: "min-size-change",
  MinSizeChangePercent: "min-size-change-percent",
  // docker/build-push-action's inputs we had no counterpart for, under the same names.
  AddHosts: "add-hosts",
  Allow: "allow",
  Annotations: "annotations",
  Attests: "attests",
  BuildContexts: "build-contexts",
  CacheFrom: "cache-from",
  CacheTo: "cache-to",
  Call: "call",
  CgroupParent: "cgroup-parent",
  NoCache: "no-cache",
  NoCacheFilters: "no-cache-filters",
  Outputs: "outputs",
  Provenance: "provenance",
  Pull: "pull",
  Sbom: "sbom",
  SecretEnvs: "secret-envs",
  SecretFiles: "secret-files",
  ShmSize: "shm-size",
  Ssh: "ssh",
  Ulimit: "ulimit"
};
var Output = {
  ImageId: "imageid",
  Digest: "digest",
  Metadata: "metadata",
  BuildSeconds: "build-seconds",
  CacheHitRatio: "cache-hit-ratio",
  Size: "size",
  SizeDelta: "size-delta",
  Report: "report",
  CommentArtifact: "comment-artifact"
};
var RelayInput = {
  ArtifactPath: "artifact-path",
  GithubToken: "github-token"
};
var RelayOutput = {
  PullRequest: "pull-request"
};
var State = {
  BuilderToRemove: "builderToRemove",
  /** JSON array: how main ran buildx, so the post step need not work it out again. */
  BuildxInvocation: "buildxInvocation"
};
var Switch = {
  MeasureSource: "DOCKER_FAST_BUILD_MEASURE"
};

export {
  Input,
  Output,
  RelayInput,
  RelayOutput,
  State,
  Switch
};
