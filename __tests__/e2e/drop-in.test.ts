// A step written for docker/build-push-action, with only `uses:` changed: every input it sets takes
// effect on the real engine and registry. The Dockerfile (fixtures/projects/drop-in) leaves proof of
// each input in the image; the image name has capitals, as `ghcr.io/${{ github.repository }}` often does.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
  MANIFEST_TYPES,
  REGISTRY,
  manifestDigest,
  registryTags,
  repositoryPath,
} from '../../scripts/harness/registry.js';
import { useStack } from './support/use-stack.js';

const SECRET = 'index-url = https://drop-in-user:drop-in-p4ssw0rd@pypi.example.invalid/simple';
const HOST_IP = '10.11.12.13';

describe('a build-push-action step, with only uses: changed', () => {
  // A repository name in lower case: a test writes it with capitals.
  const suite = useStack({ image: 'myapp', workspace: { project: 'drop-in' }, cacheService: {} });
  const { image } = suite;
  // What a workflow gets from `${{ github.repository }}` with capitals in it.
  const upperImage = image.replace('/myapp-', '/MyApp-');
  let extraContext: string;
  let secretFile: string;

  beforeAll(() => {
    const outside = suite.tempDir('dfb-e2e-drop-in-outside-');
    extraContext = path.join(outside, 'extra');
    secretFile = path.join(outside, 'pip.conf');
    writeFileSync(secretFile, `[global]\n${SECRET}\n`);
    mkdirSync(extraContext);
    writeFileSync(path.join(extraContext, 'note.txt'), 'from the extra context\n');
  });

  /** The step as a build-push-action workflow writes it; only `uses:` differs. */
  function step(overrides: Record<string, string> = {}) {
    return {
      context: '.',
      file: 'docker/app.Dockerfile',
      tags: `${upperImage}:1.0`,
      push: 'true',
      'build-args': 'GREETING=hello from build-args',
      labels: 'org.opencontainers.image.title=drop-in\nteam=core',
      'build-contexts': `extra=${extraContext}`,
      'secret-files': `pip_conf=${secretFile}`,
      'add-hosts': `registry.drop-in.test:${HOST_IP}`,
      'no-cache': 'false',
      ...overrides,
    };
  }
  const run = (inputs: Record<string, string>) => suite.run({ inputs });

  it('pushes the image under its lower-case name, with the labels and build-push-action’s provenance', async () => {
    suite.freshRunner();
    const result = await run(step());
    expect(result.exitCode).toBe(0);
    expect(result.postExitCode).toBe(0);
    expect(result.log).toContain(`Image name ${upperImage}:1.0 is used in lower case (${image}:1.0)`);
    expect(await registryTags(image)).toEqual(['1.0']);
    // build-push-action's outputs.
    expect(result.outputs.digest).toBe(await manifestDigest(image, '1.0'));
    expect(JSON.parse(result.outputs.metadata ?? '{}')['containerimage.digest']).toBe(result.outputs.digest);
    expect(result.outputs.imageid).toMatch(/^sha256:[0-9a-f]{64}$/);

    const { config, attestations } = await pushedImage(image, '1.0');
    expect(config.config?.Labels).toMatchObject({
      'org.opencontainers.image.title': 'drop-in',
      team: 'core',
    });
    // A public repository gets build-push-action's default provenance (mode=max) beside the image.
    expect(attestations).toBe(1);
  });

  it('no-cache runs every step, and outputs writes the image’s files where asked', async () => {
    // Where `outputs: type=local` writes the proofs stage's files (target, also a build-push-action input).
    const dest = suite.tempDir('dfb-e2e-drop-in-out-');
    // The builder still holds every step of the last run: without no-cache all of them would be cached.
    const result = await run(
      step({ push: 'false', 'no-cache': 'true', target: 'proofs', outputs: `type=local,dest=${dest}` }),
    );
    expect(result.exitCode).toBe(0);
    expect(result.report?.build.cachedSteps).toBe(0);
    expect(result.report?.build.totalSteps).toBeGreaterThanOrEqual(5);
    expect(result.log).toContain('outputs: exported as given');
    expect(result.log).toContain('no-cache: the layer cache is not read');

    const file = (name: string) => readFileSync(path.join(dest, 'drop-in', name), 'utf8').trim();
    expect(file('extra-note.txt')).toBe('from the extra context');
    expect(file('secret.sha256')).toBe(createHash('sha256').update(readFileSync(secretFile)).digest('hex'));
    expect(file('host.ip')).toBe(HOST_IP);
    expect(file('greeting.txt')).toBe('hello from build-args');
    expect(existsSync(path.join(dest, 'drop-in', 'app.txt'))).toBe(true);
    // The secret reached the build only as a file: not in the image, and the log only asks to mask it.
    expect(readFileSync(path.join(dest, 'drop-in', 'secret.sha256'), 'utf8')).not.toContain('p4ssw0rd');
    const leaks = result.log.split('\n').filter((line) => line.includes('p4ssw0rd'));
    expect(leaks.every((line) => line.startsWith('::add-mask::'))).toBe(true);
  });
});

interface Descriptor {
  digest: string;
  platform?: { os?: string };
  annotations?: Record<string, string>;
}

/** The pushed image's config, and how many attestation manifests its index holds. */
async function pushedImage(repository: string, tag: string) {
  const get = async <T>(kind: 'manifests' | 'blobs', reference: string): Promise<T> => {
    const response = await fetch(`http://${REGISTRY}/v2/${repositoryPath(repository)}/${kind}/${reference}`, {
      headers: { accept: MANIFEST_TYPES },
    });
    if (!response.ok) throw new Error(`${kind}/${reference}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  const top = await get<{ manifests?: Descriptor[]; config?: Descriptor }>('manifests', tag);
  const manifests = top.manifests ?? [];
  const attestations = manifests.filter(
    (m) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest',
  ).length;
  const imageManifest = top.config
    ? top
    : await get<{ config: Descriptor }>(
        'manifests',
        manifests.find((m) => m.platform?.os !== 'unknown')?.digest ?? 'missing',
      );
  const config = await get<{ config?: { Labels?: Record<string, string> } }>(
    'blobs',
    imageManifest.config!.digest,
  );
  return { config, attestations };
}
