import { DockerfileParser } from 'dockerfile-ast';

import {
  registryInjectDockerfile,
  registrySaveDockerfile,
} from '../../../src/cache/registry/mount-image-dockerfiles.js';
import { cacheMount } from '../sample-mount.js';

const PINNED = `127.0.0.1:5000/app@sha256:${'ab'.repeat(32)}`;
const MARKS = '--mount=type=cache,target=/dfb-injected,id=docker-fast-build-injected,sharing=shared';
const ownedMount = cacheMount({ target: '/home/app/.cache/deps/', id: 'deps', uid: '1000', mode: '0700' });

function instructions(text: string): string[] {
  return DockerfileParser.parse(text)
    .getInstructions()
    .map((i) => i.getKeyword());
}

function argv(text: string): string[] {
  const line = text.split('\n').find((l) => l.trimStart().startsWith('["'));
  return JSON.parse(line!.trim()) as string[];
}

describe('registryInjectDockerfile', () => {
  it('bind-mounts the pinned cache image and copies it entry by entry into the mount with its own options', () => {
    const text = registryInjectDockerfile(ownedMount, 'python:3.12-slim', PINNED);
    expect(instructions(text)).toEqual(['FROM', 'ARG', 'RUN']);
    expect(text).toContain(
      `RUN --mount=type=cache,target=/home/app/.cache/deps/,id=deps,sharing=shared,uid=1000,mode=0700 ${MARKS} --mount=type=bind,from=${PINNED},target=/dfb-restored \\`,
    );
    const [, , script, ...args] = argv(text);
    expect(script).toContain('-mindepth 1 -maxdepth 1 -exec cp -a {} "$0"/');
    expect(args).toEqual([
      '/home/app/.cache/deps',
      '/dfb-restored',
      expect.stringMatching(/^\/dfb-injected\//),
    ]);
  });

  it('marks an exact hit as held, the key passed as an argument, never as shell text', () => {
    const [, , script, ...args] = argv(registryInjectDockerfile(cacheMount(), 'img', PINNED, 'key_prefix_'));
    expect(script).toMatch(/printf %s "\$3" > "\$4"$/);
    expect(args.slice(3)).toEqual(['key_prefix_', expect.stringMatching(/\.holds$/)]);
  });

  it('refuses a source that is not pinned by digest', () => {
    expect(() => registryInjectDockerfile(cacheMount(), 'img', '127.0.0.1:5000/app:tag')).toThrow(
      /not a repository pinned by digest/,
    );
    expect(() =>
      registryInjectDockerfile(cacheMount(), 'img', `x,target=/etc@sha256:${'ab'.repeat(32)}`),
    ).toThrow(/pinned/);
  });
});

describe('registrySaveDockerfile', () => {
  it('copies the whole mount into a FROM scratch image, leaving out devices and set-id bits', () => {
    const text = registrySaveDockerfile(cacheMount(), 'python:3.12-slim', { holds: 'k_' });
    expect(instructions(text)).toEqual(['FROM', 'ARG', 'RUN', 'FROM', 'COPY']);
    expect(text).toContain('FROM scratch\nCOPY --from=pack /dfb-extract/ /');
    const [, , script, ...args] = argv(text);
    expect(script).toContain('cd "$0" && find . -mindepth 1 -maxdepth 1 -exec cp -a {} /dfb-extract/');
    expect(script).not.toContain('-cnewer');
    expect(script).toContain('-type b -o -type c -o -type p -o -type s');
    expect(script).toContain('chmod ug-s');
    expect(script).toMatch(/printf %s "\$2" > "\$3"$/);
    expect(args).toEqual(['/root/.cache/pip', expect.any(String), 'k_', expect.stringMatching(/\.holds$/)]);
  });

  it('after a partial hit, puts only what changed since the inject over the restored image', () => {
    const text = registrySaveDockerfile(cacheMount(), 'python:3.12-slim', { overPinnedRef: PINNED });
    expect(text).toContain(`FROM ${PINNED}\nCOPY --from=pack /dfb-extract/ /`);
    expect(text).toContain(MARKS);
    const [, , script] = argv(text);
    expect(script).toContain('find . -mindepth 1 -cnewer "$1"');
    // Without GNU find, the whole mount: more bytes, the same result.
    expect(script).toMatch(
      /else cd "\$0" && find \. -mindepth 1 -maxdepth 1 -exec cp -a \{\} \/dfb-extract\/ \\;; fi/,
    );
  });
});
