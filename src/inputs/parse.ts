import { Util } from '@docker/actions-toolkit/lib/util.js';

import { Input, RelayInput, type InputName, type RelayInputName } from '../constants.js';
import { DRIVERS, type Driver } from '../domain/builder.js';
import {
  CACHE_BACKENDS,
  RESTORE_SETTINGS,
  SAVE_SETTINGS,
  type CacheBackend,
  type RestoreSetting,
  type SaveSetting,
} from '../domain/dependency-cache.js';
import {
  CACHE_MODES,
  LAYER_CACHES,
  PULL_REQUEST_LAYER_CACHE,
  type CacheMode,
  type LayerCacheKind,
  type PullRequestLayerCache,
} from '../domain/layer-cache.js';
import {
  COMMENT_MODES,
  type CommentMode,
  type NoiseThreshold,
  type SizeIncreaseLimit,
} from '../domain/report.js';
import { parseByteSize } from '../units.js';

export interface Inputs extends BuildPushInputs {
  builder: string;
  driver: Driver;
  driverOpts: string[];
  endpoint: string;
  buildkitdConfig: string;
  context: string;
  file: string;
  tags: string[];
  push: boolean;
  load: boolean;
  platforms: string[];
  buildArgs: string[];
  target: string;
  labels: string[];
  secrets: string[];
  network: string;
  image: string;
  /** Where the layer cache's tags (and the registry backend's dependency caches) go instead of beside the image. */
  layerCacheRepository: string;
  /** Resolved: `registry` when an image or layer-cache-repository is set and the input is empty, else `gha`. */
  layerCache: LayerCacheKind;
  layerCacheMode: CacheMode;
  /** What a pull request writes to the gha layer cache: its own scope with mode=min, with layer-cache-mode, or nothing. */
  pullRequestLayerCache: PullRequestLayerCache;
  /** The directory of the `local` layer cache and the `local` dependency cache backend. */
  localCacheDir: string;
  dependencyCache: string;
  dependencyCacheBackend: CacheBackend;
  /** Globs of the files the dependency cache key is computed from; empty for the defaults. */
  dependencyCacheLockfiles: string[];
  dependencyCacheMaxSize: number;
  /** `auto`: skip a restore the layer cache makes useless or that costs more than it saves; `true`: always; `false`: never (still save). */
  restoreCache: RestoreSetting;
  /**
   * `auto`: save caches and the base report unless the run may build a pull request's head in a
   * branch's scope (see cache/save-policy.ts); `true`: save there too; `false`: restore only.
   */
  saveCache: SaveSetting;
  /** Seconds one dependency cache (or stored report) transfer, or the builder prune, may take before the job goes on without it. */
  dependencyCacheTimeoutSeconds: number;
  /** After the build, prune the builder's cache to this many bytes (`docker buildx prune --max-used-space`). */
  builderMaxUsedSpace: number | undefined;
  comment: CommentMode;
  githubToken: string;
  advice: boolean;
  /** Advice rule ids silenced for the whole repository. */
  adviceIgnore: string[];
  sizeBudget: number | undefined;
  maxSizeIncrease: SizeIncreaseLimit | undefined;
  /** How many of a branch's reports the trend keeps; 0 keeps none. */
  trendLength: number;
  /** A pull request label that turns a tripped size gate into a warning; '' for none. */
  sizeOverrideLabel: string;
  /** Size changes below both of these are noise: never marked in the report. */
  minSizeChange: NoiseThreshold;
  /** Image names (tags, image, layer-cache-repository) given with capitals, as written; they are used lower-cased. */
  lowerCased: string[];
}

/** Bad input: the message names the input and the form it expects. */
export class InputError extends Error {
  constructor(
    readonly input: InputName | RelayInputName,
    message: string,
  ) {
    super(`Input '${input}': ${message}`);
    this.name = 'InputError';
  }
}

export type ReadInput = (name: InputName) => string;

const DEFAULT_DEPENDENCY_CACHE_MAX_SIZE = 2e9;

