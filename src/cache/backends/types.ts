/** Where dependency cache archives live between runs. */
export interface DependencyCacheBackend {
  readonly name: 'gha' | 'local';
  /** Fills `dir` from the first entry matching `primaryKey`, then each restore key by prefix (newest first); returns its key. */
  restore(dir: string, primaryKey: string, restoreKeys: string[]): Promise<string | undefined>;
  /** Stores the contents of `dir` under `key`. */
  save(dir: string, key: string): Promise<void>;
}
