// Where dependency caches live and when they are restored and saved: chosen by inputs, acted on by
// the cache session and its policies.
export const CACHE_BACKENDS = ['gha', 'local', 'registry'] as const;
export const RESTORE_SETTINGS = ['auto', 'true', 'false'] as const;
export const SAVE_SETTINGS = ['auto', 'true', 'false'] as const;

export type CacheBackend = (typeof CACHE_BACKENDS)[number];
export type RestoreSetting = (typeof RESTORE_SETTINGS)[number];
export type SaveSetting = (typeof SAVE_SETTINGS)[number];
