// Every input, output and state name the action uses, in one place.

export const Input = {
  Builder: 'builder',
  Driver: 'driver',
  DriverOpts: 'driver-opts',
  Endpoint: 'endpoint',
  BuildkitdConfig: 'buildkitd-config',
  Context: 'context',
  File: 'file',
  Tags: 'tags',
  Push: 'push',
  Load: 'load',
  Platforms: 'platforms',
  BuildArgs: 'build-args',
  Target: 'target',
  Labels: 'labels',
  Secrets: 'secrets',
  Network: 'network',
  Image: 'image',
  CacheRef: 'cache-ref',
  LayerCache: 'layer-cache',
  CacheMode: 'cache-mode',
  DefaultBranch: 'default-branch',
  CacheBackend: 'cache-backend',
  CacheDir: 'cache-dir',
  DependencyCache: 'dependency-cache',
  Lockfiles: 'lockfiles',
  MaxCacheSize: 'max-cache-size',
  RestoreCache: 'restore-cache',
  CacheTimeout: 'cache-timeout',
  Comment: 'comment',
  GithubToken: 'github-token',
  Advice: 'advice',
  AdviceIgnore: 'advice-ignore',
  SizeBudget: 'size-budget',
  MaxSizeIncrease: 'max-size-increase',
  MinSizeChange: 'min-size-change',
  MinSizeChangePercent: 'min-size-change-percent',
} as const;
export type InputName = (typeof Input)[keyof typeof Input];

export const Output = {
  ImageId: 'imageid',
  Digest: 'digest',
  Metadata: 'metadata',
  BuildSeconds: 'build-seconds',
  OverheadSeconds: 'overhead-seconds',
  CachedSteps: 'cached-steps',
  TotalSteps: 'total-steps',
  CacheHitRatio: 'cache-hit-ratio',
  LayerCacheFrom: 'layer-cache-from',
  LayerCacheTo: 'layer-cache-to',
  DependencyCache: 'dependency-cache',
  CacheRestoreSeconds: 'cache-restore-seconds',
  CacheInjectSeconds: 'cache-inject-seconds',
  CacheExtractSeconds: 'cache-extract-seconds',
  CacheSaveSeconds: 'cache-save-seconds',
  Size: 'size',
  CompressedSize: 'compressed-size',
  SizeDelta: 'size-delta',
  Efficiency: 'efficiency',
  WastedBytes: 'wasted-bytes',
  Report: 'report',
} as const;
export type OutputName = (typeof Output)[keyof typeof Output];

export const State = {
  BuilderToRemove: 'builderToRemove',
  /** JSON array: how main ran buildx, so the post step need not work it out again. */
  BuildxInvocation: 'buildxInvocation',
} as const;
export type StateName = (typeof State)[keyof typeof State];
