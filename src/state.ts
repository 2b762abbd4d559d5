import * as core from '@actions/core';

import type { StateName } from './constants.js';

/** The only place that reads and writes state handed from the main step to the post step. */
export const stateStore = {
  save(name: StateName, value: string): void {
    core.saveState(name, value);
  },
  get(name: StateName): string {
    return core.getState(name);
  },
};
