import { Build } from '@docker/actions-toolkit/lib/buildx/build.js';
import { GitHub } from '@docker/actions-toolkit/lib/github/github.js';

import {
  planAttestations,
  withBuilderId,
  workflowRunUrl,
  type AttestationFacts,
  type AttestationInputs,
} from '../../src/buildx/attestations.js';
import { noDefaultAttestations } from '../../src/buildx/plan.js';

const RUN_URL = 'https://github.com/org/app/actions/runs/42/attempts/1';

function attests(inputs: Partial<AttestationInputs> = {}, facts: Partial<AttestationFacts> = {}): string[] {
  return planAttestations(
    { attests: [], provenance: '', sbom: '', outputs: [], load: false, ...inputs },
    { builderId: RUN_URL, privateRepository: false, noDefaultAttestations: false, supported: true, ...facts },
  );
}

describe('planAttestations: build-push-action’s default provenance', () => {
  it('is mode=max for a public repository, naming the run as builder', () => {
    expect(attests()).toEqual([`type=provenance,mode=max,builder-id=${RUN_URL}`]);
  });

  it('is mode=min and inline-only for a private repository', () => {
    expect(attests({}, { privateRepository: true })).toEqual([
      `type=provenance,mode=min,inline-only=true,builder-id=${RUN_URL}`,
    ]);
  });

  it('is left out when the image is loaded into docker, by load or by a docker output', () => {
    expect(attests({ load: true })).toEqual([]);
    expect(attests({ outputs: ['type=docker,name=app'] })).toEqual([]);
    expect(attests({ outputs: ['type=local,dest=out'] })).toHaveLength(1);
  });

  it('is left out with BUILDX_NO_DEFAULT_ATTESTATIONS, or where the builder cannot store it', () => {
    expect(attests({}, { noDefaultAttestations: true })).toEqual([]);
    expect(attests({}, { supported: false })).toEqual([]);
    expect(noDefaultAttestations('1')).toBe(true);
    expect(noDefaultAttestations('true')).toBe(true);
    expect(noDefaultAttestations('false')).toBe(false);
    expect(noDefaultAttestations(undefined)).toBe(false);
  });
});

describe('planAttestations: explicit inputs', () => {
  it('reads provenance true, false and attributes as build-push-action does', () => {
    expect(attests({ provenance: 'true' })).toEqual([`type=provenance,builder-id=${RUN_URL}`]);
    expect(attests({ provenance: 'false' })).toEqual(['type=provenance,disabled=true']);
    expect(attests({ provenance: 'mode=max' })).toEqual([`type=provenance,mode=max,builder-id=${RUN_URL}`]);
    expect(attests({ provenance: 'mode=min,builder-id=me' })).toEqual([
      'type=provenance,mode=min,builder-id=me',
    ]);
  });

  it('turns sbom true and false into buildx’s disabled attribute', () => {
    expect(attests({ provenance: 'false', sbom: 'true' })).toContain('type=sbom,disabled=false');
    expect(attests({ provenance: 'false', sbom: 'false' })).toContain('type=sbom,disabled=true');
    expect(attests({ provenance: 'false', sbom: 'generator=image' })).toContain('type=sbom,generator=image');
  });

  it('lets provenance and sbom win over the same type in attests, and keeps other types', () => {
    expect(
      attests({
        provenance: 'mode=max',
        sbom: 'true',
        attests: ['type=provenance,mode=min', 'type=sbom,generator=x', 'type=custom,foo=bar'],
      }),
    ).toEqual([
      `type=provenance,mode=max,builder-id=${RUN_URL}`,
      'type=sbom,disabled=false',
      'type=custom,foo=bar',
    ]);
  });

  it('takes provenance from attests instead of the default, with the run as builder', () => {
    expect(attests({ attests: ['type=provenance,mode=min'] })).toEqual([
      `type=provenance,mode=min,builder-id=${RUN_URL}`,
    ]);
  });
});

describe('withBuilderId', () => {
  it('writes what the toolkit’s resolveProvenanceAttrs writes', () => {
    // The toolkit reads the repository from the environment, as on a runner.
    const saved = process.env.GITHUB_REPOSITORY;
    process.env.GITHUB_REPOSITORY = 'org/app';
    try {
      const builderId = GitHub.workflowRunURL(true);
      for (const attrs of [
        '',
        'mode=max',
        'mode=min,inline-only=true',
        'mode=max,builder-id=https://x.example/1',
      ]) {
        expect(withBuilderId(attrs, builderId)).toBe(Build.resolveProvenanceAttrs(attrs));
      }
    } finally {
      if (saved === undefined) delete process.env.GITHUB_REPOSITORY;
      else process.env.GITHUB_REPOSITORY = saved;
    }
  });

  it('names the run as the toolkit’s workflowRunURL does', () => {
    expect(
      workflowRunUrl({
        serverUrl: 'https://github.com',
        repository: 'org/app',
        runId: '42',
        runAttempt: '1',
      }),
    ).toBe(RUN_URL);
  });
});
