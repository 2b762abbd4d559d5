import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { InputError } from '../../src/inputs/parse.js';
import { resolveSecretSpecs } from '../../src/inputs/secrets.js';

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

  it('refuses a line without an id, naming the input', () => {
    expect(() => resolveSecretSpecs(['=value'])).toThrow(InputError);
    expect(() => resolveSecretSpecs(['novalue'])).toThrow(
      "Input 'secrets': expected lines of the form id=value",
    );
  });
});
