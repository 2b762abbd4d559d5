// The layer cache's kinds and modes: chosen by inputs, carried out by buildx, recorded in the stored
// report. They live here, below all three, so the report's stored shape does not hang on the input parser.
export const LAYER_CACHES = ['registry', 'gha', 'local', 'inline', 'none'] as const;
export const CACHE_MODES = ['max', 'min'] as const;
export const PULL_REQUEST_LAYER_CACHE = ['min', 'max', 'off'] as const;

export type LayerCacheKind = (typeof LAYER_CACHES)[number];
export type CacheMode = (typeof CACHE_MODES)[number];
export type PullRequestLayerCache = (typeof PULL_REQUEST_LAYER_CACHE)[number];
