import { DockerfileParser } from 'dockerfile-ast';

import { mountSlug } from '../../src/cache/keys.js';
import {
  NONCE_ARG,
  extractDockerfile,
  packedMarkName,
  injectDockerfile,
  probeDockerfile,
} from '../../src/cache/mount-dockerfiles.js';
import type { CacheMount } from '../../src/cache/mounts.js';
import { cacheMount } from './sample-mount.js';

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

const MARKS_MOUNT = '--mount=type=cache,target=/dfb-injected,id=docker-fast-build-injected,sharing=shared';

describe('injectDockerfile', () => {
  it('unpacks the restored archive, then a delta, into a pip mount and marks the time', () => {
    expect(injectDockerfile(cacheMount(), 'python:3.12-slim')).toBe(
      [
        'FROM python:3.12-slim',
        'ARG DFB_NONCE',
        `RUN --mount=type=cache,target=/root/.cache/pip,id=/root/.cache/pip,sharing=shared ${MARKS_MOUNT} --mount=type=bind,source=.,target=/dfb-restored \\`,
        '    ["sh","-c","for archive in \\"$1/cache.tar\\" \\"$1/delta.tar\\"; do if [ -f \\"$archive\\" ]; then tar --numeric-owner -xpf \\"$archive\\" -C \\"$0\\" || exit 1; fi; done && touch \\"$2\\"","/root/.cache/pip","/dfb-restored","/dfb-injected/root-.cache-pip-bf3b04da"]',
        '',
      ].join('\n'),
    );
  });

  it('copies id, sharing, uid, gid and mode into the mount flag', () => {
    const lines = injectDockerfile(ownedMount, 'debian:bookworm').split('\n');
    expect(lines[2]).toBe(
      `RUN --mount=type=cache,target=/home/app/.cache/deps/,id=deps,sharing=locked,uid=1000,gid=1001,mode=0700 ${MARKS_MOUNT} --mount=type=bind,source=.,target=/dfb-restored \\`,
    );
    expect(runArgv(lines.join('\n')).slice(3)).toEqual([
      '/home/app/.cache/deps',
      '/dfb-restored',
      `/dfb-injected/${mountSlug(ownedMount)}`,
    ]);
  });
});

describe('packedMarkName', () => {
  it('names the mark after a hex nonce and refuses anything else', () => {
    expect(packedMarkName('0123456789abcdef')).toBe('dfb-packed-0123456789abcdef');
    expect(() => packedMarkName('../x')).toThrow("packedMarkName: '../x' is not a hex nonce");
  });
});

describe('extractDockerfile', () => {
  it('packs a whole pip mount into one archive in a scratch stage', () => {
    expect(extractDockerfile(cacheMount(), 'python:3.12-slim')).toBe(
      [
        'FROM python:3.12-slim AS pack',
        'ARG DFB_NONCE',
        'RUN --mount=type=cache,target=/root/.cache/pip,id=/root/.cache/pip,sharing=shared \\',
        '    ["sh","-c","mkdir -p /dfb-extract && cd \\"$0\\" && { tar --numeric-owner -cpf \\"/dfb-extract/cache.tar\\" .; } && : > \\"/dfb-extract/dfb-packed-$DFB_NONCE\\"","/root/.cache/pip"]',
        'FROM scratch',
        'COPY --from=pack /dfb-extract/ /',
        '',
      ].join('\n'),
    );
  });

  it('since the injection: what changed after the mark as delta.tar, else the whole mount', () => {
    const text = extractDockerfile(cacheMount(), 'python:3.12-slim', true);
    expect(text.split('\n')[2]).toBe(
      `RUN --mount=type=cache,target=/root/.cache/pip,id=/root/.cache/pip,sharing=shared ${MARKS_MOUNT} \\`,
    );
    const [, , script, dir, mark] = runArgv(text);
    expect([dir, mark]).toEqual(['/root/.cache/pip', '/dfb-injected/root-.cache-pip-bf3b04da']);
    expect(script).toContain('find . -cnewer "$1" -print0');
    expect(script).toContain('--no-recursion --null -cpf "/dfb-extract/delta.tar" -T');
    expect(script).toMatch(
      /else rm -f "\/dfb-extract\/delta.tar" && tar .* -cpf "\/dfb-extract\/cache.tar" \.; fi; \} && : > "\/dfb-extract\/dfb-packed-\$DFB_NONCE"$/,
    );
  });

  it('reads the same mark the injection of that mount wrote, and another mount has its own', () => {
    const markOf = (text: string) => runArgv(text).at(-1);
    expect(markOf(extractDockerfile(ownedMount, 'debian:bookworm', true))).toBe(
      markOf(injectDockerfile(ownedMount, 'debian:bookworm')),
    );
    expect(markOf(injectDockerfile(cacheMount(), 'debian:bookworm'))).not.toBe(
      markOf(injectDockerfile(ownedMount, 'debian:bookworm')),
    );
  });

  it('copies id, sharing, uid, gid and mode into the mount flag', () => {
    expect(extractDockerfile(ownedMount, 'debian:bookworm').split('\n')[2]).toBe(
      'RUN --mount=type=cache,target=/home/app/.cache/deps/,id=deps,sharing=locked,uid=1000,gid=1001,mode=0700 \\',
    );
  });

  it('ends with the extract directory copied out of the pack stage', () => {
    const lines = extractDockerfile(ownedMount, 'alpine:3.20').trimEnd().split('\n');
    expect(lines.slice(-2)).toEqual(['FROM scratch', `COPY --from=pack /dfb-extract/ /`]);
  });
});

