// The wheels the example projects install, made once per machine (deterministic, so reusable).
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { ACTION_DIR } from '../run-action.mjs';
import { makeWheel } from './wheels.mjs';

export const STACK_HOME = process.env.DFB_STACK_HOME || '/var/lib/dfb-stack';
const MB = 1024 * 1024;

/** __tests__/fixtures/projects/pip-app/requirements.txt, each pinned wheel 25 MB of incompressible bytes. */
export async function makeDemoWheels(dir = path.join(STACK_HOME, 'wheels')) {
  const requirements = readFileSync(
    path.join(ACTION_DIR, '__tests__/fixtures/projects/pip-app/requirements.txt'),
    'utf8',
  );
  for (const line of requirements.split('\n')) {
    const match = /^([A-Za-z0-9_.-]+)==(\S+)/.exec(line.trim());
    if (match) await makeWheel(dir, { name: match[1], version: match[2], payloadBytes: 25 * MB });
  }
  return dir;
}
