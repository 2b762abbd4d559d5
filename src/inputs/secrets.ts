import { chmodSync } from 'node:fs';

import * as core from '@actions/core';
import { Build } from '@docker/actions-toolkit/lib/buildx/build.js';

import { Input } from '../constants.js';
import { InputError } from './parse.js';

/**
 * Turns `id=value` lines into `--secret id=…,src=<file>` specs: the value is written to a private
 * temporary file and masked in the log, so it never appears on a command line.
 */
export function resolveSecretSpecs(secrets: string[]): string[] {
  return secrets.map((line) => {
    const separator = line.indexOf('=');
    if (separator <= 0)
      throw new InputError(Input.Secrets, `expected lines of the form id=value; got a line without '='`);
    const value = line.slice(separator + 1);
    if (value) core.setSecret(value);
    const spec = Build.resolveSecretString(line);
    // The toolkit writes the file with the default mode; only the runner's user may read it.
    const file = /,src=(.+)$/.exec(spec)?.[1];
    if (file) chmodSync(file, 0o600);
    return spec;
  });
}
