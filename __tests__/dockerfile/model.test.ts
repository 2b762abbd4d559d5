import { parseImageRef, substituteArgs } from '../../src/dockerfile/image-ref.js';
import { parseDockerfile, stepsInContext, type RunStep } from '../../src/dockerfile/model.js';
import { dockerfile } from '../advice/helpers.js';

describe('parseImageRef', () => {
  it.each([
    ['python:3.11', { registry: null, path: 'python', name: 'python', tag: '3.11', digest: null }],
    [
      'docker.io/library/python:3.11-slim',
      { registry: 'docker.io', path: 'library/python', name: 'python', tag: '3.11-slim', digest: null },
    ],
    [
      '127.0.0.1:5000/python@sha256:abc123',
      { registry: '127.0.0.1:5000', path: 'python', name: 'python', tag: null, digest: 'sha256:abc123' },
    ],
    ['org/app', { registry: null, path: 'org/app', name: 'app', tag: null, digest: null }],
  ])('parses %s', (text, expected) => {
    expect(parseImageRef(text)).toEqual(expected);
  });

  it('refuses text that still holds a variable', () => {
    expect(parseImageRef('python:${PY}')).toBeNull();
  });
});

describe('substituteArgs', () => {
  const args = new Map<string, string | null>([
    ['BASE', 'python:3.11'],
    ['EMPTY', ''],
    ['UNSET', null],
  ]);

  it.each([
    ['${BASE}', 'python:3.11'],
    ['$BASE-slim', 'python:3.11-slim'],
    ['${UNSET:-node:20}', 'node:20'],
    ['${EMPTY:-node:20}', 'node:20'],
    ['${EMPTY-node:20}', ''],
    ['${BASE:+x}', 'x'],
  ])('resolves %s', (text, expected) => {
    expect(substituteArgs(text, args)).toBe(expected);
  });

  it('does not guess a variable without a default', () => {
    expect(substituteArgs('${UNSET}', args)).toBeNull();
    expect(substituteArgs('$NEVER_DECLARED', args)).toBeNull();
  });
});

