import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { credentialSource, parseHelperAnswer, registryCredentials } from '../../src/image/registry-auth.js';

const auth = (user: string, pass: string) => Buffer.from(`${user}:${pass}`).toString('base64');

describe('credentialSource', () => {
  it('reads what docker login left inline, under a key with or without a scheme', () => {
    const config = { auths: { 'https://ghcr.io': { auth: auth('octo', 'ghp_x:y') } } };
    expect(credentialSource(config, 'ghcr.io')).toEqual({
      kind: 'inline',
      credentials: { username: 'octo', password: 'ghp_x:y' },
    });
    expect(credentialSource(config, 'quay.io')).toBeUndefined();
  });

  it('files Docker Hub under the v1 index, whichever of its hosts is asked', () => {
    const config = { auths: { 'https://index.docker.io/v1/': { auth: auth('me', 'pw') } } };
    for (const host of ['registry-1.docker.io', 'docker.io'])
      expect(credentialSource(config, host)).toEqual({
        kind: 'inline',
        credentials: { username: 'me', password: 'pw' },
      });
  });

  it('prefers a credential helper for the host, then inline entries, then the default store', () => {
    const config = {
      credHelpers: { '123.dkr.ecr.us-east-1.amazonaws.com': 'ecr-login' },
      credsStore: 'desktop',
      auths: { 'ghcr.io': { auth: auth('a', 'b') } },
    };
    expect(credentialSource(config, '123.dkr.ecr.us-east-1.amazonaws.com')).toEqual({
      kind: 'helper',
      helper: 'ecr-login',
      serverUrl: '123.dkr.ecr.us-east-1.amazonaws.com',
    });
    expect(credentialSource(config, 'ghcr.io')).toMatchObject({ kind: 'inline' });
    expect(credentialSource(config, 'quay.io')).toEqual({
      kind: 'helper',
      helper: 'desktop',
      serverUrl: 'quay.io',
    });
  });

  it('runs no helper whose name could be a path or an option', () => {
    expect(credentialSource({ credsStore: '../../bin/sh' }, 'ghcr.io')).toBeUndefined();
    expect(credentialSource({ credHelpers: { 'ghcr.io': '-x' } }, 'ghcr.io')).toBeUndefined();
  });

  it('finds nothing in a config that is not one, or an entry without a secret', () => {
    expect(credentialSource(null, 'ghcr.io')).toBeUndefined();
    expect(credentialSource({ auths: { 'ghcr.io': {} } }, 'ghcr.io')).toBeUndefined();
    expect(credentialSource({ auths: { 'ghcr.io': { auth: auth('', 'x') } } }, 'ghcr.io')).toBeUndefined();
  });
});

describe('parseHelperAnswer', () => {
  it('takes the username and secret, and leaves identity tokens alone', () => {
    expect(parseHelperAnswer('{"ServerURL":"ghcr.io","Username":"u","Secret":"s"}')).toEqual({
      username: 'u',
      password: 's',
    });
    expect(parseHelperAnswer('{"Username":"<token>","Secret":"refresh"}')).toBeUndefined();
    expect(parseHelperAnswer('credentials not found in native keychain')).toBeUndefined();
  });
});

describe('registryCredentials', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'dfb-registry-auth-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('asks the credential helper on PATH with the server on stdin', async () => {
    const helper = path.join(dir, 'docker-credential-stub');
    writeFileSync(
      helper,
      `#!/bin/sh\nread server\n[ "$1" = get ] && printf '{"Username":"robot","Secret":"for-%s"}' "$server"\n`,
    );
    chmodSync(helper, 0o755);
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ credsStore: 'stub' }));
    const saved = process.env.PATH;
    process.env.PATH = `${dir}:${saved ?? ''}`;
    try {
      expect(await registryCredentials('ghcr.io', { DOCKER_CONFIG: dir })).toEqual({
        username: 'robot',
        password: 'for-ghcr.io',
      });
    } finally {
      process.env.PATH = saved;
    }
  });

  it('is anonymous when there is no config', async () => {
    expect(await registryCredentials('ghcr.io', { DOCKER_CONFIG: path.join(dir, 'none') })).toBeUndefined();
  });
});