/** What the inputs are checked against that other modules own. */
export interface KnownValues {
  /** Every advice rule id, for `advice-ignore`. */
  adviceRules: readonly string[];
}

/**
 * Turns the raw input strings into one typed, validated object, with every check that involves more
 * than one input; throws InputError on the first bad one. Checks that need the workspace are in
 * workspace.ts and lockfiles.ts.
 */
export function parseInputs(read: ReadInput, known: KnownValues): Inputs {
  const text = (name: InputName) => read(name).trim();
  // '#' starts a comment only at the start of a line: values such as COLOR=#fff keep theirs.
  const listOf = (name: InputName, ignoreComma: boolean) =>
    Util.getList(read(name), { ignoreComma, comment: '#', commentNoInfix: true, quote: false })
      .map((item) => item.trim())
      .filter((item) => item !== '' && !item.startsWith('#'));
  const list = (name: InputName) => listOf(name, false);
  const lines = (name: InputName) => listOf(name, true);

  // Registries take repository names in lower case only; `ghcr.io/${{ github.repository }}` often has capitals.
  const lowerCased: string[] = [];
  const lowered = (ref: string) => {
    const lower = lowerCaseRepository(ref);
    if (lower !== ref) lowerCased.push(ref);
    return lower;
  };
  const image = lowered(text(Input.Image));
  const layerCacheRepository = lowered(text(Input.LayerCacheRepository));
  if (image && !isImageRepository(image)) {
    throw new InputError(
      Input.Image,
      `expected an image repository without tag or digest, e.g. ghcr.io/acme/app; got '${image}'`,
    );
  }
  if (layerCacheRepository && !isImageRepository(layerCacheRepository)) {
    throw new InputError(
      Input.LayerCacheRepository,
      `expected a repository for the cache tags without tag or digest, e.g. ghcr.io/acme/app-cache; got '${layerCacheRepository}'`,
    );
  }
  const layerCacheText = text(Input.LayerCache);
  const layerCache = layerCacheText
    ? oneOf(Input.LayerCache, layerCacheText, LAYER_CACHES)
    : image || layerCacheRepository
      ? 'registry'
      : 'gha';
  if (layerCache === 'registry' && !image && !layerCacheRepository) {
    throw new InputError(
      Input.LayerCache,
      `'registry' needs the '${Input.Image}' or '${Input.LayerCacheRepository}' input`,
    );
  }

  const driver = oneOf(Input.Driver, text(Input.Driver) || 'auto', DRIVERS);
  const endpoint = text(Input.Endpoint);
  if (driver === 'remote' && !endpoint && !text(Input.Builder)) {
    throw new InputError(
      Input.Endpoint,
      `the 'remote' driver needs an endpoint, e.g. tcp://buildkitd.internal:1234`,
    );
  }

  const dependencyCacheBackend = oneOf(
    Input.DependencyCacheBackend,
    text(Input.DependencyCacheBackend) || 'gha',
    CACHE_BACKENDS,
  );
  const localCacheDir = text(Input.LocalCacheDir);
  if (dependencyCacheBackend === 'registry' && !image && !layerCacheRepository) {
    throw new InputError(
      Input.DependencyCacheBackend,
      `'registry' needs the '${Input.Image}' or '${Input.LayerCacheRepository}' input (the repository its cache images are pushed to), e.g. image: ghcr.io/acme/app`,
    );
  }
  if (!localCacheDir && (dependencyCacheBackend === 'local' || layerCache === 'local')) {
    const needs =
      dependencyCacheBackend === 'local'
        ? `'${Input.DependencyCacheBackend}: local'`
        : `'${Input.LayerCache}: local'`;
    throw new InputError(
      Input.LocalCacheDir,
      `${needs} needs a directory, e.g. /var/cache/docker-fast-build`,
    );
  }
  const adviceIgnore = list(Input.AdviceIgnore);
  const unknownRule = adviceIgnore.find((rule) => !known.adviceRules.includes(rule));
  if (unknownRule !== undefined) {
    throw new InputError(
      Input.AdviceIgnore,
      `expected advice rule ids (${known.adviceRules.join(', ')}); got '${unknownRule}'`,
    );
  }

  const sizeBudgetText = text(Input.SizeBudget);
  const maxIncreaseText = text(Input.MaxSizeIncrease);
  const maxSizeText = text(Input.DependencyCacheMaxSize);
  const builderMaxUsedSpaceText = text(Input.BuilderMaxUsedSpace);
  const context = text(Input.Context) || '.';

  return {
    builder: text(Input.Builder),
    driver,
    driverOpts: lines(Input.DriverOpts),
    endpoint,
    buildkitdConfig: text(Input.BuildkitdConfig),
    context,
    file: text(Input.File),
    tags: list(Input.Tags).map(lowered),
    push: bool(Input.Push, read(Input.Push), false),
    load: bool(Input.Load, read(Input.Load), false),
    platforms: list(Input.Platforms),
    buildArgs: lines(Input.BuildArgs),
    target: text(Input.Target),
    labels: lines(Input.Labels),
    secrets: lines(Input.Secrets),
    network: text(Input.Network),
    image,
    layerCacheRepository,
    layerCache,
    layerCacheMode: oneOf(Input.LayerCacheMode, text(Input.LayerCacheMode) || 'max', CACHE_MODES),
    pullRequestLayerCache: oneOf(
      Input.PullRequestLayerCache,
      text(Input.PullRequestLayerCache) || 'min',
      PULL_REQUEST_LAYER_CACHE,
    ),
    localCacheDir,
    dependencyCache: text(Input.DependencyCache) || 'auto',
    dependencyCacheBackend,
    dependencyCacheLockfiles: lines(Input.DependencyCacheLockfiles),
    dependencyCacheMaxSize: maxSizeText
      ? byteSize(Input.DependencyCacheMaxSize, maxSizeText)
      : DEFAULT_DEPENDENCY_CACHE_MAX_SIZE,
    restoreCache: oneOf(
      Input.RestoreCache,
      text(Input.RestoreCache).toLowerCase() || 'auto',
      RESTORE_SETTINGS,
    ),
    saveCache: oneOf(Input.SaveCache, text(Input.SaveCache).toLowerCase() || 'auto', SAVE_SETTINGS),
    dependencyCacheTimeoutSeconds: positiveNumber(
      Input.DependencyCacheTimeout,
      text(Input.DependencyCacheTimeout) || '600',
    ),
    builderMaxUsedSpace: builderMaxUsedSpaceText
      ? byteSize(Input.BuilderMaxUsedSpace, builderMaxUsedSpaceText)
      : undefined,
    comment: oneOf(Input.Comment, text(Input.Comment) || 'auto', COMMENT_MODES),
    githubToken: text(Input.GithubToken),
    advice: bool(Input.Advice, read(Input.Advice), true),
    adviceIgnore,
    sizeBudget: sizeBudgetText ? byteSize(Input.SizeBudget, sizeBudgetText) : undefined,
    maxSizeIncrease: maxIncreaseText ? sizeIncrease(maxIncreaseText) : undefined,
    sizeOverrideLabel: text(Input.SizeOverrideLabel),
    trendLength: count(Input.TrendLength, text(Input.TrendLength) || '10', 100),
    minSizeChange: {
      bytes: nonNegativeSize(Input.MinSizeChange, text(Input.MinSizeChange) || '1MB'),
      percent: percentage(Input.MinSizeChangePercent, text(Input.MinSizeChangePercent) || '1'),
    },
    lowerCased,
    ...parseBuildPushInputs(read),
  };
}

