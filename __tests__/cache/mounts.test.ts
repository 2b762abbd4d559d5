import { cacheMountId, findCacheMounts as findModelMounts, type CacheMount } from '../../src/cache/mounts.js';
import { parseDockerfile } from '../../src/dockerfile/model.js';

const findCacheMounts = (text: string, buildArgs: string[] = []) =>
  findModelMounts(parseDockerfile(text, buildArgs));

const dockerfile = (...lines: string[]) => `${lines.join('\n')}\n`;

const targetsOf = (mounts: CacheMount[]) => mounts.map((m) => m.target);

function only(mounts: CacheMount[]): CacheMount {
  expect(mounts).toHaveLength(1);
  return mounts[0]!;
}

describe('findCacheMounts', () => {
  it('finds every cache mount of every stage, in file order, with 1-based lines', () => {
    const text = dockerfile(
      'FROM python:3.12-slim AS deps',
      'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
      'FROM debian:bookworm-slim AS tools',
      'RUN --mount=type=cache,target=/var/cache/apt apt-get update',
      'FROM deps',
      'WORKDIR /app',
      'RUN --mount=type=cache,target=/opt/build-cache make',
    );
    const mounts = findCacheMounts(text);
    expect(mounts.map((m) => [m.target, m.line])).toEqual([
      ['/root/.cache/pip', 2],
      ['/var/cache/apt', 4],
      ['/opt/build-cache', 7],
    ]);
  });

  it('parses id, sharing, uid, gid and mode exactly as written', () => {
    const mount = only(
      findCacheMounts(
        dockerfile(
          'FROM python:3.12',
          'RUN --mount=type=cache,target=/home/app/.cache/pip,id=pip-deps,sharing=locked,uid=1000,gid=1001,mode=0755 pip install x',
        ),
      ),
    );
    expect(mount).toEqual<CacheMount>({
      target: '/home/app/.cache/pip',
      id: 'pip-deps',
      sharing: 'locked',
      uid: '1000',
      gid: '1001',
      mode: '0755',
      kind: 'pip',
      line: 2,
      runSteps: 1,
      helperImage: 'python:3.12',
    });
  });

  it('counts the RUN steps that use each mount, across stages, under its id', () => {
    const mounts = findCacheMounts(
      dockerfile(
        'FROM python:3.12 AS deps',
        'RUN --mount=type=cache,target=/root/.cache/pip pip install -r a.txt',
        'RUN --mount=type=cache,target=/root/.cache/pip pip install -r b.txt',
        'FROM deps',
        'RUN --mount=type=cache,target=/other,id=/root/.cache/pip pip install c',
        'RUN --mount=type=cache,target=/var/cache/apt apt-get update',
      ),
    );
    expect(mounts.map((m) => [m.target, m.runSteps])).toEqual([
      ['/root/.cache/pip', 3],
      ['/var/cache/apt', 1],
    ]);
  });

  it('defaults to shared sharing and empty id/uid/gid/mode, and takes private as written', () => {
    const mounts = findCacheMounts(
      dockerfile(
        'FROM alpine:3.20',
        'RUN --mount=type=cache,target=/a true',
        'RUN --mount=type=cache,target=/b,sharing=private true',
        'RUN --mount=type=cache,target=/c,sharing=sometimes true',
      ),
    );
    expect(mounts.map((m) => m.sharing)).toEqual(['shared', 'private', 'shared']);
    expect(mounts[0]).toMatchObject({ id: '', uid: '', gid: '', mode: '' });
  });

  it('reads dst= and destination= as the target', () => {
    const mounts = findCacheMounts(
      dockerfile(
        'FROM alpine:3.20',
        'RUN --mount=type=cache,dst=/root/.cache/uv true',
        'RUN --mount=type=cache,destination=/var/lib/apt true',
      ),
    );
    expect(mounts.map((m) => [m.target, m.kind])).toEqual([
      ['/root/.cache/uv', 'uv'],
      ['/var/lib/apt', 'apt'],
    ]);
  });

  it('ignores bind and secret mounts, RUNs without mounts and cache mounts without a target', () => {
    const mounts = findCacheMounts(
      dockerfile(
        'FROM python:3.12',
        'RUN --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt pip install -r /tmp/requirements.txt',
        'RUN --mount=type=secret,id=TOKEN,target=/run/secrets/TOKEN cat /run/secrets/TOKEN',
        'RUN --mount=type=cache,id=no-target true',
        'RUN pip install flask',
        'RUN --mount=type=secret,id=npmrc --mount=type=cache,target=/root/.npm npm ci',
      ),
    );
    expect(targetsOf(mounts)).toEqual(['/root/.npm']);
  });

  describe('deduplication by BuildKit identity', () => {
    it('keeps the first use of a target that appears in several RUNs and stages', () => {
      const mounts = findCacheMounts(
        dockerfile(
          'FROM python:3.12 AS a',
          'RUN --mount=type=cache,target=/root/.cache/pip,sharing=locked pip install a',
          'FROM python:3.11 AS b',
          'RUN --mount=type=cache,target=/root/.cache/pip pip install b',
        ),
      );
      expect(only(mounts)).toMatchObject({ line: 2, sharing: 'locked', helperImage: 'python:3.12' });
    });

    it('treats one id over two targets as one cache, first target winning', () => {
      const mounts = findCacheMounts(
        dockerfile(
          'FROM python:3.12',
          'RUN --mount=type=cache,id=deps,target=/root/.cache/pip pip install a',
          'RUN --mount=type=cache,id=deps,target=/home/app/.cache/pip pip install b',
        ),
      );
      expect(only(mounts)).toMatchObject({ id: 'deps', target: '/root/.cache/pip', line: 2 });
    });

    it('treats one target under two ids as two caches', () => {
      const mounts = findCacheMounts(
        dockerfile(
          'FROM python:3.12',
          'RUN --mount=type=cache,id=one,target=/root/.cache/pip pip install a',
          'RUN --mount=type=cache,id=two,target=/root/.cache/pip pip install b',
        ),
      );
      expect(mounts.map((m) => m.id)).toEqual(['one', 'two']);
    });

    it('keeps a mount with an id apart from a mount whose target equals another id', () => {
      const mounts = findCacheMounts(
        dockerfile(
          'FROM python:3.12',
          'RUN --mount=type=cache,target=/root/.cache/pip pip install a',
          'RUN --mount=type=cache,id=/root/.cache/pip,target=/cache pip install b',
        ),
      );
      expect(only(mounts)).toMatchObject({ target: '/root/.cache/pip', line: 2 });
    });
  });

  describe('kind', () => {
    const kindOf = (target: string, ...env: string[]) =>
      only(
        findCacheMounts(
          dockerfile('FROM python:3.12', ...env, `RUN --mount=type=cache,target=${target} true`),
        ),
      ).kind;

    it.each([
      ['/root/.cache/pip', 'pip'],
      ['/root/.cache/pip/', 'pip'],
      ['/home/app/.cache/pip', 'pip'],
      ['/root/.cache/uv', 'uv'],
      ['/home/app/.cache/uv', 'uv'],
      ['/var/cache/apt', 'apt'],
      ['/var/lib/apt', 'apt'],
      ['/var/cache/apt/archives', 'apt'],
      ['/var/lib/apt/lists', 'apt'],
      ['/root/.npm', 'generic'],
      ['/root/.cache/pip-tools', 'generic'],
      ['/cache', 'generic'],
    ])('%s is %s', (target, kind) => {
      expect(kindOf(target)).toBe(kind);
    });

    it('is pip for the target named by ENV PIP_CACHE_DIR in the same stage', () => {
      expect(kindOf('/cache/wheels', 'ENV PIP_CACHE_DIR=/cache/wheels')).toBe('pip');
      expect(kindOf('/cache/wheels/', 'ENV PIP_CACHE_DIR="/cache/wheels"')).toBe('pip');
    });

    it('is uv for the target named by ENV UV_CACHE_DIR in the same stage', () => {
      expect(kindOf('/opt/uv-cache', 'ENV LANG=C.UTF-8 UV_CACHE_DIR=/opt/uv-cache')).toBe('uv');
      expect(kindOf('/opt/uv-cache', 'ENV UV_CACHE_DIR /opt/uv-cache')).toBe('uv');
    });

    it('ignores ENV of another stage and ENV set after the RUN', () => {
      const mounts = findCacheMounts(
        dockerfile(
          'FROM python:3.12 AS other',
          'ENV PIP_CACHE_DIR=/cache/wheels',
          'FROM python:3.12 AS app',
          'RUN --mount=type=cache,target=/cache/wheels true',
          'RUN --mount=type=cache,target=/cache/uv true',
          'ENV UV_CACHE_DIR=/cache/uv',
        ),
      );
      expect(mounts.map((m) => m.kind)).toEqual(['generic', 'generic']);
    });
  });

  describe('variables in the options, expanded as BuildKit expands them', () => {
    it('takes ARG defaults, build args over them and ENV, in the stage and the stages it is built on', () => {
      const text = dockerfile(
        'ARG UID=1000',
        'FROM python:3.12 AS base',
        'ARG UID',
        'ARG CACHE=/home/app/.cache/pip',
        'ENV TOOL_CACHE=/opt/cache',
        'RUN --mount=type=cache,target=${CACHE},uid=${UID},gid=$UID,sharing=locked,id=pip-$UID true',
        'FROM base AS app',
        'ARG UID',
        'RUN --mount=type=cache,target=$TOOL_CACHE/uv,mode=0755 true',
      );
      const [pip, tool] = findCacheMounts(text);
      expect(pip).toMatchObject({
        target: '/home/app/.cache/pip',
        uid: '1000',
        gid: '1000',
        id: 'pip-1000',
        sharing: 'locked',
        kind: 'pip',
        line: 6,
      });
      expect(tool).toMatchObject({ target: '/opt/cache/uv', kind: 'generic', mode: '0755' });
      const [overridden] = findCacheMounts(text, ['CACHE=/cache/pip', 'UID=1001']);
      expect(overridden).toMatchObject({ target: '/cache/pip', uid: '1001', id: 'pip-1001' });
    });

    it("takes BuildKit's platform ARGs when the stage declares them and their values are known", () => {
      const text = dockerfile(
        'FROM --platform=$BUILDPLATFORM python:3.12 AS build',
        'ARG TARGETARCH',
        'RUN --mount=type=cache,target=/root/.cache/pip,id=pip-${TARGETARCH} true',
        'FROM python:3.12',
        'RUN --mount=type=cache,target=/var/cache/apt,id=apt-$TARGETARCH true',
      );
      const platformArgs = new Map([['TARGETARCH', 'arm64']]);
      const [pip, apt] = findModelMounts(parseDockerfile(text, [], { platformArgs }));
      expect(pip!.id).toBe('pip-arm64');
      // Not declared in that stage: BuildKit leaves it empty there, which is not known here.
      expect(apt!.id).toBe('apt-$TARGETARCH');
      expect(only(findCacheMounts(text.split('FROM python:3.12\n')[0]!)).id).toBe('pip-${TARGETARCH}');
    });

    it('knows the kind from an ENV PIP_CACHE_DIR set in the stage it is built on', () => {
      const mounts = findCacheMounts(
        dockerfile(
          'FROM python:3.12 AS base',
          'ENV PIP_CACHE_DIR=/cache/wheels',
          'FROM base',
          'RUN --mount=type=cache,target=${PIP_CACHE_DIR} true',
        ),
      );
      expect(only(mounts)).toMatchObject({ target: '/cache/wheels', kind: 'pip' });
    });

    it('keeps the text of a variable with no value known here (the base image may set it)', () => {
      const mount = only(
        findCacheMounts(
          dockerfile('FROM python:3.12', 'RUN --mount=type=cache,target=$HOME/.cache/pip true'),
        ),
      );
      expect(mount.target).toBe('$HOME/.cache/pip');
      // A global ARG is not in scope in a stage that does not declare it again.
      const global = only(
        findCacheMounts(
          dockerfile('ARG DIR=/cache', 'FROM python:3.12', 'RUN --mount=type=cache,target=${DIR} true'),
        ),
      );
      expect(global.target).toBe('${DIR}');
    });

    it('counts RUN steps under their expanded id, written either way', () => {
      const mounts = findCacheMounts(
        dockerfile(
          'FROM python:3.12',
          'ARG PIP_DIR=/root/.cache/pip',
          'RUN --mount=type=cache,target=${PIP_DIR} pip install a',
          'RUN --mount=type=cache,target=/root/.cache/pip pip install b',
        ),
      );
      expect(only(mounts)).toMatchObject({ target: '/root/.cache/pip', runSteps: 2 });
    });
  });

  it('follows line continuations and reports the line the RUN starts on', () => {
    const mounts = findCacheMounts(
      dockerfile(
        'FROM python:3.12',
        '',
        'RUN \\',
        '    --mount=type=cache,target=/root/.cache/pip \\',
        '    --mount=type=bind,source=.,target=/src \\',
        '    --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
        '    pip install /src',
        'RUN --mount=type=cache,target=/root/.cache/uv uv sync',
      ),
    );
    expect(mounts.map((m) => [m.target, m.kind, m.line, m.sharing])).toEqual([
      ['/root/.cache/pip', 'pip', 3, 'shared'],
      ['/var/cache/apt', 'apt', 3, 'locked'],
      ['/root/.cache/uv', 'uv', 8, 'shared'],
    ]);
  });

  it('reads a RUN with a heredoc and does not parse its body as instructions', () => {
    const mounts = findCacheMounts(
      dockerfile(
        'FROM python:3.12-slim',
        'RUN --mount=type=cache,target=/root/.cache/uv <<EOF',
        'FROM alpine',
        'RUN --mount=type=cache,target=/not-a-mount true',
        'uv sync --frozen',
        'EOF',
        'RUN --mount=type=cache,target=/after true',
      ),
    );
    expect(mounts.map((m) => [m.target, m.kind, m.line, m.helperImage])).toEqual([
      ['/root/.cache/uv', 'uv', 2, 'python:3.12-slim'],
      ['/after', 'generic', 7, 'python:3.12-slim'],
    ]);
  });

  describe('helperImage', () => {
    const helperImages = (text: string, buildArgs?: string[]) =>
      findCacheMounts(text, buildArgs).map((m) => m.helperImage);

    it("is the stage's root image, following FROM <earlier stage> chains (case-insensitive)", () => {
      const text = dockerfile(
        'FROM python:3.12-slim AS Base',
        'FROM base AS builder',
        'RUN --mount=type=cache,target=/a true',
        'FROM BUILDER AS final',
        'RUN --mount=type=cache,target=/b true',
        'FROM debian:bookworm',
        'RUN --mount=type=cache,target=/c true',
      );
      expect(helperImages(text)).toEqual(['python:3.12-slim', 'python:3.12-slim', 'debian:bookworm']);
    });

    it('ignores a --platform flag on FROM', () => {
      const text = dockerfile(
        'FROM --platform=$BUILDPLATFORM python:3.12 AS build',
        'RUN --mount=type=cache,target=/a true',
      );
      expect(helperImages(text)).toEqual(['python:3.12']);
    });

    it('substitutes global ARG defaults in both $VAR and ${VAR} forms', () => {
      const text = dockerfile(
        'ARG REGISTRY=docker.io/library',
        'ARG PYTHON_VERSION=3.12',
        'FROM $REGISTRY/python:${PYTHON_VERSION}-slim AS base',
        'FROM base',
        'RUN --mount=type=cache,target=/a true',
      );
      expect(helperImages(text)).toEqual(['docker.io/library/python:3.12-slim']);
    });

    it('lets build-args override ARG defaults and ignores build-args without a value', () => {
      const text = dockerfile(
        'ARG BASE=python:3.12',
        'ARG VARIANT=slim',
        'FROM ${BASE}-${VARIANT}',
        'RUN --mount=type=cache,target=/a true',
      );
      expect(helperImages(text, ['BASE=python:3.13', 'VARIANT', '=bookworm'])).toEqual(['python:3.13-slim']);
      expect(helperImages(text, ['VARIANT=alpine=1'])).toEqual(['python:3.12-alpine=1']);
    });

    it('does not use an ARG declared inside a stage to resolve a later FROM', () => {
      const text = dockerfile(
        'FROM python:3.12 AS first',
        'ARG IMAGE=debian:bookworm',
        'FROM ${IMAGE} AS second',
        'RUN --mount=type=cache,target=/a true',
        'FROM scratch',
      );
      // `second` cannot be resolved, so the mount falls back to the first image of the file.
      expect(helperImages(text)).toEqual(['python:3.12']);
    });

    it("falls back to the file's first resolvable image when the mount's stage is scratch or unresolvable", () => {
      const text = dockerfile(
        'FROM ${UNDECLARED} AS odd',
        'RUN --mount=type=cache,target=/a true',
        'FROM scratch AS empty',
        'RUN --mount=type=cache,target=/b true',
        'FROM alpine:3.20',
        'FROM python:3.12',
      );
      expect(helperImages(text)).toEqual(['alpine:3.20', 'alpine:3.20']);
    });

    it('follows a chain to scratch and falls back as well', () => {
      const text = dockerfile(
        'FROM scratch AS base',
        'FROM base AS app',
        'RUN --mount=type=cache,target=/a true',
        'FROM busybox:1.36',
      );
      expect(helperImages(text)).toEqual(['busybox:1.36']);
    });

    it('is undefined when no stage of the file resolves to an image', () => {
      const text = dockerfile(
        'FROM scratch AS a',
        'RUN --mount=type=cache,target=/a true',
        'FROM $MISSING',
        'RUN --mount=type=cache,target=/b true',
      );
      expect(helperImages(text)).toEqual([undefined, undefined]);
    });
  });

  it('finds nothing in a Dockerfile without cache mounts', () => {
    expect(findCacheMounts(dockerfile('FROM python:3.12', 'RUN pip install flask'))).toEqual([]);
    expect(findCacheMounts('')).toEqual([]);
  });
});

