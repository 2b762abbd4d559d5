import path from 'node:path';

import * as core from '@actions/core';

import type { DockerfileModel } from '../dockerfile/model.js';
import { adviseDockerfile } from './advise.js';
import { measureContext } from './context.js';
import type { ContextFacts, Finding } from './types.js';

export interface AdviceRequest {
  workspace: string;
  context: string;
  /** The Dockerfile's path as the inputs give it (relative to the workspace). */
  dockerfilePath: string;
  dockerfile: DockerfileModel;
  disabledRules: string[];
}

/**
 * Walks the context, then annotates each finding on its file and line.
 * Advice is a courtesy: anything that goes wrong here is a warning, never a failed build.
 */
export async function adviseAndAnnotate(
  request: AdviceRequest,
  warn: (message: string) => void,
): Promise<Finding[]> {
  const dockerfileAbsolute = path.resolve(request.workspace, request.dockerfilePath);
  let findings: Finding[];
  try {
    let context: ContextFacts | null = null;
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(request.context)) {
      context = await measureContext(path.resolve(request.workspace, request.context), {
        dockerfile: dockerfileAbsolute,
      });
    }
    findings = adviseDockerfile({
      dockerfilePath: path.relative(request.workspace, dockerfileAbsolute).split(path.sep).join('/'),
      dockerfile: request.dockerfile,
      context,
      disabledRules: request.disabledRules,
    });
  } catch (error) {
    warn(`Advice skipped: ${(error as Error).message}`);
    return [];
  }
  for (const finding of findings) {
    const annotate = finding.severity === 'warning' ? core.warning : core.notice;
    annotate(`${finding.message} Fix: ${finding.fix}`, {
      title: `docker-fast-build: ${finding.rule}`,
      file: finding.file,
      startLine: finding.line,
      endLine: finding.endLine,
    });
  }
  return findings;
}
