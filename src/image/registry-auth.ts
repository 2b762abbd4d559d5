// The credentials docker itself would send to a registry: what `docker login` (or
// docker/login-action) left in the docker config, directly or through a credential helper. Used
// to read back the layers a build has just pushed; a registry we hold no credentials for is
// spoken to anonymously.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';

import * as v from 'valibot';

import { jsonObject, optional } from '../domain/json-fields.js';

const text = optional(v.string());
/** A table by registry: `auths` and `credHelpers`, keyed by host with or without a scheme. */
const byRegistry = optional(v.record(v.string(), v.unknown()));
/** The docker config, for what is read of it; a field of the wrong type reads as left out. */
const dockerConfigSchema = jsonObject({ auths: byRegistry, credHelpers: byRegistry, credsStore: text });
const authEntrySchema = v.object({ auth: text, username: text, password: text });
/** What `docker-credential-<helper> get` answers. */
const helperAnswerSchema = jsonObject({ Username: v.string(), Secret: v.string() });

export interface RegistryCredentials {
  username: string;
  password: string;
}

/** Where the docker config says a registry's credentials are. */
export type CredentialSource =
  | { kind: 'inline'; credentials: RegistryCredentials }
  | { kind: 'helper'; helper: string; serverUrl: string }
  | undefined;

// Docker Hub's credentials are filed under the v1 index URL, whatever host the blobs come from.
const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** `https://ghcr.io/v2/` → `ghcr.io`: config keys come with and without a scheme or path. */
function hostOfKey(key: string): string {
  return key
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
}

/**
 * Finds the registry's entry in a parsed docker config, as the docker CLI does: a credential helper
 * for that host first, then an inline `auths` entry, then the default credential store. Pure.
 */
export function credentialSource(config: unknown, host: string): CredentialSource {
  const read = v.safeParse(dockerConfigSchema, config);
  if (!read.success) return undefined;
  const { auths, credHelpers, credsStore } = read.output;
  const hub = DOCKER_HUB_HOSTS.has(host.toLowerCase());
  const wanted = hub ? hostOfKey(DOCKER_HUB_KEY) : host.toLowerCase();
  const serverUrl = hub ? DOCKER_HUB_KEY : host;
  const named = (table: Record<string, unknown> | undefined): [string, unknown] | undefined =>
    table && Object.entries(table).find(([key]) => hostOfKey(key) === wanted);
  const helper = named(credHelpers)?.[1];
  if (typeof helper === 'string' && isHelperName(helper)) return { kind: 'helper', helper, serverUrl };
  const entry = v.safeParse(authEntrySchema, named(auths)?.[1]);
  if (entry.success) {
    const { auth, username, password } = entry.output;
    if (username !== undefined && password !== undefined && username !== '')
      return { kind: 'inline', credentials: { username, password } };
    if (auth !== undefined && auth !== '') {
      const decoded = Buffer.from(auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0)
        return {
          kind: 'inline',
          credentials: { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) },
        };
    }
  }
  if (credsStore !== undefined && isHelperName(credsStore))
    return { kind: 'helper', helper: credsStore, serverUrl };
  return undefined;
}

/** A helper names a program docker-credential-<name> on PATH: nothing that could be a path or an option. */
function isHelperName(name: string): boolean {
  return /^[a-z0-9][a-z0-9._-]*$/i.test(name);
}

/** The `docker-credential-<helper> get` answer; undefined for an identity token (OAuth), which needs a flow of its own. */
export function parseHelperAnswer(text: string): RegistryCredentials | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const answer = v.safeParse(helperAnswerSchema, parsed);
  if (!answer.success || answer.output.Username === '<token>') return undefined;
  return { username: answer.output.Username, password: answer.output.Secret };
}

function runHelper(helper: string, serverUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      `docker-credential-${helper}`,
      ['get'],
      { timeout: 10_000, maxBuffer: 1 << 20, env: process.env },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
    child.stdin?.end(serverUrl);
  });
}

/** The credentials for `host`, or undefined (anonymous) when the config has none or cannot be read. */
export async function registryCredentials(
  host: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RegistryCredentials | undefined> {
  const configDir = env.DOCKER_CONFIG || path.join(homedir(), '.docker');
  let config: unknown;
  try {
    config = JSON.parse(await readFile(path.join(configDir, 'config.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const source = credentialSource(config, host);
  if (!source) return undefined;
  if (source.kind === 'inline') return source.credentials;
  return parseHelperAnswer(await runHelper(source.helper, source.serverUrl).catch(() => ''));
}

export function basicAuthorization(credentials: RegistryCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}
