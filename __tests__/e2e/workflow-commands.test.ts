// A RUN step's output is the build's, not the action's: whatever it prints, the runner must act on
// none of it. The harness reads the log as the runner does (scripts/harness/runner/workflow-commands.ts):
// `::name::` after any leading whitespace, the legacy `##[name]` anywhere in a line, `stop-commands`,
// then the state and output files over what stdout set. The injected state is the one the post step
// used to run: with the docker driver the action writes no builder to remove, so before the fix the
// printed values stood and the post step ran the printed command.
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { wipeBuilder } from '../../scripts/harness/engine.js';
import { BUILDKIT_STANDIN } from '../../scripts/harness/registry.js';
import { useStack } from './support/use-stack.js';

const canary = path.join(tmpdir(), `dfb-injected-${process.pid}`);
const invocation = JSON.stringify(['sh', '-c', `touch ${canary}`]);

// Printed with octal escapes (\043 is #, \072 is :) so the step's name, which the log shows too,
// does not carry the commands; one step spells them out so the name is tried as well.
function hostileDockerfile(): string {
  const printed = [
    `\\043\\043[save-state name=buildxInvocation;]${invocation.replace(/"/g, '\\"')}`,
    '\\043\\043[save-state name=builderToRemove;]dfb-1-abcdef',
    'progress 50%\\r\\043\\043[set-output name=digest;]sha256:forged',
    '\\302\\205\\072\\072save-state name=builderToRemove\\072\\072dfb-2-abcdef',
    '  \\072\\072add-mask\\072\\072Successfully',
    '\\072\\072set-output name=size\\072\\0720',
    '\\043\\043[stop-commands]frozen',
  ];
  return [
    'FROM 127.0.0.1:5000/python:3.11-slim',
    ...printed.map((line) => `RUN printf '%b\\n' "${line}"`),
    `RUN echo '##[set-output name=cache-hit-ratio;]99' '::add-mask::in-the-name'`,
    '',
  ].join('\n');
}

describe.each<{ driver: string; extra: Record<string, string> }>([
  { driver: 'docker', extra: {} },
  // What `driver: auto` picks on GitHub-hosted runners (Docker 28, classic image store).
  { driver: 'docker-container', extra: { 'driver-opts': `image=${BUILDKIT_STANDIN}\nnetwork=host` } },
])('a RUN step that prints workflow commands, driver $driver', ({ driver, extra }) => {
  const suite = useStack({
    image: `e2e-commands-${driver}`,
    workspace: { files: { Dockerfile: hostileDockerfile() } },
  });
  const { image } = suite;
  afterAll(() => rmSync(canary, { force: true }));

  it('changes no state, output or mask, runs nothing in the post step, and leaves commands working', async () => {
    if (driver === 'docker') wipeBuilder();
    const run = await suite.run({
      inputs: {
        driver,
        ...extra,
        image,
        tags: `${image}:latest`,
        push: 'true',
        comment: 'off',
        'dependency-cache': 'off',
        // A gate that trips after the build: its error shows the runner still reads our commands.
        'size-budget': '1MB',
      },
    });

    // The build ran and printed everything (the log shows it; the runner took none of it).
    expect(run.log).toContain('##[save-state name=buildxInvocation;]');
    expect(run.log).toContain('##[stop-commands]frozen');
    expect(run.log).toContain('::add-mask::Successfully');

    const acted = run.commands.map((c) => c.command.toLowerCase());
    expect(acted).not.toContain('save-state');
    expect(acted).not.toContain('set-output');
    expect(acted).not.toContain('add-mask');
    expect(run.masks).toEqual([]);
    expect(run.outputs.size).not.toBe('0');
    expect(run.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(run.outputs['cache-hit-ratio']).not.toBe('99');
    expect(run.state.buildxInvocation).not.toContain('touch');
    if (driver === 'docker') expect(run.state).toEqual({ builderToRemove: '', buildxInvocation: '' });
    else expect(run.state.builderToRemove).toMatch(/^dfb-\w+-[0-9a-f]{6}$/);
    expect(run.postExitCode).toBe(0);
    expect(existsSync(canary)).toBe(false);

    // The size gate's error came after the build's output: commands were not left stopped.
    expect(run.exitCode).toBe(1);
    expect(
      run.annotations
        .filter((a) => a.level === 'error')
        .map((a) => a.message)
        .join('\n'),
    ).toMatch(/size-budget|budget/i);
  });
});
