// Every bad input stops the action before any builder or build starts, with one error that names
// the input and the form it expects: the bundled dist/ through the runner model, no Docker needed
// (a docker that cannot be reached only answers the engine probe the action starts at once).
import { rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

import { copyProject } from '../../scripts/harness/fixtures/projects.js';
import { pushEvent } from '../../scripts/harness/runner/events.js';
import { removeRunners, runAction } from '../../scripts/harness/runner/run-action.js';

const cases: [string, Record<string, string>, RegExp][] = [
  [
    'size-budget that is not a size',
    { 'size-budget': '5 potatoes' },
    /^Input 'size-budget': expected a positive size such as 500MB or 1\.5GiB; got '5 potatoes'$/,
  ],
  ['negative size budget', { 'size-budget': '-5MB' }, /^Input 'size-budget': expected a positive size/],
  [
    'unknown driver',
    { driver: 'podman' },
    /^Input 'driver': expected one of auto, docker-container, docker, remote, kubernetes; got 'podman'$/,
  ],
  [
    'unknown layer cache',
    { 'layer-cache': 's3' },
    /^Input 'layer-cache': expected one of registry, gha, local, inline, none; got 's3'$/,
  ],
  [
    'registry cache backend without image or layer-cache-repository',
    { 'dependency-cache-backend': 'registry', image: '' },
    /^Input 'dependency-cache-backend': 'registry' needs the 'image' or 'layer-cache-repository' input/,
  ],
  [
    'remote driver without endpoint',
    { driver: 'remote' },
    /^Input 'endpoint': the 'remote' driver needs an endpoint/,
  ],
  [
    'push that is not a boolean',
    { push: 'yes please' },
    /^Input 'push': expected true or false; got 'yes please'$/,
  ],
  [
    'max-size-increase that is neither',
    { 'max-size-increase': 'a lot' },
    /^Input 'max-size-increase': expected a percentage such as 5% or a size such as 20MB; got 'a lot'$/,
  ],
  [
    'image with a tag',
    { image: 'ghcr.io/acme/app:latest' },
    /^Input 'image': expected an image repository without tag or digest/,
  ],
  [
    'missing Dockerfile',
    { file: 'nope/Dockerfile' },
    /^Input 'file': expected a Dockerfile at 'nope\/Dockerfile'; it does not exist/,
  ],
  [
    'context outside the workspace',
    { context: '../..' },
    /^Input 'context': expected a directory inside the workspace; '\.\.\/\.\.' is outside it$/,
  ],
  [
    'lockfile globs matching nothing',
    { 'dependency-cache-lockfiles': 'locks/*.lock' },
    /^Input 'dependency-cache-lockfiles': expected globs that match at least one file; 'locks\/\*\.lock' matched none$/,
  ],
  [
    'local backend without a directory',
    { 'dependency-cache-backend': 'local' },
    /^Input 'local-cache-dir': 'dependency-cache-backend: local' needs a directory/,
  ],
  [
    'dependency-cache-timeout beyond what a timer can hold',
    { 'dependency-cache-timeout': '3000000' },
    /^Input 'dependency-cache-timeout': expected a positive number of seconds such as 600, at most 2147483 \(24 days\); got '3000000'$/,
  ],
  [
    'builder-max-used-space that is not a size',
    { 'builder-max-used-space': 'half the disk' },
    /^Input 'builder-max-used-space': expected a positive size such as 500MB or 1\.5GiB; got 'half the disk'$/,
  ],
  [
    'context that is a symlink to /',
    { context: 'root-link' },
    /^Input 'context': expected a directory inside the workspace; 'root-link' is outside it$/,
  ],
  [
    'Dockerfile that is a symlink out of the workspace',
    { file: 'Dockerfile.outside' },
    /^Input 'file': expected a Dockerfile inside the workspace; 'Dockerfile.outside' is outside it$/,
  ],
  [
    'unknown comment mode',
    { comment: 'sometimes' },
    /^Input 'comment': expected one of auto, on-change, always, off; got 'sometimes'$/,
  ],
];

describe('bad input', () => {
  let workspace: string;
  beforeAll(() => {
    workspace = copyProject('pip-small');
    symlinkSync('/', path.join(workspace, 'root-link'));
    symlinkSync('/etc/hostname', path.join(workspace, 'Dockerfile.outside'));
  });
  afterAll(() => {
    rmSync(workspace, { recursive: true, force: true });
    removeRunners();
  });

  it.each(cases)('%s', async (_name, inputs, expected) => {
    const run = await runAction({
      inputs: { driver: 'docker', image: '127.0.0.1:5000/never-built', ...inputs },
      workspace,
      ...pushEvent('main'),
    });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(expected);
    // Nothing started: no builder was prepared and no build ran.
    expect(run.log).not.toContain('::group::Builder');
    expect(run.log).not.toContain('::group::Build');
    expect(run.outputs).toEqual({});
  });
});
