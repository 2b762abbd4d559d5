import { DockerfileParser } from 'dockerfile-ast';

import {
  ARCHIVE_NAME,
  NONCE_ARG,
  extractDockerfile,
  injectDockerfile,
} from '../../src/cache/helper-dockerfiles.js';
import type { CacheMount } from '../../src/cache/mounts.js';

function cacheMount(overrides: Partial<CacheMount> = {}): CacheMount {
  return {
    target: '/root/.cache/pip',
    id: '',
    sharing: 'shared',
    uid: '',
    gid: '',
    mode: '',
    kind: 'pip',
    line: 3,
    helperImage: 'python:3.12-slim',
    ...overrides,
  };
}

const ownedMount = cacheMount({
  target: '/home/app/.cache/deps/',
  id: 'deps',
  sharing: 'locked',
  uid: '1000',
  gid: '1001',
  mode: '0700',
  kind: 'generic',
});

/** The exec-form argv of the one RUN of a helper Dockerfile. */
function runArgv(dockerfileText: string): string[] {
  const runs = DockerfileParser.parse(dockerfileText)
    .getInstructions()
    .filter((i) => i.getKeyword() === 'RUN');
  expect(runs).toHaveLength(1);
  const lastLine = dockerfileText.split('\n').find((line) => line.trimStart().startsWith('["'));
  expect(lastLine).toBeDefined();
  return JSON.parse(lastLine!.trim()) as string[];
}

describe('injectDockerfile', () => {
  it('unpacks the restored archive into a pip mount', () => {
    expect(injectDockerfile(cacheMount(), 'python:3.12-slim')).toBe(
      [
        'FROM python:3.12-slim',
        'ARG DFB_NONCE',
        'RUN --mount=type=cache,target=/root/.cache/pip,id=/root/.cache/pip,sharing=shared --mount=type=bind,source=.,target=/dfb-restored \\',
        '    ["sh","-c","tar --numeric-owner -xpf \\"$1\\" -C \\"$0\\"","/root/.cache/pip","/dfb-restored/cache.tar"]',
        '',
      ].join('\n'),
    );
  });

  it('copies id, sharing, uid, gid and mode into the mount flag', () => {
    expect(injectDockerfile(ownedMount, 'debian:bookworm')).toBe(
      [
        'FROM debian:bookworm',
        'ARG DFB_NONCE',
        'RUN --mount=type=cache,target=/home/app/.cache/deps/,id=deps,sharing=locked,uid=1000,gid=1001,mode=0700 --mount=type=bind,source=.,target=/dfb-restored \\',
        '    ["sh","-c","tar --numeric-owner -xpf \\"$1\\" -C \\"$0\\"","/home/app/.cache/deps","/dfb-restored/cache.tar"]',
        '',
      ].join('\n'),
    );
  });
});

describe('extractDockerfile', () => {
  it('packs a pip mount into one archive in a scratch stage', () => {
    expect(extractDockerfile(cacheMount(), 'python:3.12-slim')).toBe(
      [
        'FROM python:3.12-slim AS pack',
        'ARG DFB_NONCE',
        'RUN --mount=type=cache,target=/root/.cache/pip,id=/root/.cache/pip,sharing=shared \\',
        '    ["sh","-c","mkdir -p /dfb-extract && tar --numeric-owner -cpf \\"$1\\" -C \\"$0\\" .","/root/.cache/pip","/dfb-extract/cache.tar"]',
        'FROM scratch',
        'COPY --from=pack /dfb-extract/cache.tar /cache.tar',
        '',
      ].join('\n'),
    );
  });

  it('copies id, sharing, uid, gid and mode into the mount flag', () => {
    expect(extractDockerfile(ownedMount, 'debian:bookworm')).toBe(
      [
        'FROM debian:bookworm AS pack',
        'ARG DFB_NONCE',
        'RUN --mount=type=cache,target=/home/app/.cache/deps/,id=deps,sharing=locked,uid=1000,gid=1001,mode=0700 \\',
        '    ["sh","-c","mkdir -p /dfb-extract && tar --numeric-owner -cpf \\"$1\\" -C \\"$0\\" .","/home/app/.cache/deps","/dfb-extract/cache.tar"]',
        'FROM scratch',
        'COPY --from=pack /dfb-extract/cache.tar /cache.tar',
        '',
      ].join('\n'),
    );
  });

  it('ends with the archive copied out of the pack stage', () => {
    const lines = extractDockerfile(ownedMount, 'alpine:3.20').trimEnd().split('\n');
    expect(lines.slice(-2)).toEqual([
      'FROM scratch',
      `COPY --from=pack /dfb-extract/${ARCHIVE_NAME} /cache.tar`,
    ]);
  });
});

describe.each([
  ['injectDockerfile', injectDockerfile],
  ['extractDockerfile', extractDockerfile],
])('%s', (_name, render) => {
  it('declares the nonce ARG in the stage that runs the mount', () => {
    const instructions = DockerfileParser.parse(render(cacheMount(), 'alpine:3.20')).getInstructions();
    expect(instructions.slice(0, 3).map((i) => i.getKeyword())).toEqual(['FROM', 'ARG', 'RUN']);
    expect(instructions[1]!.getArgumentsContent()).toBe(NONCE_ARG);
  });

  it('passes a target with quotes and $(...) only as one JSON argument, never as shell text', () => {
    const target = '/cache/we"ird$(id)`id`';
    const argv = runArgv(render(cacheMount({ target }), 'alpine:3.20'));
    expect(argv[0]).toBe('sh');
    expect(argv[1]).toBe('-c');
    expect(argv[2]).not.toContain('we"ird');
    expect(argv[2]).not.toContain('$(id)');
    expect(argv[3]).toBe(target);
  });

  it('strips trailing slashes from the directory handed to tar but keeps a bare /', () => {
    expect(runArgv(render(cacheMount({ target: '/cache//' }), 'alpine:3.20'))[3]).toBe('/cache');
    expect(runArgv(render(cacheMount({ target: '/' }), 'alpine:3.20'))[3]).toBe('/');
  });
});
