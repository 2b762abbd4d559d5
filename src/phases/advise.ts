// Advice on the Dockerfile, annotated; it reads only the workspace, so it runs while the builder starts.
import * as core from '@actions/core';

import { adviseAndAnnotate } from '../advice/run-advice.js';
import type { DockerfileModel } from '../dockerfile/model.js';
import type { RunContext } from '../github/run-context.js';
import type { Inputs } from '../inputs/parse.js';
import { dockerfilePath } from '../inputs/workspace.js';
import type { ReportAdvice } from '../report/model.js';

export async function advise(
  inputs: Inputs,
  run: RunContext,
  dockerfile: DockerfileModel,
  warn: (message: string) => void,
): Promise<ReportAdvice[]> {
  if (!inputs.advice) return [];
  return core.group('Advice', () =>
    adviseAndAnnotate(
      {
        workspace: run.workspace,
        context: inputs.context,
        dockerfilePath: dockerfilePath(inputs),
        dockerfile,
        disabledRules: inputs.adviceIgnore,
      },
      warn,
    ),
  );
}
