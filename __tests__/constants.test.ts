import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'yaml';

import { Input, Output, RelayInput, RelayOutput } from '../src/constants.js';

const ROOT = path.join(import.meta.dirname, '..');

function declared(actionFile: string): { inputs: string[]; outputs: string[] } {
  const action = parse(readFileSync(path.join(ROOT, actionFile), 'utf8')) as {
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
  };
  return { inputs: Object.keys(action.inputs ?? {}), outputs: Object.keys(action.outputs ?? {}) };
}

const sorted = (names: Record<string, string>) => Object.values(names).sort();

describe('the names in constants.ts are the names the action files declare', () => {
  it('action.yml: every input and output, and none of the relay’s', () => {
    const { inputs, outputs } = declared('action.yml');
    expect(inputs.sort()).toEqual(sorted(Input));
    expect(outputs.sort()).toEqual(sorted(Output));
    // The relay is its own sub-action: the build action takes no mode and no artifact.
    expect(inputs).not.toContain('mode');
    expect(inputs).not.toContain(RelayInput.ArtifactPath);
  });

  it('comment-from-artifact/action.yml: only what the relay reads, and its bundle entry', () => {
    const { inputs, outputs } = declared('comment-from-artifact/action.yml');
    expect(inputs.sort()).toEqual(sorted(RelayInput));
    expect(outputs.sort()).toEqual(sorted(RelayOutput));
    const runs = (
      parse(readFileSync(path.join(ROOT, 'comment-from-artifact/action.yml'), 'utf8')) as {
        runs: { using: string; main: string; post?: string };
      }
    ).runs;
    expect(runs).toEqual({ using: 'node24', main: '../dist/comment-from-artifact.js' });
  });
});
