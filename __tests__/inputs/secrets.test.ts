import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { jest } from '@jest/globals';
import { Context } from '@docker/actions-toolkit/lib/context.js';

import { InputError } from '../../src/inputs/parse.js';
import {
  removeWrittenSecrets,
  resolveSecretEnvSpecs,
  resolveSecretFileSpecs,
  resolveSecretSpecs,
  secretSourceFile,
} from '../../src/inputs/secrets.js';

/** What the runner is told to mask while `action` runs (core.setSecret writes ::add-mask:: to stdout). */
function masked(action: () => void): string[] {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(
      ...String(chunk)
        .split(/\r?\n/)
        .filter((line) => line.startsWith('::add-mask::')),
    );
    return true;
  });
  try {
    action();
  } finally {
    spy.mockRestore();
  }
  return lines.map((line) => line.slice('::add-mask::'.length));
}

describe('resolveSecretSpecs', () => {
  it('hands buildx a file, never the value, and only the runner’s user may read that file', () => {
    const [spec] = resolveSecretSpecs(['TOKEN=s3cr3t-value']);
    expect(spec).toMatch(/^id=TOKEN,src=\/.+/);
    expect(spec).not.toContain('s3cr3t-value');
    const file = spec!.slice(spec!.indexOf(',src=') + ',src='.length);
    expect(readFileSync(file, 'utf8')).toBe('s3cr3t-value');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o077).toBe(0);
  });

  it('keeps everything after the first = as the value', () => {
    const [spec] = resolveSecretSpecs(['URL=https://u:p@host/?a=b']);
    const file = spec!.slice(spec!.indexOf(',src=') + ',src='.length);
    expect(readFileSync(file, 'utf8')).toBe('https://u:p@host/?a=b');
  });

  it('writes no file when any line is bad', () => {
    const before = readdirSync(Context.tmpDir()).length;
    expect(() => resolveSecretSpecs(['GOOD=first', 'novalue'])).toThrow(InputError);
    expect(readdirSync(Context.tmpDir())).toHaveLength(before);
  });

  it('refuses a line without an id, naming the input', () => {
    expect(() => resolveSecretSpecs(['=value'])).toThrow(InputError);
    expect(() => resolveSecretSpecs(['novalue'])).toThrow(
      "Input 'secrets': expected lines of the form id=value",
    );
  });
});

describe('removeWrittenSecrets', () => {
  it('removes the files the values were written to, and only those', async () => {
    const [spec] = resolveSecretSpecs(['TOKEN=s3cr3t-value']);
    const written = secretSourceFile(spec!)!;
    const users = path.join(mkdtempSync(path.join(tmpdir(), 'dfb-secret-files-')), 'netrc');
    writeFileSync(users, 'machine example login me');
    const [fileSpec] = resolveSecretFileSpecs([`NETRC=${users}`]);
    expect(existsSync(written)).toBe(true);

    await removeWrittenSecrets([written]);
    expect(existsSync(written)).toBe(false);
    expect(secretSourceFile(fileSpec!)).toBe(users);
    expect(existsSync(users)).toBe(true);
    // Gone already (a second call, a cancelled build): nothing to fail on.
    await expect(removeWrittenSecrets([written])).resolves.toBeUndefined();
    rmSync(path.dirname(users), { recursive: true, force: true });
  });

  it('names no file for a secret read from a variable', () => {
    const [spec] = resolveSecretEnvSpecs(['TOKEN=SOME_VAR'], {});
    expect(secretSourceFile(spec!)).toBeUndefined();
  });
});

describe('resolveSecretEnvSpecs', () => {
  it('lets buildx read the variable and masks its value', () => {
    let specs: string[] = [];
    const masks = masked(() => {
      specs = resolveSecretEnvSpecs(['npm=NPM_TOKEN', 'unset=NOT_SET'], { NPM_TOKEN: 'npm_abcdef' });
    });
    expect(specs).toEqual(['id=npm,env=NPM_TOKEN', 'id=unset,env=NOT_SET']);
    expect(masks).toEqual(['npm_abcdef', 'npm_abcdef']);
  });
});

describe('resolveSecretFileSpecs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dfb-secret-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hands buildx the path and masks every line of the content worth masking', () => {
    const file = path.join(dir, 'netrc');
    writeFileSync(file, 'machine example.invalid\npassword hunter22\n}\n');
    let specs: string[] = [];
    const masks = masked(() => {
      specs = resolveSecretFileSpecs([`netrc=${file}`]);
    });
    expect(specs).toEqual([`id=netrc,src=${file}`]);
    expect(masks).toEqual(expect.arrayContaining(['machine example.invalid', 'password hunter22']));
    expect(masks).not.toContain('}');
  });

  it('refuses a missing file, naming the input and the secret’s id', () => {
    expect(() => resolveSecretFileSpecs([`token=${path.join(dir, 'missing')}`])).toThrow(
      "Input 'secret-files': entry 1 ('token'): the file does not exist",
    );
  });
});
