// Phase 1: the inputs and the Dockerfile, read once. Bad input fails here, before any builder starts.
import { readFile } from 'node:fs/promises';

import * as core from '@actions/core';

import { ALL_RULES } from '../advice/rules/index.js';
import { parseDockerfile, type DockerfileModel } from '../dockerfile/model.js';
import { platformArgValues } from '../dockerfile/platform-args.js';
import type { RunContext } from '../github/run-context.js';
import { parseInputs, type Inputs } from '../inputs/parse.js';
import { checkWorkspacePaths, localDockerfile } from '../inputs/workspace.js';
import { info } from '../runner-log.js';

const LOCAL_DRIVERS: ReadonlySet<string> = new Set(['auto', 'docker', 'docker-container']);

export async function readInputs(run: RunContext): Promise<{ inputs: Inputs; dockerfile: DockerfileModel }> {
  const inputs = parseInputs((name) => core.getInput(name), {
    adviceRules: ALL_RULES.map((rule) => rule.id),
  });
  checkWorkspacePaths(inputs, run.workspace);
  // Read once: the dependency cache, the layer-cache check and the advice all see this one model.
  const dockerfileFile = localDockerfile(inputs, run.workspace);
  if (dockerfileFile === undefined)
    info(
      'The context is remote and its Dockerfile is not in the workspace: no dependency cache, advice or layer attribution (set file to a Dockerfile here for them).',
    );
  const dockerfile = parseDockerfile(
    dockerfileFile === undefined ? '' : await readFile(dockerfileFile, 'utf8'),
    inputs.buildArgs,
    {
      target: inputs.target,
      platformArgs: platformArgValues({
        platforms: inputs.platforms,
        // A named builder or an endpoint may run anywhere; these drivers run on this machine's engine.
        localBuilder: !inputs.builder && !inputs.endpoint && LOCAL_DRIVERS.has(inputs.driver),
        hostArch: process.arch,
      }),
    },
  );
  if (dockerfile.limitedBy)
    core.warning(
      `The Dockerfile is analysed only in part (${dockerfile.limitedBy}): advice and dependency caches cover what was read.`,
    );
  return { inputs, dockerfile };
}