export interface RelayInputs {
  /** What download-artifact left: an artifact's directory, its pr-report.json, or a directory of artifact directories. */
  artifactPath: string;
  githubToken: string;
}

/** The comment-from-artifact sub-action's inputs; it reads none of the build's. */
export function parseRelayInputs(read: (name: RelayInputName) => string): RelayInputs {
  const artifactPath = read(RelayInput.ArtifactPath).trim();
  if (!artifactPath) {
    throw new InputError(
      RelayInput.ArtifactPath,
      `expected the directory download-artifact wrote the report artifact to (or its pr-report.json), e.g. pr-report`,
    );
  }
  return { artifactPath, githubToken: read(RelayInput.GithubToken).trim() };
}

function oneOf<T extends string>(input: InputName, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(input, `expected one of ${allowed.join(', ')}; got '${value}'`);
}

function bool(input: InputName, raw: string, fallback: boolean): boolean {
  const value = raw.trim().toLowerCase();
  if (value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InputError(input, `expected true or false; got '${raw.trim()}'`);
}

// setTimeout holds at most 2^31-1 ms; beyond that it fires at once, and every restore would "time out".
const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

function positiveNumber(input: InputName, value: string): number {
  const number = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || number <= 0 || number > MAX_TIMEOUT_SECONDS) {
    throw new InputError(
      input,
      `expected a positive number of seconds such as 600, at most ${MAX_TIMEOUT_SECONDS} (24 days); got '${value}'`,
    );
  }
  return number;
}

