import {
  isOwnBuilderName,
  newBuilderName,
  planBuilder,
  type BuilderFacts,
} from '../../src/buildx/builder-plan.js';

function facts(overrides: Partial<BuilderFacts> = {}): BuilderFacts {
  return {
    existingBuilder: '',
    driver: 'docker-container',
    driverOpts: [],
    endpoint: '',
    buildkitdConfig: '',
    newBuilderName: 'dfb-1234-1',
    ...overrides,
  };
}

describe('planBuilder', () => {
  it('uses an existing builder as it is and never removes it', () => {
    const plan = planBuilder(
      facts({ existingBuilder: 'shared', driverOpts: ['network=host'], endpoint: 'tcp://bk:1234' }),
    );
    expect(plan).toEqual({
      name: 'shared',
      driver: 'docker-container',
      createArgs: undefined,
      removeAfterRun: false,
      outlivesJob: true,
      readyBeforeBuild: true,
      // Its BuildKit may hold the base already: an inject before the build is not hidden.
      startsEmpty: false,
    });
  });

  it("docker driver: uses the 'default' builder and creates nothing", () => {
    expect(planBuilder(facts({ driver: 'docker', driverOpts: ['x=y'] }))).toEqual({
      name: 'default',
      driver: 'docker',
      createArgs: undefined,
      removeAfterRun: false,
      outlivesJob: false,
      // The engine probe has already reached it: its inspect need not hold up the build.
      readyBeforeBuild: false,
      startsEmpty: false,
    });
  });

  it('docker driver: the endpoint names the docker context to use', () => {
    const plan = planBuilder(facts({ driver: 'docker', endpoint: 'remote-engine' }));
    expect(plan.name).toBe('remote-engine');
    expect(plan.createArgs).toBeUndefined();
    expect(plan.removeAfterRun).toBe(false);
  });

  it('docker-container: creates a builder of its own with every option, and removes it afterwards', () => {
    const plan = planBuilder(
      facts({
        driverOpts: ['image=moby/buildkit:v0.20.0', 'network=host'],
        buildkitdConfig: '/tmp/buildkitd.toml',
      }),
    );
    expect(plan).toEqual({
      name: 'dfb-1234-1',
      driver: 'docker-container',
      createArgs: [
        'create',
        '--name',
        'dfb-1234-1',
        '--driver',
        'docker-container',
        '--driver-opt',
        'image=moby/buildkit:v0.20.0',
        '--driver-opt',
        'network=host',
        '--buildkitd-config',
        '/tmp/buildkitd.toml',
        '--bootstrap',
      ],
      removeAfterRun: true,
      outlivesJob: false,
      readyBeforeBuild: true,
      startsEmpty: true,
    });
  });

  it('docker-container without options: only name and driver, started as it is created', () => {
    expect(planBuilder(facts()).createArgs).toEqual([
      'create',
      '--name',
      'dfb-1234-1',
      '--driver',
      'docker-container',
      '--bootstrap',
    ]);
  });

  it('remote: the endpoint comes last', () => {
    const plan = planBuilder(
      facts({ driver: 'remote', endpoint: 'tcp://buildkitd.internal:1234', driverOpts: ['cacert=/ca.pem'] }),
    );
    expect(plan.createArgs).toEqual([
      'create',
      '--name',
      'dfb-1234-1',
      '--driver',
      'remote',
      '--driver-opt',
      'cacert=/ca.pem',
      '--bootstrap',
      'tcp://buildkitd.internal:1234',
    ]);
    expect(plan.removeAfterRun).toBe(true);
    // The buildx entry goes; the BuildKit behind it, with its cache mounts, stays.
    expect(plan.outlivesJob).toBe(true);
    expect(plan.startsEmpty).toBe(false);
    expect(plan.driver).toBe('remote');
  });

  it('kubernetes: created with its driver options and removed afterwards', () => {
    const plan = planBuilder(
      facts({ driver: 'kubernetes', driverOpts: ['namespace=ci', 'replicas=2'], buildkitdConfig: 'bk.toml' }),
    );
    expect(plan.createArgs).toEqual([
      'create',
      '--name',
      'dfb-1234-1',
      '--driver',
      'kubernetes',
      '--driver-opt',
      'namespace=ci',
      '--driver-opt',
      'replicas=2',
      '--buildkitd-config',
      'bk.toml',
      '--bootstrap',
    ]);
    expect(plan.name).toBe('dfb-1234-1');
    expect(plan.removeAfterRun).toBe(true);
    expect(plan.outlivesJob).toBe(false);
  });
});

describe('newBuilderName / isOwnBuilderName', () => {
  it('names a builder after the run, and knows it again', () => {
    const name = newBuilderName('987654', 'a1b2c3');
    expect(name).toBe('dfb-987654-a1b2c3');
    expect(isOwnBuilderName(name)).toBe(true);
  });

  it('falls back to "local" when there is no usable run id', () => {
    expect(newBuilderName('', 'a1b2c3')).toBe('dfb-local-a1b2c3');
    expect(newBuilderName('1; rm -rf /', 'a1b2c3')).toBe('dfb-local-a1b2c3');
  });

  it.each(['default', 'dfb-1-a1b2c', 'dfb-1-a1b2c3\n', 'x-dfb-1-a1b2c3', ''])(
    'does not take %j for its own',
    (name) => {
      expect(isOwnBuilderName(name)).toBe(false);
    },
  );
});