describe('parseDockerfile', () => {
  it('links stages, resolves global ARGs and marks what ends up in the final image', () => {
    const model = parseDockerfile(
      dockerfile(
        'ARG PY=3.12',
        'ARG BASE=python:${PY}-slim',
        'FROM ${BASE} AS base',
        'FROM base AS builder',
        'FROM ${REGISTRY}/tools AS tools',
        'FROM base AS final',
      ),
    );
    expect(
      model.stages.map((stage) => [stage.name, stage.resolvedImage, stage.parent?.name ?? null, stage.role]),
    ).toEqual([
      ['base', 'python:3.12-slim', null, 'shipped'],
      ['builder', 'base', 'base', 'unused'],
      ['tools', null, null, 'unused'],
      ['final', 'base', 'base', 'shipped'],
    ]);
    expect(model.stages[0]?.image?.tag).toBe('3.12-slim');
    expect(model.stages[3]?.image).toBeNull();
  });

  it('reads RUN mounts, continuations and shell heredocs into commands', () => {
    const model = parseDockerfile(
      dockerfile(
        'FROM python:3.12-slim',
        'RUN --mount=type=cache,target=/root/.cache/pip \\',
        '    # a comment inside the continuation',
        '    pip install \\',
        '      -r requirements.txt',
        'RUN <<EOF',
        'set -e',
        'apt-get update',
        'EOF',
        'RUN python3 <<EOF',
        'import os; os.system("pip install x")',
        'EOF',
        'RUN ["sh", "-c", "pip install a && pip install b"]',
      ),
    );
    const runs = model.stages[0]?.steps.filter((step): step is RunStep => step.kind === 'run') ?? [];
    expect(runs.map((run) => [run.line, run.endLine])).toEqual([
      [2, 5],
      [6, 9],
      [10, 12],
      [13, 13],
    ]);
    expect(runs[0]?.mounts).toEqual([
      {
        type: 'cache',
        target: '/root/.cache/pip',
        id: null,
        source: null,
        from: null,
        sharing: null,
        uid: null,
        gid: null,
        mode: null,
      },
    ]);
    expect(runs.map((run) => run.commands.map((command) => command.words.join(' ')))).toEqual([
      ['pip install -r requirements.txt'],
      ['set -e', 'apt-get update'],
      ['python3'],
      ['pip install a', 'pip install b'],
    ]);
  });

  it('resolves FROM with the build args over the ARG defaults, as every reader of the model sees it', () => {
    const text =
      'ARG TAG=3.12\nARG BASE=python:${TAG}-slim\nFROM ${BASE} AS app\nFROM ${UNDECLARED:-debian}\n';
    expect(parseDockerfile(text).stages.map((stage) => stage.resolvedImage)).toEqual([
      'python:3.12-slim',
      'debian',
    ]);
    const overridden = parseDockerfile(text, ['TAG=3.13', 'UNDECLARED=alpine']);
    expect(overridden.stages.map((stage) => stage.resolvedImage)).toEqual(['python:3.13-slim', 'debian']);
    expect(overridden.stages[0]?.image?.tag).toBe('3.13-slim');
  });

  it('drops comment lines inside a continued RUN, as Docker does', () => {
    const model = parseDockerfile(
      dockerfile(
        'FROM debian:bookworm-slim',
        'RUN apt-get install -y \\',
        '    libxslt1.1 \\',
        '    # for pdftohtml',
        '    poppler-utils \\',
        '  # indented comment',
        '    && rm -rf /var/lib/apt/lists/*',
      ),
    );
    const run = model.stages[0]?.steps[0] as RunStep;
    expect(run.commands.map((command) => command.words.join(' '))).toEqual([
      'apt-get install -y libxslt1.1 poppler-utils',
      'rm -rf /var/lib/apt/lists/*',
    ]);
  });

  it('reads every option of a cache mount', () => {
    const model = parseDockerfile(
      'FROM python:3.12\nRUN --mount=type=cache,id=pip,target=/c,sharing=locked,uid=1000,gid=1000,mode=0755 true\n',
    );
    const run = model.stages[0]?.steps[0] as RunStep;
    expect(run.mounts[0]).toMatchObject({
      id: 'pip',
      target: '/c',
      sharing: 'locked',
      uid: '1000',
      gid: '1000',
      mode: '0755',
    });
  });

  it.each([
    ['type=cache,target="/root/.cache"', { type: 'cache', target: '/root/.cache' }],
    ['"type=cache,target=/root/.cache/pip,sharing=locked"', { type: 'cache', sharing: 'locked' }],
    ["type=cache,target='/var/cache/apt',id=apt", { type: 'cache', target: '/var/cache/apt', id: 'apt' }],
    [`'type=bind,"source=a,b",target=/src'`, { type: 'bind', source: 'a,b', target: '/src' }],
    ['Type=Cache,target="/unclosed', { type: 'cache', target: '/unclosed' }],
  ])('reads the mount %s as BuildKit does: a shell word, then CSV', (value, expected) => {
    const run = parseDockerfile(`FROM python:3.12\nRUN --mount=${value} true\n`).stages[0]
      ?.steps[0] as RunStep;
    expect(run.mounts[0]).toMatchObject(expected);
  });

  it('attaches dfb-ignore comments to the instruction right below them', () => {
    const model = parseDockerfile(
      dockerfile(
        'FROM python:3.12-slim',
        '# dfb-ignore pip-cache-baked-in, copy-before-install',
        '# why: we need it',
        'RUN pip install x',
        '',
        '# dfb-ignore apt-upgrade',
        '',
        'RUN apt-get upgrade',
      ),
    );
    expect([...model.silencedAt(4)]).toEqual(['pip-cache-baked-in', 'copy-before-install']);
    expect([...model.silencedAt(8)]).toEqual([]);
  });

  it('ships the final stage and its FROM chain; what they copy from is a builder, the rest unused', () => {
    const text = dockerfile(
      'FROM node:22 AS frontend',
      'FROM python:3.12 AS wheels',
      'FROM wheels AS compile',
      'FROM python:3.12 AS tests',
      'FROM python:3.12-slim AS base',
      'FROM base AS app',
      'COPY --from=frontend /src/dist /app/static',
      'RUN --mount=from=compile,source=/wheels,target=/wheels pip install /wheels/*',
      'COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv',
      'FROM app AS dev',
      'COPY --from=3 /report /report',
    );
    const roles = (target?: string) =>
      parseDockerfile(text, [], { target }).stages.map((stage) => `${stage.name}:${stage.role}`);
    expect(roles()).toEqual([
      'frontend:builder',
      'wheels:builder',
      'compile:builder',
      'tests:builder',
      'base:shipped',
      'app:shipped',
      'dev:shipped',
    ]);
    expect(roles('APP')).toEqual([
      'frontend:builder',
      'wheels:builder',
      'compile:builder',
      'tests:unused',
      'base:shipped',
      'app:shipped',
      'dev:unused',
    ]);
    const model = parseDockerfile(text, [], { target: 'app' });
    expect(model.finalStage?.name).toBe('app');
    expect(model.stages[5]?.copiesFrom.map((stage) => stage.name)).toEqual(['frontend', 'compile']);
    expect(parseDockerfile(text, [], { target: 'nope' }).finalStage?.name).toBe('dev');
  });

  it('gives each step its variables, USER, WORKDIR and the user’s home', () => {
    const model = parseDockerfile(
      dockerfile(
        'ARG APP_DIR=/srv/app',
        'ARG EXTRA=x',
        'FROM python:3.12-slim AS base',
        'ARG APP_DIR',
        'WORKDIR ${APP_DIR}',
        'RUN useradd --create-home -d /opt/app-home -u 1001 app && adduser --system svc',
        'FROM base',
        'WORKDIR src/../code',
        'USER 1001:1001',
        'RUN true',
        'USER svc',
        'RUN true',
        'ENV HOME=/data',
        'USER nobody',
        'WORKDIR $UNKNOWN',
        'RUN true',
      ),
    );
    const contexts = [...stepsInContext(model, model.stages[1]!)]
      .filter(({ step }) => step.kind === 'run')
      .map(({ env, user, workdir, home }) => ({
        user,
        workdir,
        home,
        appDir: env.get('APP_DIR'),
        extra: env.get('EXTRA'),
      }));
    expect(contexts).toEqual([
      { user: '1001', workdir: '/srv/app/code', home: '/opt/app-home', appDir: '/srv/app', extra: undefined },
      { user: 'svc', workdir: '/srv/app/code', home: null, appDir: '/srv/app', extra: undefined },
      { user: 'nobody', workdir: null, home: '/data', appDir: '/srv/app', extra: undefined },
    ]);
    const [first] = [...stepsInContext(model, model.stages[0]!)].filter(({ step }) => step.kind === 'run');
    expect(first).toMatchObject({ user: null, home: '/root', workdir: '/srv/app' });
  });

  it("lets a build arg override a stage ARG's default, taken literally as BuildKit takes it", () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'ARG CACHE=/home/app/.cache/pip',
      'ARG SUFFIX=$CACHE/x',
      'ARG RAW',
      'RUN true',
    );
    const envAt = (buildArgs: string[]) => {
      const model = parseDockerfile(text, buildArgs);
      const [run] = [...stepsInContext(model, model.stages[0]!)].filter(({ step }) => step.kind === 'run');
      return Object.fromEntries(run!.env);
    };
    expect(envAt([])).toEqual({ CACHE: '/home/app/.cache/pip', SUFFIX: '/home/app/.cache/pip/x' });
    expect(envAt(['CACHE=/cache', 'RAW=$HOME/y'])).toEqual({
      CACHE: '/cache',
      SUFFIX: '/cache/x',
      RAW: '$HOME/y',
    });
  });
});
