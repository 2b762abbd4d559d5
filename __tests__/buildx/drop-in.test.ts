// Every docker/build-push-action input, as a workflow written for it gives them, reaches buildx as
// build-push-action's getArgs would pass it. The expected flags are written out by hand from its
// src/context.ts; their order differs (buildx does not care), so flags are compared as pairs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Input, type InputName } from '../../src/constants.js';
import type { RunContext } from '../../src/github/run-context.js';
import { parseInputs } from '../../src/inputs/parse.js';
import { resolveSecretEnvSpecs, resolveSecretFileSpecs } from '../../src/inputs/secrets.js';
import { makePlan, type PlanFacts } from '../../src/buildx/plan.js';

type RawInputs = Partial<Record<InputName, string>>;

const RUN_URL = 'https://github.com/org/app/actions/runs/42/attempts/1';

const run: RunContext = {
  eventName: 'push',
  ref: 'refs/heads/main',
  branch: 'main',
  baseBranch: '',
  defaultBranch: 'main',
  pullRequestNumber: undefined,
  isForkPullRequest: false,
  repository: 'org/app',
  runId: '42',
  runAttempt: '1',
  sha: 'a'.repeat(40),
  headSha: 'a'.repeat(40),
  serverUrl: 'https://github.com',
  labels: [],
  workspace: '/srv/workspace/app',
  workflow: 'CI',
  runnerArch: 'X64',
  runnerTemp: '/srv/runner/temp',
  stableTemp: '/srv/runner/temp',
  stepSummaryFile: '',
  workflowRun: undefined,
};

function facts(overrides: Partial<PlanFacts> = {}): PlanFacts {
  return {
    run,
    newBuilderName: 'b',
    files: { metadataFile: '/tmp/dfb/metadata.json', imageIdFile: '/tmp/dfb/iid', secretSpecs: [] },
    driver: 'docker-container',
    containerdStore: false,
    layoutDir: '/tmp/dfb/layout',
    privateRepository: false,
    noDefaultAttestations: false,
    ...overrides,
  };
}

function argvFor(values: RawInputs, overrides: Partial<PlanFacts> = {}): string[] {
  const inputs = parseInputs((name) => values[name] ?? '', { adviceRules: [] });
  return makePlan(inputs, facts(overrides)).buildArgs;
}

// Flags build-push-action writes that this action plans the same way; --builder, --file, --progress,
// --metadata-file and the report's own --output/--cache-* are this action's and checked elsewhere.
const BUILD_PUSH_FLAGS = new Set([
  '--add-host',
  '--allow',
  '--annotation',
  '--attest',
  '--build-arg',
  '--build-context',
  '--cache-from',
  '--cache-to',
  '--call',
  '--cgroup-parent',
  '--label',
  '--network',
  '--no-cache-filter',
  '--platform',
  '--secret',
  '--shm-size',
  '--ssh',
  '--tag',
  '--target',
  '--ulimit',
]);
const SWITCHES = new Set(['--load', '--no-cache', '--pull', '--push']);

/** The build-push-action flags in an argv, as sorted "flag value" strings. */
function flagsOf(argv: string[], extra: (arg: string) => boolean = () => false): string[] {
  const found: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (SWITCHES.has(arg)) found.push(arg);
    else if (BUILD_PUSH_FLAGS.has(arg) || (arg === '--output' && extra(argv[i + 1] as string)))
      found.push(`${arg} ${argv[++i]}`);
  }
  return found.sort();
}

const notLayout = (spec: string) => !spec.startsWith('type=oci,tar=false,dest=/tmp/dfb/layout');