function byteSize(input: InputName, value: string): number {
  const bytes = parseByteSize(value);
  if (bytes === undefined || bytes <= 0) {
    throw new InputError(input, `expected a positive size such as 500MB or 1.5GiB; got '${value}'`);
  }
  return bytes;
}

function count(input: InputName, value: string, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) > max) {
    throw new InputError(input, `expected a whole number from 0 to ${max}; got '${value}'`);
  }
  return Number(value);
}

function nonNegativeSize(input: InputName, value: string): number {
  const bytes = parseByteSize(value);
  if (bytes === undefined) {
    throw new InputError(input, `expected a size such as 1MB, 500kB or 0; got '${value}'`);
  }
  return bytes;
}

function percentage(input: InputName, value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*%?$/.exec(value);
  if (!match) throw new InputError(input, `expected a percentage such as 1 or 0.5; got '${value}'`);
  return Number(match[1]);
}

function sizeIncrease(value: string): SizeIncreaseLimit {
  const percent = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  if (percent) return { percent: Number(percent[1]) };
  const bytes = parseByteSize(value);
  if (bytes === undefined) {
    throw new InputError(
      Input.MaxSizeIncrease,
      `expected a percentage such as 5% or a size such as 20MB; got '${value}'`,
    );
  }
  return { bytes };
}

/** A repository reference such as ghcr.io/org/app or 127.0.0.1:5000/app: no tag, no digest, lower case. */
export function isImageRepository(ref: string): boolean {
  if (ref.includes('@')) return false;
  const lastSlash = ref.lastIndexOf('/');
  if (ref.slice(lastSlash + 1).includes(':')) return false;
  return /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(
    ref,
  );
}

/**
 * `ghcr.io/Org/App:Tag` → `ghcr.io/org/app:Tag`: the registry and repository in lower case, as
 * registries require; the tag (case matters there) and any digest as written.
 */
export function lowerCaseRepository(ref: string): string {
  const at = ref.indexOf('@');
  const named = at === -1 ? ref : ref.slice(0, at);
  const digest = at === -1 ? '' : ref.slice(at);
  const colon = named.indexOf(':', named.lastIndexOf('/') + 1);
  const repository = colon === -1 ? named : named.slice(0, colon);
  const tag = colon === -1 ? '' : named.slice(colon);
  return `${repository.toLowerCase()}${tag}${digest}`;
}

// ---- docker/build-push-action's inputs: same names, same list splitting, same defaults ----

