import { chmodSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';

import * as core from '@actions/core';
import { Build } from '@docker/actions-toolkit/lib/buildx/build.js';

import { Input } from '../constants.js';
import { InputError } from './parse.js';

/**
 * Turns `id=value` lines into `--secret id=…,src=<file>` specs: the value is written to a private
 * temporary file and masked in the log, so it never appears on a command line.
 */
export function resolveSecretSpecs(secrets: string[]): string[] {
  // Every line is checked before any is written, so a bad one leaves no file behind.
  if (secrets.some((line) => line.indexOf('=') <= 0))
    throw new InputError(Input.Secrets, `expected lines of the form id=value; got a line without '='`);
  return secrets.map((line) => {
    const value = line.slice(line.indexOf('=') + 1);
    if (value) core.setSecret(value);
    const spec = Build.resolveSecretString(line);
    // The toolkit writes the file with the default mode; only the runner's user may read it.
    const file = secretSourceFile(spec);
    if (file) chmodSync(file, 0o600);
    return spec;
  });
}

/** The file a `--secret id=…,src=<file>` spec reads, or undefined for one that reads a variable. */
export function secretSourceFile(spec: string): string | undefined {
  return /,src=(.+)$/.exec(spec)?.[1];
}

/**
 * Removes the files the `secrets` values were written to: buildx has read them once the build
 * ends, and the job's later steps have no need of a copy on disk.
 */
export async function removeWrittenSecrets(files: readonly string[]): Promise<void> {
  await Promise.all(files.map((file) => rm(file, { force: true })));
}

/**
 * `secret-envs` (`id=ENV_NAME`) as `--secret id=…,env=…`: buildx reads the variable itself, and
 * its value is masked in case a build step prints it.
 */
export function resolveSecretEnvSpecs(secretEnvs: string[], env: NodeJS.ProcessEnv): string[] {
  return secretEnvs.map((entry) => {
    const spec = Build.resolveSecretEnv(entry);
    const value = env[entry.slice(entry.indexOf('=') + 1)];
    if (value) maskLines(value);
    return spec;
  });
}

/**
 * `secret-files` (`id=path`) as `--secret id=…,src=…`. A missing file fails here, by input name
 * (build-push-action only warns, and the build then fails on the missing secret); its content is
 * masked in case a build step prints it.
 */
export function resolveSecretFileSpecs(secretFiles: string[]): string[] {
  return secretFiles.map((entry, index) => {
    let spec: string;
    try {
      spec = Build.resolveSecretFile(entry);
    } catch {
      throw new InputError(
        Input.SecretFiles,
        `entry ${index + 1} ('${entry.slice(0, entry.indexOf('='))}'): the file does not exist`,
      );
    }
    const file = entry.slice(entry.indexOf('=') + 1);
    if (statSync(file).size <= MAX_MASKED_FILE_BYTES) maskLines(readFileSync(file, 'utf8'));
    return spec;
  });
}

// A larger secret file (a keystore, a certificate bundle) is not text the log would show whole.
const MAX_MASKED_FILE_BYTES = 64 * 1024;

/**
 * The runner masks a multi-line value only line by line, so each line is registered too; lines
 * shorter than 4 characters (a lone `}`) are not, or every brace in the log would be masked.
 */
function maskLines(value: string): void {
  core.setSecret(value);
  for (const line of value.split(/\r?\n/)) if (line.trim().length >= 4) core.setSecret(line.trim());
}
