import { jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { BuildxCli } from '../../src/buildx/toolkit.js';
import { createHelperBuildRunner } from '../../src/cache/helper-build.js';

interface FakeVertex {
  digest: string;
  name: string;
  /** How long it ran. */
  seconds: number;
  /** How long before buildx was asked it began (0: as the helper build began). */
  before: number;
}

/** A buildx that prints the given vertices as rawjson on stderr, timed from the moment it is asked, and succeeds. */
function printingBuildx(vertexes: FakeVertex[]): BuildxCli {
  return {
    invocation: () => Promise.resolve(['docker', 'buildx']),
    run: (_args, options) => {
      const now = Date.now();
      const raw = vertexes.map(({ seconds, before, ...named }) => ({
        ...named,
        started: new Date(now - before * 1000).toISOString(),
        completed: new Date(now + (seconds - before) * 1000).toISOString(),
      }));
      options?.onStderrLine?.(JSON.stringify({ vertexes: raw }));
      return Promise.resolve({ exitCode: 0, stdout: '', stderr: '' });
    },
  };
}

const vertex = (digest: string, name: string, seconds: number, before = 0): FakeVertex => ({
  digest: `sha256:${digest.padStart(64, '0')}`,
  name,
  seconds,
  before,
});

describe('createHelperBuildRunner', () => {
  let scratch: string;
  let printed: string[];
  let restore: () => void;
  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'dfb-helper-'));
    printed = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    restore = () => spy.mockRestore();
  });
  afterEach(() => {
    restore();
    rmSync(scratch, { recursive: true, force: true });
  });

  const build = (buildx: BuildxCli, target: string) =>
    createHelperBuildRunner(
      buildx,
      'builder',
      scratch,
    )({
      kind: 'inject',
      mount: { id: 'pip', target },
      dockerfile: 'FROM base\n',
      output: 'type=cacheonly',
    });

  it('says in the debug log where the helper build spent its seconds', async () => {
    await build(
      printingBuildx([
        vertex('1', '[1/2] FROM 127.0.0.1:5000/python:3.11-slim', 5),
        vertex('2', '[internal] load build context', 4),
      ]),
      '/root/.cache/pip',
    );
    const debug = printed.filter((line) => line.startsWith('::debug::inject: '));
    expect(debug).toHaveLength(1);
    expect(debug[0]).toMatch(
      /^::debug::inject: \d+\.\d s for cache mount \/root\/\.cache\/pip; slowest: \[1\/2\] FROM 127\.0\.0\.1:5000\/python:3\.11-slim 5\.0 s; \[internal\] load build context 4\.0 s\n$/,
    );
  });

  it('counts the base unpack another build began only from when the helper build joined it', async () => {
    await build(
      printingBuildx([
        // BuildKit shares the user's build's unpack, begun 9 s before; it ends 1 s into this one.
        vertex('1', '[1/2] FROM 127.0.0.1:5000/python:3.11-slim', 10, 9),
        vertex('2', '[2/2] RUN tar -cf /dfb-extract/cache.tar .', 2, -1),
      ]),
      '/root/.cache/pip',
    );
    const debug = printed.filter((line) => line.startsWith('::debug::inject: '));
    expect(debug).toEqual([
      expect.stringMatching(
        /slowest: \[2\/2\] RUN tar -cf \/dfb-extract\/cache\.tar \. 2\.0 s; \[1\/2\] FROM 127\.0\.0\.1:5000\/python:3\.11-slim 1\.0 s\n$/,
      ),
    ]);
  });

  it('keeps only the seconds when a step name could read as a workflow command', async () => {
    await build(printingBuildx([vertex('1', '[2/2] RUN echo ##[error]gotcha', 2)]), '/cache');
    const debug = printed.filter((line) => line.startsWith('::debug::inject'));
    expect(debug).toEqual([expect.stringMatching(/^::debug::inject: \d+\.\d s\n$/)]);
    expect(printed.join('')).not.toContain('##[');
  });
});