/** build-push-action's inputs that pass through to buildx, split the way it splits them. */
export interface BuildPushInputs {
  addHosts: string[];
  allow: string[];
  annotations: string[];
  attests: string[];
  buildContexts: string[];
  /** Explicit layer caches: given, they replace the planned layer cache (see buildx/plan.ts). */
  cacheFrom: string[];
  cacheTo: string[];
  /** `--call` (e.g. check); '' builds. */
  call: string;
  cgroupParent: string;
  noCache: boolean;
  noCacheFilters: string[];
  /** `--output` specs; given, the planned `--load` for the docker driver is left out. */
  outputs: string[];
  /** '' (the default provenance applies), 'true', 'false' or attributes such as mode=max. */
  provenance: string;
  pull: boolean;
  /** '' (none), a boolean as buildx reads one, or attributes such as generator=image. */
  sbom: string;
  /** `id=ENV_NAME`: buildx reads the variable itself. */
  secretEnvs: string[];
  /** `id=path`. */
  secretFiles: string[];
  shmSize: string;
  ssh: string[];
  ulimit: string[];
}

/** A spec's `key=value` fields, split as buildx splits them (a value may itself hold '='). */
export function specFields(spec: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const field of spec.split(',')) {
    const equals = field.indexOf('=');
    if (equals > 0) fields.set(field.slice(0, equals).trim(), field.slice(equals + 1).trim());
  }
  return fields;
}

// Go's strconv.ParseBool, which buildx uses for attestation switches such as `sbom: true`.
const GO_BOOLEANS = ['1', 't', 'T', 'true', 'TRUE', 'True', '0', 'f', 'F', 'false', 'FALSE', 'False'];

