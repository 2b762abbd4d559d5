import * as core from '@actions/core';

/** Warnings go to the log as annotations and, collected, into the report. */
export interface WarningLog {
  readonly list: string[];
  warn(message: string): void;
}

export function warningLog(): WarningLog {
  const list: string[] = [];
  return {
    list,
    warn(message) {
      list.push(message);
      core.warning(message);
    },
  };
}
