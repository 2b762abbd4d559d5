import type { ConcreteDriver } from '../domain/builder.js';

/** Which buildx builder runs the build, and whether the action creates (and later removes) it. */
export interface BuilderPlan {
  name: string;
  driver: ConcreteDriver;
  /** Arguments after `docker buildx` that create the builder; undefined when it already exists. */
  createArgs: string[] | undefined;
  removeAfterRun: boolean;
  /** Its BuildKit (and the cache mounts in it) lives on after the job: a remote one, or an existing builder. */
  outlivesJob: boolean;
  /**
   * It must be created or started, and so checked, before anything runs on it. The engine's own
   * BuildKit runs whenever the engine answers, which the engine probe has seen.
   */
  readyBeforeBuild: boolean;
  /**
   * Its BuildKit is new for this run and holds nothing: whatever goes in first pulls and unpacks the
   * base image, so an inject before the build waits for what the build would wait for anyway.
   */
  startsEmpty: boolean;
}

export interface BuilderFacts {
  existingBuilder: string;
  driver: ConcreteDriver;
  driverOpts: string[];
  endpoint: string;
  buildkitdConfig: string;
  /** A name unique to this run, for a builder the action creates. */
  newBuilderName: string;
}

export function planBuilder(facts: BuilderFacts): BuilderPlan {
  if (facts.existingBuilder) {
    return {
      name: facts.existingBuilder,
      driver: facts.driver,
      createArgs: undefined,
      removeAfterRun: false,
      outlivesJob: facts.driver !== 'docker',
      readyBeforeBuild: true,
      startsEmpty: false,
    };
  }
  if (facts.driver === 'docker') {
    // The docker driver is the engine's own BuildKit: its builder is named after the docker context.
    return {
      name: facts.endpoint || 'default',
      driver: 'docker',
      createArgs: undefined,
      removeAfterRun: false,
      // On a hosted runner the engine is as new as the job; not worth asking.
      outlivesJob: false,
      readyBeforeBuild: false,
      startsEmpty: false,
    };
  }
  const createArgs = ['create', '--name', facts.newBuilderName, '--driver', facts.driver];
  for (const opt of facts.driverOpts) createArgs.push('--driver-opt', opt);
  if (facts.buildkitdConfig) createArgs.push('--buildkitd-config', facts.buildkitdConfig);
  // Started as it is created, as setup-buildx does: the build then finds it running.
  createArgs.push('--bootstrap');
  if (facts.endpoint) createArgs.push(facts.endpoint);
  // A remote builder is only a buildx entry for a BuildKit that keeps running; created pods and
  // containers go with the builder.
  return {
    name: facts.newBuilderName,
    driver: facts.driver,
    createArgs,
    removeAfterRun: true,
    outlivesJob: facts.driver === 'remote',
    readyBeforeBuild: true,
    startsEmpty: facts.driver !== 'remote',
  };
}

// What a builder this action creates is called: the post step removes nothing else, whatever its
// state says (a state that reached the runner some other way cannot make it remove a user's builder).
const OWN_BUILDER_NAME = /^dfb-[A-Za-z0-9]{1,40}-[0-9a-f]{6}$/;

/** `runId` is GITHUB_RUN_ID (digits); `random` six hex digits. */
export function newBuilderName(runId: string, random: string): string {
  const name = `dfb-${/^[A-Za-z0-9]{1,40}$/.test(runId) ? runId : 'local'}-${random}`;
  if (!OWN_BUILDER_NAME.test(name)) throw new Error(`newBuilderName: '${random}' is not six hex digits`);
  return name;
}

export function isOwnBuilderName(name: string): boolean {
  return OWN_BUILDER_NAME.test(name);
}