export function parseBuildPushInputs(read: ReadInput): BuildPushInputs {
  const text = (name: InputName) => read(name).trim();
  // build-push-action splits each list with the toolkit's Util.getInputList and these options; a
  // line starting with '#' is a comment here, as in every other list input of this action.
  const listOf = (name: InputName, options: { ignoreComma?: boolean; quote?: false } = {}) =>
    Util.getList(read(name), { ...options, comment: '#', commentNoInfix: true })
      .map((item) => item.trim())
      .filter((item) => item !== '' && !item.startsWith('#'));
  // Each entry must match; the error names the input, the form and an example.
  const checked = (
    name: InputName,
    items: string[],
    valid: (item: string) => boolean,
    form: string,
    { showValue = true } = {},
  ) => {
    const index = items.findIndex((item) => !valid(item));
    if (index !== -1) {
      const got = showValue ? `'${items[index]}'` : `entry ${index + 1} (not shown: it names a secret)`;
      throw new InputError(name, `expected ${form}; got ${got}`);
    }
    return items;
  };
  const keyValue = (item: string) => /^[^=\s][^=]*=./s.test(item);
  const typedSpec = (item: string) => specFields(item).has('type');
  // A cache or output spec: `type=…` fields, or a bare reference / path buildx reads as the default type.
  const specOrBare = (item: string) => (item.includes('=') ? typedSpec(item) : !/\s/.test(item));
  const attributes = (item: string) =>
    item
      .split(',')
      .every((field) => GO_BOOLEANS.includes(field.trim()) || /^[a-z][\w.-]*=/i.test(field.trim()));

  const provenanceText = text(Input.Provenance);
  // core.getBooleanInput's spellings, as build-push-action reads this one.
  const provenanceBool = ['true', 'True', 'TRUE', 'false', 'False', 'FALSE'].includes(provenanceText);
  if (provenanceText && !provenanceBool && !attributes(provenanceText)) {
    throw new InputError(
      Input.Provenance,
      `expected true, false or attributes such as mode=max or mode=min,inline-only=true; got '${provenanceText}'`,
    );
  }
  const sbom = text(Input.Sbom);
  if (sbom && !attributes(sbom)) {
    throw new InputError(
      Input.Sbom,
      `expected true, false or attributes such as generator=image; got '${sbom}'`,
    );
  }
  const call = text(Input.Call);
  if (call && !/^[a-z][a-z.-]*(,[^\s]*)?$/.test(call)) {
    throw new InputError(Input.Call, `expected a method such as check, outline or targets; got '${call}'`);
  }
  const shmSize = text(Input.ShmSize);
  // docker's RAMInBytes: a number with an optional unit, e.g. 2g, 512m, 1.5GiB.
  if (shmSize && !/^\d+(\.\d+)? ?[kmgtp]?i?b?$/i.test(shmSize)) {
    throw new InputError(Input.ShmSize, `expected a size such as 2g or 512m; got '${shmSize}'`);
  }

  return {
    addHosts: checked(
      Input.AddHosts,
      listOf(Input.AddHosts),
      (item) => /^[^\s:=]+[:=]\S+$/.test(item),
      'host:ip entries, e.g. docker:10.180.0.1',
    ),
    allow: checked(
      Input.Allow,
      listOf(Input.Allow),
      (item) => /^[a-z][a-z.]*(=\S+)?$/.test(item),
      'entitlements such as network.host or security.insecure',
    ),
    annotations: checked(
      Input.Annotations,
      listOf(Input.Annotations, { ignoreComma: true }),
      keyValue,
      'key=value lines, e.g. index:org.opencontainers.image.description=My app',
    ),
    attests: checked(
      Input.Attests,
      listOf(Input.Attests, { ignoreComma: true }),
      typedSpec,
      'type=… lines, e.g. type=sbom,generator=image',
    ),
    buildContexts: checked(
      Input.BuildContexts,
      listOf(Input.BuildContexts, { ignoreComma: true }),
      keyValue,
      'name=source lines, e.g. shared=./shared or base=docker-image://python:3.12',
    ),
    cacheFrom: checked(
      Input.CacheFrom,
      listOf(Input.CacheFrom, { ignoreComma: true }),
      specOrBare,
      'cache sources, one per line, e.g. type=registry,ref=ghcr.io/acme/app:cache or ghcr.io/acme/app:cache',
    ),
    cacheTo: checked(
      Input.CacheTo,
      listOf(Input.CacheTo, { ignoreComma: true }),
      specOrBare,
      'cache destinations, one per line, e.g. type=registry,ref=ghcr.io/acme/app:cache,mode=max',
    ),
    call,
    cgroupParent: text(Input.CgroupParent),
    noCache: bool(Input.NoCache, read(Input.NoCache), false),
    noCacheFilters: checked(
      Input.NoCacheFilters,
      listOf(Input.NoCacheFilters),
      (item) => /^[A-Za-z0-9][\w.-]*$/.test(item),
      'stage names, e.g. deps,test',
    ),
    outputs: checked(
      Input.Outputs,
      listOf(Input.Outputs, { ignoreComma: true, quote: false }),
      specOrBare,
      'output specs, one per line, e.g. type=local,dest=out',
    ),
    provenance: provenanceBool ? provenanceText.toLowerCase() : provenanceText,
    pull: bool(Input.Pull, read(Input.Pull), false),
    sbom,
    secretEnvs: checked(
      Input.SecretEnvs,
      listOf(Input.SecretEnvs),
      (item) => /^[^=\s]+=[A-Za-z_][A-Za-z0-9_]*$/.test(item),
      'id=ENV_NAME entries, e.g. npm_token=NPM_TOKEN',
      { showValue: false },
    ),
    secretFiles: checked(
      Input.SecretFiles,
      listOf(Input.SecretFiles, { ignoreComma: true }),
      keyValue,
      'id=path lines, e.g. pip_conf=./pip.conf',
      { showValue: false },
    ),
    shmSize,
    ssh: checked(
      Input.Ssh,
      listOf(Input.Ssh),
      (item) => /^[\w.-]+(=\S+)?$/.test(item),
      'default or id=path entries, e.g. default or github=/home/runner/.ssh/id_ed25519',
    ),
    ulimit: checked(
      Input.Ulimit,
      listOf(Input.Ulimit, { ignoreComma: true }),
      (item) => /^[a-z]+=-?\d+(:-?\d+)?$/.test(item),
      'type=soft[:hard] lines, e.g. nofile=1024:1024',
    ),
  };
}