describe('cacheMountId', () => {
  it('is the explicit id when there is one', () => {
    expect(cacheMountId({ id: 'pip-deps', target: '/root/.cache/pip' })).toBe('pip-deps');
  });

  it('is the target when the id is empty, as in BuildKit', () => {
    expect(cacheMountId({ id: '', target: '/root/.cache/pip' })).toBe('/root/.cache/pip');
  });
});

describe('findCacheMounts: ARG forms in FROM', () => {
  it('expands ${NAME:-default} and ${NAME-default} as the Dockerfile frontend does', () => {
    const text = [
      'ARG PY=3.12',
      'ARG EMPTY=',
      'FROM python:${PY:-3.11}-slim',
      'RUN --mount=type=cache,target=/root/.cache/pip pip install x',
      'FROM python:${EMPTY:-3.10}-slim${EMPTY-x}',
      'RUN --mount=type=cache,target=/c2 true',
    ].join('\n');
    expect(findCacheMounts(text).map((m) => m.helperImage)).toEqual(['python:3.12-slim', 'python:3.10-slim']);
  });

  it('treats an ARG without a default as unresolvable, falling back to another stage image', () => {
    const text = [
      'ARG TAG',
      'FROM python:3.12-slim AS tools',
      'FROM python:${TAG}-slim',
      'RUN --mount=type=cache,target=/c true',
    ].join('\n');
    expect(findCacheMounts(text)[0]!.helperImage).toBe('python:3.12-slim');
    expect(findCacheMounts(text, ['TAG=3.13'])[0]!.helperImage).toBe('python:3.13-slim');
  });
});
