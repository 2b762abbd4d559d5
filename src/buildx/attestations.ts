// The `--attest` values build-push-action would pass: its provenance default included.
import { Build } from '@docker/actions-toolkit/lib/buildx/build.js';

import { specFields, type Inputs } from '../inputs/parse.js';

export interface AttestationFacts {
  /** The run's address (…/actions/runs/ID/attempts/N): provenance names it as the builder. */
  builderId: string;
  /** From the event payload: a private repository's default provenance is min and kept out of the registry. */
  privateRepository: boolean;
  /** BUILDX_NO_DEFAULT_ATTESTATIONS is set to a true value. */
  noDefaultAttestations: boolean;
  /** The builder can store attestations: not the docker driver over the classic image store. */
  supported: boolean;
}

export type AttestationInputs = Pick<Inputs, 'attests' | 'provenance' | 'sbom' | 'outputs' | 'load'>;

/**
 * build-push-action's rules: `provenance` and `sbom` win over the same type in `attests`; without
 * either, a build that does not load into docker gets provenance, `mode=max` for a public
 * repository and `mode=min,inline-only=true` for a private one.
 */
export function planAttestations(inputs: AttestationInputs, facts: AttestationFacts): string[] {
  const attests: string[] = [];
  const provenance = resolveProvenance(inputs.provenance, facts.builderId);
  const attestsProvenance = inputs.attests.some((attest) => Build.hasAttestationType('provenance', attest));
  if (provenance) {
    attests.push(Build.resolveAttestationAttrs(`type=provenance,${provenance}`));
  } else if (
    !attestsProvenance &&
    !facts.noDefaultAttestations &&
    facts.supported &&
    !Build.hasDockerExporter(inputs.outputs, inputs.load)
  ) {
    const mode = facts.privateRepository ? 'mode=min,inline-only=true' : 'mode=max';
    attests.push(`type=provenance,${withBuilderId(mode, facts.builderId)}`);
  }
  if (inputs.sbom) attests.push(Build.resolveAttestationAttrs(`type=sbom,${inputs.sbom}`));
  for (const attest of inputs.attests) {
    const isProvenance = Build.hasAttestationType('provenance', attest);
    const isSbom = Build.hasAttestationType('sbom', attest);
    if (!isProvenance && !isSbom) attests.push(Build.resolveAttestationAttrs(attest));
    else if (isProvenance && !provenance) attests.push(withBuilderId(attest, facts.builderId));
    else if (isSbom && !inputs.sbom) attests.push(attest);
  }
  return attests;
}

/** The `provenance` input as build-push-action resolves it: '' when unset. */
function resolveProvenance(provenance: string, builderId: string): string {
  if (provenance === '' || provenance === 'false') return provenance;
  if (provenance === 'true') return `builder-id=${builderId}`;
  return withBuilderId(provenance, builderId);
}

/** Provenance attributes with the run as builder-id, unless they name one. */
export function withBuilderId(attrs: string, builderId: string): string {
  if (!attrs) return `builder-id=${builderId}`;
  return specFields(attrs).has('builder-id') ? attrs : `${attrs},builder-id=${builderId}`;
}

/** `https://github.com/org/app/actions/runs/42/attempts/1`, as the toolkit's GitHub.workflowRunURL(true) writes it. */
export function workflowRunUrl(run: {
  serverUrl: string;
  repository: string;
  runId: string;
  runAttempt: string;
}) {
  return `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}/attempts/${run.runAttempt}`;
}
