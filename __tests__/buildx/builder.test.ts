import type { BuildxCli, CommandResult } from '../../src/buildx/cli.js';
import { prepareBuilder } from '../../src/buildx/builder.js';
import { planBuilder } from '../../src/buildx/builder-plan.js';

const ok = (stdout: string, stderr = ''): CommandResult => ({ exitCode: 0, stdout, stderr });

/** Answers each command with the answer of its verb; records what was asked, and what was still open when. */
function scriptedBuildx(answers: Record<string, CommandResult | Promise<CommandResult>>) {
  const calls: string[][] = [];
  const buildx: BuildxCli = {
    invocation: () => Promise.resolve(['docker', 'buildx']),
    run: (args) => {
      calls.push(args);
      const answer = answers[args[0]!];
      if (!answer) throw new Error(`unexpected call ${args.join(' ')}`);
      return Promise.resolve(answer);
    },
  };
  return { buildx, calls };
}

const newBuilder = planBuilder({
  driver: 'remote',
  endpoint: 'tcp://buildkitd:1234',
  driverOpts: [],
  buildkitdConfig: '',
  existingBuilder: '',
  newBuilderName: 'dfb-1-abcdef',
});

describe('prepareBuilder', () => {
  it('is ready once `create --bootstrap` returns; what inspect says comes after, for the log', async () => {
    let inspected!: (result: CommandResult) => void;
    const { buildx, calls } = scriptedBuildx({
      create: ok('dfb-1-abcdef\n', '#1 [internal] booting buildkit\n'),
      inspect: new Promise((resolve) => (inspected = resolve)),
    });
    const { ready, details } = prepareBuilder(buildx, newBuilder);
    await ready;
    expect(calls[0]).toEqual([
      'create',
      '--name',
      'dfb-1-abcdef',
      '--driver',
      'remote',
      '--bootstrap',
      'tcp://buildkitd:1234',
    ]);
    // The inspect is asked once the builder runs, without starting it again.
    expect(calls[1]).toEqual(['inspect', '--builder', 'dfb-1-abcdef']);
    inspected(ok('Name: dfb-1-abcdef\nDriver: remote\n'));
    expect(await details).toEqual({
      printed: 'dfb-1-abcdef\n#1 [internal] booting buildkit\nName: dfb-1-abcdef\nDriver: remote',
      inspected: 'Name: dfb-1-abcdef\nDriver: remote\n',
    });
  });

  it('starts an existing builder with `inspect --bootstrap`, once', async () => {
    const { buildx, calls } = scriptedBuildx({ inspect: ok('Name: ci\nDriver: remote\n') });
    const existing = planBuilder({
      driver: 'remote',
      endpoint: '',
      driverOpts: [],
      buildkitdConfig: '',
      existingBuilder: 'ci',
      newBuilderName: 'dfb-1-abcdef',
    });
    const { ready, details } = prepareBuilder(buildx, existing);
    await ready;
    expect((await details).inspected).toBe('Name: ci\nDriver: remote\n');
    expect(calls).toEqual([['inspect', '--bootstrap', '--builder', 'ci']]);
  });

  it('names the builder and what buildx said when it cannot be created or inspected', async () => {
    const failed = scriptedBuildx({ create: { exitCode: 1, stdout: '', stderr: 'ERROR: no endpoint\n' } });
    const creating = prepareBuilder(failed.buildx, newBuilder);
    await expect(creating.ready).rejects.toThrow(
      "Could not create the buildx builder 'dfb-1-abcdef': ERROR: no endpoint",
    );
    await expect(creating.details).rejects.toThrow('no endpoint');

    const unsaid = scriptedBuildx({
      create: ok('dfb-1-abcdef\n'),
      inspect: { exitCode: 1, stdout: '', stderr: 'ERROR: gone\n' },
    });
    const inspecting = prepareBuilder(unsaid.buildx, newBuilder);
    // The build needed only the builder to run.
    await expect(inspecting.ready).resolves.toBeUndefined();
    await expect(inspecting.details).rejects.toThrow(
      "The buildx builder 'dfb-1-abcdef' is not usable: ERROR: gone",
    );
  });
});
