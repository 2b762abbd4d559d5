import type { DockerfileModel } from '../dockerfile/model.js';

export type AdviceSeverity = 'warning' | 'notice';

export interface Finding {
  /** Stable kebab-case id, e.g. 'copy-before-install'. */
  rule: string;
  severity: AdviceSeverity;
  /** The Dockerfile path as given to the engine (or a '.dockerignore' path for context rules). */
  file: string;
  /** 1-based line the finding points at. */
  line: number;
  endLine?: number;
  /** One line: what is wrong and why it costs time or bytes. */
  message: string;
  /** One line: what to do instead. */
  fix: string;
  /** When knowable (e.g. context bytes of .git). */
  bytesAtStake?: number;
}

/** A posix path relative to the build context. */
export interface ContextEntry {
  path: string;
  bytes: number;
}

export interface ContextFacts {
  hasDockerignore: boolean;
  /** Bytes the context sends, honouring .dockerignore. */
  totalBytes: number;
  fileCount: number;
  /** Biggest top-level paths (dirs summed) sent, descending, at most 10. */
  largest: ContextEntry[];
  /** .git, node_modules, __pycache__, .venv/venv, .tox, .mypy_cache, .pytest_cache actually sent, with summed bytes. */
  sentHeavyDirs: ContextEntry[];
  /** Single files >= 50 MB sent. */
  largeFiles: ContextEntry[];
}

export interface AdviceInput {
  /** As shown to users, e.g. 'services/api/Dockerfile'. */
  dockerfilePath: string;
  dockerfile: DockerfileModel;
  /** Null when the context is remote or was not measured. */
  context: ContextFacts | null;
  /** From the action input; inline `# dfb-ignore RULE` comments also silence a rule for the next instruction. */
  disabledRules: string[];
}
