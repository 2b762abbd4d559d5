import type { BuildxCli, CommandResult } from '../../src/buildx/cli.js';
import { planBuilderPrune, pruneBuilderStorage, totalBytesOf } from '../../src/buildx/storage.js';
import { timeoutBound } from '../../src/cache/backends/with-timeout.js';

const persistent = { name: 'shared', driver: 'remote' as const, removeAfterRun: true, outlivesJob: true };

describe('planBuilderPrune', () => {
  it('does nothing when builder-max-used-space is not set', () => {
    expect(planBuilderPrune(undefined, persistent)).toBeUndefined();
  });

  it('prunes a builder that outlives the job to the limit in bytes, with the older flag as fallback', () => {
    expect(planBuilderPrune(20e9, persistent)).toEqual({
      builderName: 'shared',
      limitBytes: 20e9,
      args: ['prune', '--builder', 'shared', '--force', '--max-used-space', '20000000000'],
      fallbackArgs: ['prune', '--builder', 'shared', '--force', '--keep-storage', '20000000000'],
    });
  });

  it("prunes the engine's own builder: on a self-hosted runner it keeps everything", () => {
    const plan = planBuilderPrune(1e9, {
      name: 'default',
      driver: 'docker',
      removeAfterRun: false,
      outlivesJob: false,
    });
    expect(plan).toMatchObject({ args: expect.arrayContaining(['--builder', 'default']) });
  });

  it('skips a builder the post step removes anyway, saying so', () => {
    expect(
      planBuilderPrune(1e9, {
        name: 'dfb-1',
        driver: 'docker-container',
        removeAfterRun: true,
        outlivesJob: false,
      }),
    ).toEqual({ skip: 'the docker-container builder dfb-1 is removed after the job' });
  });
});

describe('totalBytesOf', () => {
  it('reads the last Total line of buildx du and prune, in decimal units', () => {
    const du = [
      'ID                                        RECLAIMABLE   SIZE      LAST ACCESSED',
      'v6dh7pmfy0mffp6onquoi46jd                 true          81.04MB   2 minutes ago',
      'Shared:\t\t141.1MB',
      'Private:\t60.02MB',
      'Reclaimable:\t201.1MB',
      'Total:\t\t201.1MB',
      '',
    ].join('\n');
    expect(totalBytesOf(du)).toBe(201.1e6);
    expect(totalBytesOf('Total:\t0B\n')).toBe(0);
    expect(totalBytesOf('Total:\t4.096kB')).toBe(4096);
  });

  it('is undefined for output without a total', () => {
    expect(totalBytesOf('ID RECLAIMABLE SIZE LAST ACCESSED\n')).toBeUndefined();
    expect(totalBytesOf('Total: a lot')).toBeUndefined();
  });
});

/** A buildx that answers each call from a list, recording the calls. */
function scriptedBuildx(answers: CommandResult[]): BuildxCli & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    invocation: () => Promise.resolve(['docker', 'buildx']),
    run: (args) => {
      calls.push(args);
      const answer = answers.shift();
      if (!answer) throw new Error(`unexpected call ${args.join(' ')}`);
      return Promise.resolve(answer);
    },
  };
}

const ok = (stdout: string): CommandResult => ({ exitCode: 0, stdout, stderr: '' });

describe('pruneBuilderStorage', () => {
  const plan = planBuilderPrune(40e6, persistent);
  if (!plan || 'skip' in plan) throw new Error('expected a prune plan');

  it('reports what the prune reclaimed and what du says is left', async () => {
    const buildx = scriptedBuildx([
      ok('ID\tRECLAIMABLE\nabc\ttrue\nTotal:\t60.02MB\n'),
      ok('Total:\t\t141.1MB\n'),
    ]);
    const storage = await pruneBuilderStorage(buildx, plan);
    expect(storage).toMatchObject({ limitBytes: 40e6, usedBytes: 141.1e6, reclaimedBytes: 60.02e6 });
    expect(buildx.calls[1]).toEqual(['du', '--builder', 'shared']);
  });

  it('retries with --keep-storage on a buildx that does not know --max-used-space', async () => {
    const buildx = scriptedBuildx([
      { exitCode: 1, stdout: '', stderr: 'unknown flag: --max-used-space\n' },
      ok('Total:\t1GB\n'),
      ok('Total:\t2GB\n'),
    ]);
    expect(await pruneBuilderStorage(buildx, plan)).toMatchObject({ usedBytes: 2e9, reclaimedBytes: 1e9 });
    expect(buildx.calls[1]).toContain('--keep-storage');
  });

  it("fails with buildx's last line when the prune fails", async () => {
    const buildx = scriptedBuildx([
      { exitCode: 1, stdout: '', stderr: 'ERROR: no builder "shared" found\n' },
    ]);
    await expect(pruneBuilderStorage(buildx, plan)).rejects.toThrow(
      'docker buildx prune failed: ERROR: no builder "shared" found',
    );
  });

  it('is stopped by dependency-cache-timeout when BuildKit stops answering, the buildx behind it aborted', async () => {
    let aborted = false;
    const hanging: BuildxCli = {
      invocation: () => Promise.resolve(['docker', 'buildx']),
      run: (_args, options) =>
        new Promise((_, reject) =>
          options?.signal?.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('killed'));
          }),
        ),
    };
    await expect(
      timeoutBound(0.2, 10)('builder-max-used-space prune', (signal) =>
        pruneBuilderStorage(hanging, plan, signal),
      ),
    ).rejects.toThrow('builder-max-used-space prune timed out after 0.2 s (dependency-cache-timeout)');
    expect(aborted).toBe(true);
  });
});