describe.each([
  ['injectDockerfile', injectDockerfile],
  ['extractDockerfile', extractDockerfile],
  [
    'extractDockerfile since the injection',
    (m: CacheMount, image: string) => extractDockerfile(m, image, true),
  ],
  [
    'injectDockerfile of an exact hit',
    (m: CacheMount, image: string) => injectDockerfile(m, image, 'k-"$(id)'),
  ],
  [
    'extractDockerfile that marks what the mount holds',
    (m: CacheMount, image: string) => extractDockerfile(m, image, true, 'k-"$(id)'),
  ],
  ['probeDockerfile', (m: CacheMount, image: string) => probeDockerfile([{ mount: m, image }])],
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

describe('what a mount holds', () => {
  const holdsOf = (argv: string[]) => argv.slice(-2);

  it('an exact inject and an extract name the entry as an argument and write it to one mark per mount', () => {
    const injected = runArgv(injectDockerfile(ownedMount, 'debian:bookworm', 'key-prefix-'));
    const extracted = runArgv(extractDockerfile(ownedMount, 'debian:bookworm', false, 'key-prefix-'));
    expect(holdsOf(injected)).toEqual(['key-prefix-', `/dfb-injected/${mountSlug(ownedMount)}.holds`]);
    expect(holdsOf(extracted)).toEqual(holdsOf(injected));
    expect(injected[2]).toMatch(/&& printf %s "\$3" > "\$4"$/);
    // Written only once packing succeeded, whichever way it packed.
    expect(extracted[2]).toMatch(/&& \{ tar .*; \} && printf %s "\$1" > "\$2" && : > "[^"]+"$/);
    expect(runArgv(extractDockerfile(ownedMount, 'debian:bookworm', true, 'k'))[2]).toMatch(
      /\{ if .* fi; \} && printf %s "\$2" > "\$3" && : > "[^"]+"$/,
    );
    expect(extractDockerfile(ownedMount, 'debian:bookworm', false, 'k')).toContain(MARKS_MOUNT);
  });

  it('an inject without an entry to name leaves the mark alone', () => {
    expect(runArgv(injectDockerfile(ownedMount, 'debian:bookworm')).join(' ')).not.toContain('.holds');
  });

  it("the probe copies each non-empty mount's mark out under its slug, one stage per mount", () => {
    const text = probeDockerfile([
      { mount: ownedMount, image: 'debian:bookworm' },
      { mount: cacheMount(), image: 'python:3.12-slim' },
    ]);
    const lines = text.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('FROM '))).toEqual([
      'FROM debian:bookworm AS probe0',
      'FROM python:3.12-slim AS probe1',
      'FROM scratch',
    ]);
    expect(lines.slice(-2)).toEqual(['COPY --from=probe0 /dfb-probe/ /', 'COPY --from=probe1 /dfb-probe/ /']);
    const argv = JSON.parse(lines.find((line) => line.trimStart().startsWith('["'))!.trim()) as string[];
    expect(argv.slice(3)).toEqual([
      '/home/app/.cache/deps',
      `/dfb-injected/${mountSlug(ownedMount)}.holds`,
      mountSlug(ownedMount),
    ]);
    expect(argv[2]).toContain('[ -n "$(ls -A "$0" 2>/dev/null)" ] && [ -f "$1" ]');
  });
});

describe('extractDockerfile weighing downloads', () => {
  const downloads = { paths: ['http', 'http-v2'], stepMilliseconds: 5000, dropAboveKBps: 33333 };

  it('measures the download paths, then packs without them when they came fast', () => {
    const text = extractDockerfile(cacheMount(), 'python:3.11-slim', false, undefined, downloads);
    const script = (JSON.parse(text.split('\n')[3]!.trim()) as string[])[2]!;
    expect(script).toContain('for p in http http-v2; do [ -e "$p" ] || continue;');
    expect(script).toContain('[ $((kb * 1000 / 5000)) -ge 33333 ]');
    expect(script).toContain(
      `tar --numeric-owner --exclude='./http' --exclude='./http-v2' -cpf "/dfb-extract/cache.tar" .`,
    );
    expect(script).toContain('echo "$kb dropped" > "/dfb-extract/downloads"');
  });

  it('after an injection, counts only what this build fetched, and prunes them from the changes too', () => {
    const text = extractDockerfile(cacheMount(), 'python:3.11-slim', true, undefined, downloads);
    const script = (JSON.parse(text.split('\n')[3]!.trim()) as string[])[2]!;
    expect(script).toContain(`kb=$(find http http-v2 -type f -cnewer "$1" -printf '%s\\n'`);
    expect(script).not.toContain('du -sk');
    expect(text).toContain(`find . \\\\( -path './http' -o -path './http-v2' \\\\) -prune -o -cnewer`);
  });

  it('refuses a path that is not one of its own globs', () => {
    expect(() =>
      extractDockerfile(cacheMount(), 'python:3.11-slim', false, undefined, {
        ...downloads,
        paths: ['$(x)'],
      }),
    ).toThrow(/not one of ours/);
  });
});
