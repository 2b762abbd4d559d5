// Why steps re-ran, end to end: a push to main records what each step read, and pull requests
// that change a source file, a lockfile, the base image or a build arg are told which one.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { pushImage } from '../../scripts/harness/engine.js';
import { manifestDigest, REGISTRY } from '../../scripts/harness/registry.js';
import { pullRequestEvent, pushEvent, type Trigger } from '../../scripts/harness/runner/events.js';
import type { BuildReport } from '../../src/report/model.js';
import { localCacheInputs } from './support/runs.js';
import { useStack } from './support/use-stack.js';

const MARKER = '<!-- docker-fast-build:comment';
const ADDED_WHEEL = 'delta-wheel==1.0.0';
const ARG_VALUE = 'bonjour-from-the-pull-request';

describe('miss reasons: why each step re-ran, against the base report', () => {
  const suite = useStack({
    image: 'e2e-miss-reasons',
    workspace: { project: 'pip-small' },
    cacheDir: true,
    wheels: { payloadMB: 1, rateMBps: 200, extra: [ADDED_WHEEL] },
    githubApi: {},
  });
  const { image, workspace, cacheDir, githubApi: api } = suite;
  // A base image tag of this test's own, moved by the last test to a new digest.
  const baseRepository = suite.repository('e2e-miss-base');
  const baseTag = `${baseRepository}:3.11`;
  const pushedDigest = async () => (await manifestDigest(baseRepository, '3.11')) ?? 'none';
  const inputs = localCacheInputs(image, cacheDir);
  let requirements: string;
  let mainPy: string;

  beforeAll(() => {
    pushImage(baseTag, `FROM ${REGISTRY}/python:3.11-slim\n`);
    mkdirSync(path.join(workspace, 'app'));
    mainPy = 'print("hello")\n';
    writeFileSync(path.join(workspace, 'app/main.py'), mainPy);
    writeFileSync(
      path.join(workspace, 'Dockerfile'),
      [
        `FROM ${baseTag}`,
        'WORKDIR /app',
        'COPY requirements.txt .',
        'RUN --mount=type=cache,target=/root/.cache/pip \\',
        '    pip install --no-index --trusted-host 127.0.0.1 --find-links http://127.0.0.1:8765/ -r requirements.txt',
        'COPY app/ ./app/',
        // Declared here, so that only the step after it reads it.
        'ARG GREETING=hello',
        'RUN echo "$GREETING" > /greeting',
        '',
      ].join('\n'),
    );
    requirements = readFileSync(path.join(workspace, 'requirements.txt'), 'utf8');
  });
  afterEach(() => {
    // Each pull request is compared with main as it was pushed: undo its change.
    writeFileSync(path.join(workspace, 'requirements.txt'), requirements);
    writeFileSync(path.join(workspace, 'app/main.py'), mainPy);
  });

  const run = (extra: Record<string, string>, event: Trigger) =>
    suite.run({ inputs: { ...inputs, ...extra }, ...event, githubToken: 'ghs_test-token' });
  const commentOn = (pullRequest: number) =>
    api.comments(pullRequest).find((c) => c.body.includes(MARKER))?.body ?? '';
  const reportOf = (result: Awaited<ReturnType<typeof run>>) =>
    JSON.parse(readFileSync(result.outputs.report!, 'utf8')) as BuildReport;

  it('a push to main records what each step read: file digests, the base digest, arg names', async () => {
    const result = await run({}, pushEvent('main'));
    expect(result.exitCode).toBe(0);
    const steps = reportOf(result).build.stepInputs ?? [];
    expect(steps.map((s) => s.text)).toEqual([
      `FROM ${baseTag}`,
      'WORKDIR /app',
      'COPY requirements.txt .',
      expect.stringMatching(/^RUN --mount=type=cache,target=\/root\/\.cache\/pip pip install /),
      'COPY app/ ./app/',
      'RUN echo "$GREETING" > /greeting',
    ]);
    expect(steps[0]?.imageDigest).toBe(await pushedDigest());
    expect(steps[2]?.files).toEqual([['requirements.txt', expect.stringMatching(/^[0-9a-f]{12}$/)]]);
    expect(steps[4]?.files?.map(([file]) => file)).toEqual(['app/main.py']);
    expect(steps[5]?.args).toEqual([['GREETING', expect.stringMatching(/^[0-9a-f]{16}$/)]]);
  });

  it('a pull request that changes app/main.py names that file as why the COPY of app/ re-ran', async () => {
    writeFileSync(path.join(workspace, 'app/main.py'), 'print("changed")\n');
    const result = await run({}, pullRequestEvent(31, 'feature/code'));
    expect(result.exitCode).toBe(0);
    const reasons = reportOf(result).missReasons ?? [];
    expect(reasons.map((r) => [r.step, r.kind])).toEqual([
      ['COPY app/ ./app/', 'files'],
      ['RUN echo "$GREETING" > /greeting', 'earlier'],
    ]);
    expect(reasons[0]?.names).toEqual(['app/main.py']);
    const line = '<code>COPY app/ ./app/</code> re-ran: app/main.py changed';
    expect(commentOn(31)).toContain(line);
    expect(result.summary).toContain(line);
  });

  it('a pull request that adds a dependency names the lockfile for the install, and its COPY for what follows', async () => {
    writeFileSync(path.join(workspace, 'requirements.txt'), `${requirements.trimEnd()}\n${ADDED_WHEEL}\n`);
    const result = await run({}, pullRequestEvent(32, 'feature/dependency'));
    expect(result.exitCode).toBe(0);
    const reasons = reportOf(result).missReasons ?? [];
    expect(reasons.map((r) => r.kind)).toEqual(['files', 'earlier', 'earlier', 'earlier']);
    expect(reasons[0]).toMatchObject({ step: 'COPY requirements.txt .', names: ['requirements.txt'] });
    for (const later of reasons.slice(1))
      expect(later.after).toMatchObject({ step: 'COPY requirements.txt .', names: ['requirements.txt'] });
    const comment = commentOn(32);
    expect(comment).toContain('<code>COPY requirements.txt .</code> re-ran: requirements.txt changed');
    expect(comment).toMatch(
      /<code>RUN --mount=type=cache[^<]*pip install [^<]*<\/code> re-ran: it follows <code>COPY requirements.txt .<\/code> \(line 3\), which re-ran because requirements.txt changed/,
    );
    expect(comment).toContain(
      '<code>COPY app/ ./app/</code> re-ran: it follows <code>COPY requirements.txt .</code> (line 3)',
    );
  });

  it('a pull request that changes a build arg names the arg and never shows its value', async () => {
    const result = await run({ 'build-args': `GREETING=${ARG_VALUE}` }, pullRequestEvent(34, 'feature/arg'));
    expect(result.exitCode).toBe(0);
    const report = reportOf(result);
    expect(report.missReasons).toEqual([
      { step: 'RUN echo "$GREETING" > /greeting', line: 8, kind: 'args', names: ['GREETING'] },
    ]);
    const comment = commentOn(34);
    expect(comment).toContain(
      '<code>RUN echo &quot;$GREETING&quot; &gt; /greeting</code> re-ran: build arg GREETING changed (values not shown)',
    );
    for (const text of [comment, result.summary, readFileSync(result.outputs.report!, 'utf8')])
      expect(text).not.toContain(ARG_VALUE);
  });
  // Last: the base image stays moved.
  it('a pull request built on a moved base image names the tag and both digests', async () => {
    const before = await pushedDigest();
    pushImage(baseTag, `FROM ${REGISTRY}/python:3.11-slim\nRUN echo x > /x\n`);
    const after = await pushedDigest();
    expect(after).not.toBe(before);
    const result = await run({ pull: 'true' }, pullRequestEvent(33, 'feature/base'));
    expect(result.exitCode).toBe(0);
    const [first, ...rest] = reportOf(result).missReasons ?? [];
    expect(first).toMatchObject({
      step: 'WORKDIR /app',
      kind: 'base-image',
      image: { name: baseTag, from: before, to: after },
    });
    expect(rest.every((r) => r.kind === 'earlier' && r.after?.kind === 'base-image')).toBe(true);
    const short = (digest: string) => `${digest.slice(0, 'sha256:'.length + 12)}…`;
    const line = `<code>WORKDIR /app</code> re-ran: the base image <code>${baseTag}</code> moved from <code>${short(before)}</code> to <code>${short(after)}</code>`;
    expect(commentOn(33)).toContain(line);
    expect(result.summary).toContain(line);
  });
});
