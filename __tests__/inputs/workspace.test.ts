import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Input, type InputName } from '../../src/constants.js';
import { parseDockerfile } from '../../src/dockerfile/model.js';
import { InputError, parseInputs } from '../../src/inputs/parse.js';
import { checkWorkspacePaths, dockerfilePath, localDockerfile } from '../../src/inputs/workspace.js';

describe('dockerfilePath', () => {
  it('uses file when given', () => {
    expect(dockerfilePath({ context: 'app', file: 'docker/Dockerfile.prod' })).toBe('docker/Dockerfile.prod');
  });

  it('falls back to <context>/Dockerfile', () => {
    expect(dockerfilePath({ context: './services/api', file: '' })).toBe('services/api/Dockerfile');
    expect(dockerfilePath({ context: '.', file: '' })).toBe('Dockerfile');
  });
});

describe('checkWorkspacePaths', () => {
  let workspace: string;
  let outsideDir: string;
  beforeAll(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'dfb-workspace-'));
    outsideDir = mkdtempSync(path.join(tmpdir(), 'dfb-outside-'));
    mkdirSync(path.join(workspace, 'app'));
    writeFileSync(path.join(workspace, 'app', 'Dockerfile'), 'FROM scratch\n');
    writeFileSync(path.join(outsideDir, 'Dockerfile'), 'FROM scratch\n');
    symlinkSync('/', path.join(workspace, 'root'));
    symlinkSync(outsideDir, path.join(workspace, 'elsewhere'));
    symlinkSync(path.join(outsideDir, 'Dockerfile'), path.join(workspace, 'app', 'Dockerfile.linked'));
    symlinkSync('app', path.join(workspace, 'app-link'));
  });
  afterAll(() => {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(outsideDir, { recursive: true, force: true });
  });

  const check = (values: Partial<Record<InputName, string>>) =>
    checkWorkspacePaths(
      parseInputs((name) => values[name] ?? '', { adviceRules: [] }),
      workspace,
    );
  const errorOf = (values: Partial<Record<InputName, string>>) => {
    try {
      check(values);
    } catch (error) {
      return error as InputError;
    }
    throw new Error('expected an InputError');
  };

  it('accepts a context and Dockerfile inside the workspace, through a link that stays inside', () => {
    expect(() => check({ context: 'app' })).not.toThrow();
    expect(() => check({ context: 'app-link' })).not.toThrow();
  });

  it('refuses a context that is a symlink to /', () => {
    const error = errorOf({ context: 'root' });
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      "Input 'context': expected a directory inside the workspace; 'root' is outside it",
    );
  });

  it('refuses a context that links to a directory outside the workspace', () => {
    expect(errorOf({ context: 'elsewhere' }).input).toBe(Input.Context);
  });

  it('refuses a Dockerfile that links out of the workspace', () => {
    const error = errorOf({ context: 'app', file: 'app/Dockerfile.linked' });
    expect(error.input).toBe(Input.File);
    expect(error.message).toBe(
      "Input 'file': expected a Dockerfile inside the workspace; 'app/Dockerfile.linked' is outside it",
    );
  });

  it('refuses an absolute Dockerfile path outside the workspace', () => {
    expect(errorOf({ context: 'app', file: path.join(outsideDir, 'Dockerfile') }).input).toBe(Input.File);
  });
});

describe('localDockerfile', () => {
  let workspace: string;
  let outsideDir: string;
  beforeAll(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'dfb-local-dockerfile-'));
    outsideDir = mkdtempSync(path.join(tmpdir(), 'dfb-local-dockerfile-outside-'));
    writeFileSync(path.join(workspace, 'Dockerfile.remote'), 'FROM scratch\n');
    writeFileSync(path.join(outsideDir, 'Dockerfile'), 'FROM scratch\n');
    symlinkSync(path.join(outsideDir, 'Dockerfile'), path.join(workspace, 'Dockerfile.linked'));
  });
  afterAll(() => {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(outsideDir, { recursive: true, force: true });
  });

  it('is the workspace path for a local context', () => {
    expect(localDockerfile({ context: 'app', file: '' }, workspace)).toBe(
      path.join(workspace, 'app', 'Dockerfile'),
    );
  });

  it('is nothing for a remote context without file, instead of a Dockerfile that is not there', () => {
    for (const context of [
      'https://github.com/org/app.git#main',
      'git@github.com:org/app.git',
      'https://x/ctx.tar.gz',
    ])
      expect(localDockerfile({ context, file: '' }, workspace)).toBeUndefined();
    // What run-main analyses then: an empty Dockerfile, no stages, nothing to cache or advise.
    expect(parseDockerfile('').stages).toEqual([]);
  });

  it('reads a remote context’s file only when it is a file inside the workspace', () => {
    const context = 'https://github.com/org/app.git';
    expect(localDockerfile({ context, file: 'Dockerfile.remote' }, workspace)).toBe(
      path.join(workspace, 'Dockerfile.remote'),
    );
    expect(localDockerfile({ context, file: 'Dockerfile.missing' }, workspace)).toBeUndefined();
    expect(localDockerfile({ context, file: 'Dockerfile.linked' }, workspace)).toBeUndefined();
    expect(
      localDockerfile({ context, file: path.join(outsideDir, 'Dockerfile') }, workspace),
    ).toBeUndefined();
  });
});