describe('a workflow written for build-push-action', () => {
  it('passes every input to buildx as build-push-action would', () => {
    const values: RawInputs = {
      [Input.AddHosts]: 'docker:10.180.0.1,db:10.0.0.2',
      [Input.Allow]: 'network.host\nsecurity.insecure',
      [Input.Annotations]:
        'index:org.opencontainers.image.description=My app, with a comma\nmanifest:team=core',
      [Input.Attests]: 'type=sbom,generator=image\ntype=provenance,mode=min',
      [Input.BuildArgs]: 'PYTHON=3.12\nEXTRAS=dev,test',
      [Input.BuildContexts]: 'shared=./shared\nbase=docker-image://python:3.12',
      [Input.CacheFrom]: 'type=registry,ref=ghcr.io/org/app:cache\nghcr.io/org/app:old-cache',
      [Input.CacheTo]: 'type=registry,ref=ghcr.io/org/app:cache,mode=max',
      [Input.CgroupParent]: 'ci.slice',
      [Input.Context]: 'app',
      [Input.File]: 'app/Dockerfile.prod',
      [Input.Labels]: 'org.opencontainers.image.title=App\nteam=core',
      [Input.Network]: 'host',
      [Input.NoCache]: 'true',
      [Input.NoCacheFilters]: 'deps,test',
      [Input.Outputs]: 'type=local,dest=out',
      [Input.Platforms]: 'linux/amd64',
      [Input.Pull]: 'true',
      [Input.Push]: 'true',
      [Input.ShmSize]: '2g',
      [Input.Ssh]: 'default',
      [Input.Tags]: 'ghcr.io/org/app:1.0,ghcr.io/org/app:latest',
      [Input.Target]: 'runtime',
      [Input.Ulimit]: 'nofile=1024:1024',
    };
    const argv = argvFor(values);
    expect(flagsOf(argv, notLayout)).toEqual(
      [
        '--add-host docker:10.180.0.1',
        '--add-host db:10.0.0.2',
        '--allow network.host',
        '--allow security.insecure',
        '--annotation index:org.opencontainers.image.description=My app, with a comma',
        '--annotation manifest:team=core',
        // provenance in attests: no default, and the run is named as builder.
        '--attest type=sbom,generator=image',
        `--attest type=provenance,mode=min,builder-id=${RUN_URL}`,
        '--build-arg PYTHON=3.12',
        '--build-arg EXTRAS=dev,test',
        '--build-context shared=./shared',
        '--build-context base=docker-image://python:3.12',
        '--cache-from type=registry,ref=ghcr.io/org/app:cache',
        '--cache-from ghcr.io/org/app:old-cache',
        '--cache-to type=registry,ref=ghcr.io/org/app:cache,mode=max',
        '--cgroup-parent ci.slice',
        '--label org.opencontainers.image.title=App',
        '--label team=core',
        '--network host',
        '--no-cache',
        '--no-cache-filter deps',
        '--no-cache-filter test',
        '--output type=local,dest=out',
        '--platform linux/amd64',
        '--pull',
        '--push',
        '--shm-size 2g',
        '--ssh default',
        '--tag ghcr.io/org/app:1.0',
        '--tag ghcr.io/org/app:latest',
        '--target runtime',
        '--ulimit nofile=1024:1024',
      ].sort(),
    );
    // build-push-action leaves out the image ID file when a local or tar output is asked for.
    expect(argv).not.toContain('--iidfile');
    expect(argv.at(-1)).toBe('app');
    expect(argv[argv.indexOf('--file') + 1]).toBe('app/Dockerfile.prod');
  });

  it.each<[string, RawInputs, string[]]>([
    [
      'add-hosts',
      { [Input.AddHosts]: 'a:1.2.3.4\nb=5.6.7.8' },
      ['--add-host a:1.2.3.4', '--add-host b=5.6.7.8'],
    ],
    [
      'allow',
      { [Input.Allow]: 'network.host,security.insecure' },
      ['--allow network.host', '--allow security.insecure'],
    ],
    ['annotations', { [Input.Annotations]: 'a=1,2' }, ['--annotation a=1,2']],
    ['build-contexts', { [Input.BuildContexts]: 'x=./x' }, ['--build-context x=./x']],
    ['cache-from', { [Input.CacheFrom]: 'type=gha' }, ['--cache-from type=gha']],
    ['cache-to', { [Input.CacheTo]: 'type=gha,mode=max' }, ['--cache-to type=gha,mode=max']],
    ['call', { [Input.Call]: 'check' }, ['--call check']],
    ['cgroup-parent', { [Input.CgroupParent]: '/actions' }, ['--cgroup-parent /actions']],
    ['no-cache', { [Input.NoCache]: 'true' }, ['--no-cache']],
    ['no-cache-filters', { [Input.NoCacheFilters]: 'a\nb' }, ['--no-cache-filter a', '--no-cache-filter b']],
    [
      'outputs',
      { [Input.Outputs]: 'type=image,name=r/x,push=true' },
      ['--output type=image,name=r/x,push=true'],
    ],
    ['pull', { [Input.Pull]: 'true' }, ['--pull']],
    ['shm-size', { [Input.ShmSize]: '512m' }, ['--shm-size 512m']],
    ['ssh', { [Input.Ssh]: 'default,github=/k' }, ['--ssh default', '--ssh github=/k']],
    [
      'ulimit',
      { [Input.Ulimit]: 'nofile=1024:1024\nnproc=512' },
      ['--ulimit nofile=1024:1024', '--ulimit nproc=512'],
    ],
  ])('%s maps to the same flags', (_name, values, expected) => {
    // provenance false keeps the default attestation out of these one-input comparisons, and
    // layer-cache none this action's own layer cache.
    const flags = flagsOf(
      argvFor({ [Input.Provenance]: 'false', [Input.LayerCache]: 'none', ...values }),
      notLayout,
    );
    expect(flags.filter((flag) => flag !== '--attest type=provenance,disabled=true')).toEqual(
      [...expected].sort(),
    );
  });

  it('passes nothing for an input left empty, and no-cache and pull default to false', () => {
    expect(flagsOf(argvFor({ [Input.Provenance]: 'false', [Input.LayerCache]: 'none' }))).toEqual([
      '--attest type=provenance,disabled=true',
    ]);
  });

  it('writes secret-envs and secret-files as build-push-action does', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dfb-secret-'));
    const file = path.join(dir, 'pip.conf');
    writeFileSync(file, '[global]\nindex-url = https://example.invalid/simple\n');
    expect(resolveSecretEnvSpecs(['npm=NPM_TOKEN', 'gh=GH_TOKEN'], {})).toEqual([
      'id=npm,env=NPM_TOKEN',
      'id=gh,env=GH_TOKEN',
    ]);
    expect(resolveSecretFileSpecs([`pip=${file}`])).toEqual([`id=pip,src=${file}`]);
    rmSync(dir, { recursive: true, force: true });
  });
});
