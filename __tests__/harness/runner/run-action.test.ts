// The runner model on an action of a few lines: what a step gets (inputs with action.yml's defaults,
// the event, the runner's files) and what the runner makes of what it leaves (outputs and state from
// the files over stdout commands, STATE_* for the post step, annotations).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { pullRequestEvent } from '../../../scripts/harness/runner/events.js';
import { parseCommandFile, removeRunners, runAction } from '../../../scripts/harness/runner/run-action.js';

const ACTION_YML = `name: probe
inputs:
  greeting:
    default: hello
  github-token:
    default: \${{ github.token }}
  cache dir:
    default: ''
runs:
  using: node24
  main: main.mjs
  post: post.mjs
`;

// Main reports what it was given, through the output file and through stdout commands.
const MAIN = `import { appendFileSync, readFileSync } from 'node:fs';
const env = process.env;
const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
appendFileSync(env.GITHUB_OUTPUT, [
  'greeting=' + env.INPUT_GREETING,
  'token=' + env['INPUT_GITHUB-TOKEN'],
  'cache-dir=' + env['INPUT_CACHE_DIR'],
  'ref=' + env.GITHUB_REF,
  'head=' + env.GITHUB_HEAD_REF,
  'number=' + (event.pull_request?.number ?? ''),
  'runner-temp=' + env.RUNNER_TEMP,
  'output-file=' + env.GITHUB_OUTPUT,
  'multi<<EOF', 'one', 'two', 'EOF', 'overridden=from the file', ''].join('\\n'));
appendFileSync(env.GITHUB_STATE, 'step=main\\n');
console.log('::set-output name=overridden::from stdout');
console.log('::save-state name=printed::by stdout');
console.log('::warning file=Dockerfile,line=3::look here');
`;
const POST = `console.log('::notice::post saw ' + process.env.STATE_step + ' and ' + process.env.STATE_printed);\n`;

describe('runAction', () => {
  let actionDir: string;
  beforeAll(() => {
    actionDir = mkdtempSync(path.join(tmpdir(), 'dfb-probe-action-'));
    writeFileSync(path.join(actionDir, 'action.yml'), ACTION_YML);
    writeFileSync(path.join(actionDir, 'main.mjs'), MAIN);
    writeFileSync(path.join(actionDir, 'post.mjs'), POST);
  });
  afterAll(() => rmSync(actionDir, { recursive: true, force: true }));

  it('runs main then post as a runner does', async () => {
    const run = await runAction({
      actionDir,
      inputs: { 'cache dir': '/tmp/x' },
      ...pullRequestEvent(5, 'feature/x'),
      githubToken: 'ghs_token',
      workspace: actionDir,
    });
    expect([run.exitCode, run.postExitCode]).toEqual([0, 0]);
    expect(run.outputs).toMatchObject({
      greeting: 'hello',
      token: 'ghs_token',
      'cache-dir': '/tmp/x',
      ref: 'refs/pull/5/merge',
      head: 'feature/x',
      number: '5',
      multi: 'one\ntwo',
      // The runner applies the file after the step, over what stdout set.
      overridden: 'from the file',
    });
    expect(run.state).toEqual({ step: 'main', printed: 'by stdout' });
    expect(run.annotations).toEqual([
      { level: 'warning', properties: 'file=Dockerfile,line=3', message: 'look here' },
      { level: 'notice', properties: '', message: 'post saw main and by stdout' },
    ]);
  });

  it('refuses an input action.yml does not declare', async () => {
    await expect(runAction({ actionDir, inputs: { greting: 'typo' } })).rejects.toThrow(
      "run-action: 'greting' is not an input of action.yml",
    );
  });

  it('runs one job at a time on a runner', async () => {
    const first = runAction({ actionDir, workspace: actionDir, runner: 'runner-busy' });
    await expect(runAction({ actionDir, workspace: actionDir, runner: 'runner-busy' })).rejects.toThrow(
      "runner 'runner-busy' is already running a job",
    );
    expect((await first).exitCode).toBe(0);
  });

  it("removes a job's command files after it, and the runners' temp directories when told", async () => {
    const run = await runAction({ actionDir, workspace: actionDir, runner: 'runner-removed' });
    expect(run.exitCode).toBe(0);
    expect(existsSync(run.outputs['output-file']!)).toBe(false);
    // The temp directory stays for the runner's next job, as a runner keeps it, until the runners go.
    expect(existsSync(run.outputs['runner-temp']!)).toBe(true);
    removeRunners();
    expect(existsSync(run.outputs['runner-temp']!)).toBe(false);
  });
});

describe('parseCommandFile', () => {
  it('reads name=value lines and name<<DELIMITER blocks', () => {
    expect(parseCommandFile('a=1\nb<<X\nline 1\nline=2\nX\nc=\n')).toEqual({
      a: '1',
      b: 'line 1\nline=2',
      c: '',
    });
  });
});
