/**
 * Where archives of a directory live between runs, by key: the Actions cache or a local directory
 * (the `cache-backend` a user picks). The dependency caches keep their entries in one (their backend,
 * unless it is `registry`), and the report store keeps each push's report in one whatever that is.
 */
export interface ArchiveStore {
  readonly name: 'gha' | 'local';
  /**
   * An aborted call stops writing at once (the local backend stops its processes). @actions/cache
   * cannot be stopped: an abandoned restore may still unpack into its directory later.
   */
  readonly stopsOnAbort: boolean;
  /**
   * Fills `dir` from the first entry matching `primaryKey`, then each restore key by prefix (newest
   * first); returns its key. `signal` abandons it (the local backend stops its processes).
   */
  restore(
    dir: string,
    primaryKey: string,
    restoreKeys: string[],
    signal?: AbortSignal,
  ): Promise<string | undefined>;
  /**
   * The key of an entry starting with `prefix` that `restore` of `dir` could find, without restoring
   * anything; undefined when there is none.
   */
  lookup(dir: string, prefix: string, signal?: AbortSignal): Promise<string | undefined>;
  /** Stores the contents of `dir` (only the files named in ENTRY_MEMBERS) under `key`. */
  save(dir: string, key: string, signal?: AbortSignal): Promise<void>;
}

/**
 * Every file an entry of this action holds, at its top level: a whole cache mount or a delta over
 * one, or a push's report (with its measured layers and its branch's trend). Anything else in an entry is not ours, and the entry is refused.
 */
export const ENTRY_MEMBERS: ReadonlySet<string> = new Set([
  'cache.tar',
  'delta.tar',
  'delta.json',
  'report.json',
  'layers.json',
  'history.json',
]);
