import { createRequire as __dfbCreateRequire } from 'node:module'; const require = __dfbCreateRequire(import.meta.url);

// src/constants.ts
var Input = {
  Mode: "mode",
  ReportFile: "report-file",
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
  CacheRef: "cache-ref",
  LayerCache: "layer-cache",
  CacheMode: "cache-mode",
  PullRequestLayerCache: "pull-request-layer-cache",
  DefaultBranch: "default-branch",
  CacheBackend: "cache-backend",
  CacheDir: "cache-dir",
  DependencyCache: "dependency-cache",
  Lockfiles: "lockfiles",
  MaxCacheSize: "max-cache-size",
  RestoreCache: "restore-cache",
  CacheTimeout: "cache-timeout",
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
  MinSizeChangePercent: "min-size-change-percent"
};
var Output = {
  ImageId: "imageid",
  Digest: "digest",
  Metadata: "metadata",
  BuildSeconds: "build-seconds",
  OverheadSeconds: "overhead-seconds",
  BuilderStorage: "builder-storage",
  CachedSteps: "cached-steps",
  TotalSteps: "total-steps",
  CacheHitRatio: "cache-hit-ratio",
  LayerCacheFrom: "layer-cache-from",
  LayerCacheTo: "layer-cache-to",
  DependencyCache: "dependency-cache",
  CacheRestoreSeconds: "cache-restore-seconds",
  CacheInjectSeconds: "cache-inject-seconds",
  CacheExtractSeconds: "cache-extract-seconds",
  CacheSaveSeconds: "cache-save-seconds",
  DependencyCacheSpentSeconds: "dependency-cache-spent-seconds",
  DependencyCacheSavedSeconds: "dependency-cache-saved-seconds",
  DependencyCacheNetSeconds: "dependency-cache-net-seconds",
  Size: "size",
  CompressedSize: "compressed-size",
  SizeDelta: "size-delta",
  Efficiency: "efficiency",
  WastedBytes: "wasted-bytes",
  Report: "report",
  CommentArtifact: "comment-artifact",
  PullRequest: "pull-request"
};
var State = {
  BuilderToRemove: "builderToRemove",
  /** JSON array: how main ran buildx, so the post step need not work it out again. */
  BuildxInvocation: "buildxInvocation"
};

export {
  Input,
  Output,
  State
};
