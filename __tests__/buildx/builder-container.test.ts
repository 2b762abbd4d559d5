import type { BuildxCli, CommandResult } from '../../src/buildx/toolkit.js';
import { builderContainerOf, containerCopy, snapshotDirOf } from '../../src/buildx/builder-container.js';

/** What buildx 0.29 printed for a docker-container builder on this stack, trimmed after the node's status. */
function inspected(name: string, driver: string, nodes: { name: string; endpoint: string }[]): string {
  return [
    `Name:          ${name}`,
    `Driver:        ${driver}`,
    'Last Activity: 2026-12-06 01:57:03 +0000 UTC',
    '',
    'Nodes:',
    ...nodes.flatMap((node) => [
      `Name:                  ${node.name}`,
      `Endpoint:              ${node.endpoint}`,
      'Driver Options:        image="127.0.0.1:5000/dfb/buildkit-standin:local" network="host"',
      'Status:                running',
      '',
    ]),
  ].join('\n');
}

describe('builderContainerOf', () => {
  it('names the container of the only node and reaches its engine by --host', () => {
    expect(
      builderContainerOf(
        'docker-container',
        inspected('dfb-1-abcdef', 'docker-container', [
          { name: 'dfb-1-abcdef0', endpoint: 'unix:///run/dfb-classic/docker.sock' },
        ]),
      ),
    ).toEqual({
      name: 'buildx_buildkit_dfb-1-abcdef0',
      invocation: ['docker', '--host', 'unix:///run/dfb-classic/docker.sock'],
    });
  });

  it('reaches a node whose endpoint is a docker context by --context', () => {
    expect(
      builderContainerOf(
        'docker-container',
        inspected('b', 'docker-container', [{ name: 'b0', endpoint: 'default' }]),
      ),
    ).toEqual({ name: 'buildx_buildkit_b0', invocation: ['docker', '--context', 'default'] });
  });

  it('is undefined for other drivers and for builders of several nodes', () => {
    const one = [{ name: 'b0', endpoint: 'default' }];
    expect(builderContainerOf('docker', inspected('default', 'docker', one))).toBeUndefined();
    expect(builderContainerOf('docker-container', inspected('b', 'remote', one))).toBeUndefined();
    expect(
      builderContainerOf(
        'docker-container',
        inspected('b', 'docker-container', [...one, { name: 'b1', endpoint: 'ctx2' }]),
      ),
    ).toBeUndefined();
  });

  it('does not take a node name that could be read as an option', () => {
    expect(
      builderContainerOf(
        'docker-container',
        inspected('b', 'docker-container', [{ name: '-v', endpoint: 'default' }]),
      ),
    ).toBeUndefined();
  });
});

describe('snapshotDirOf', () => {
  const mark = 'dfb-packed-0123456789abcdef';
  it('picks the snapshot where the mark sits in the named directory, not a copy of it elsewhere', () => {
    const found = [
      `/var/lib/buildkit/runc-overlayfs/snapshots/snapshots/7/fs/${mark}`,
      `/var/lib/buildkit/runc-overlayfs/snapshots/snapshots/6/fs/dfb-extract/${mark}`,
      '',
    ].join('\n');
    expect(snapshotDirOf(found, 'dfb-extract', mark)).toBe(
      '/var/lib/buildkit/runc-overlayfs/snapshots/snapshots/6/fs/dfb-extract',
    );
  });

  it('finds nothing outside the state directory, in another name, or through ..', () => {
    expect(snapshotDirOf(`/tmp/dfb-extract/${mark}`, 'dfb-extract', mark)).toBeUndefined();
    expect(snapshotDirOf(`/var/lib/buildkit/x/dfb-extract/${mark}-old`, 'dfb-extract', mark)).toBeUndefined();
    expect(
      snapshotDirOf(`/var/lib/buildkit/../../etc/dfb-extract/${mark}`, 'dfb-extract', mark),
    ).toBeUndefined();
    expect(snapshotDirOf('', 'dfb-extract', mark)).toBeUndefined();
  });
});

describe('containerCopy', () => {
  const container = { name: 'buildx_buildkit_b0', invocation: ['docker', '--context', 'default'] };
  const mark = 'dfb-packed-0123456789abcdef';
  function docker(answers: Record<string, CommandResult>): { cli: BuildxCli; calls: string[][] } {
    const calls: string[][] = [];
    return {
      calls,
      cli: {
        invocation: () => Promise.resolve(container.invocation),
        run: (args) => {
          calls.push(args);
          return Promise.resolve(answers[args[0]!] ?? { exitCode: 1, stdout: '', stderr: 'no' });
        },
      },
    };
  }

  it('finds the mark, then copies what is beside it into the directory', async () => {
    const { cli, calls } = docker({
      exec: { exitCode: 0, stdout: `/var/lib/buildkit/s/1/fs/dfb-extract/${mark}\n`, stderr: '' },
      cp: { exitCode: 0, stdout: '', stderr: '' },
    });
    await containerCopy(container, cli).copyOut('dfb-extract', mark, '/tmp/out');
    expect(calls).toEqual([
      ['exec', 'buildx_buildkit_b0', 'find', '/var/lib/buildkit', '-name', mark, '-type', 'f'],
      ['cp', 'buildx_buildkit_b0:/var/lib/buildkit/s/1/fs/dfb-extract/.', '/tmp/out'],
    ]);
  });

  it('says why when the mark is not found or the copy fails', async () => {
    const missing = docker({ exec: { exitCode: 1, stdout: '', stderr: 'find: not found' } });
    await expect(
      containerCopy(container, missing.cli).copyOut('dfb-extract', mark, '/tmp/out'),
    ).rejects.toThrow('not found under /var/lib/buildkit in buildx_buildkit_b0 (find: not found)');
    expect(missing.calls).toHaveLength(1);
    const refused = docker({
      exec: { exitCode: 0, stdout: `/var/lib/buildkit/s/1/fs/dfb-extract/${mark}\n`, stderr: '' },
      cp: { exitCode: 1, stdout: '', stderr: 'Error: No such container' },
    });
    await expect(
      containerCopy(container, refused.cli).copyOut('dfb-extract', mark, '/tmp/out'),
    ).rejects.toThrow('docker cp failed: Error: No such container');
  });
});
