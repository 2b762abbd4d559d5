import { Input, RelayInput, type InputName } from '../../src/constants.js';
import { ALL_RULES } from '../../src/advice/rules/index.js';
import {
  InputError,
  isImageRepository,
  lowerCaseRepository,
  parseInputs,
  parseRelayInputs,
} from '../../src/inputs/parse.js';

type RawInputs = Partial<Record<InputName, string>>;

/** The action's input reader over plain values: anything not given is empty, as on a runner. */
function parse(values: RawInputs = {}) {
  return parseInputs((name) => values[name] ?? '', { adviceRules: ['heavy-base-image', 'unpinned-base'] });
}

/** The InputError that parsing these values throws; fails the test when nothing is thrown. */
function inputErrorOf(values: RawInputs): InputError {
  try {
    parse(values);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error(`expected parseInputs to throw for ${JSON.stringify(values)}`);
}

describe('parseInputs defaults', () => {
  it('fills every default when nothing is set', () => {
    const inputs = parse();
    expect(inputs).toMatchObject({
      builder: '',
      driver: 'auto',
      layerCache: 'gha',
      layerCacheMode: 'max',
      dependencyCacheBackend: 'gha',
      dependencyCache: 'auto',
      comment: 'auto',
      advice: true,
      push: false,
      load: false,
      context: '.',
      dependencyCacheMaxSize: 2e9,
      sizeBudget: undefined,
      maxSizeIncrease: undefined,
    });
    expect(inputs.tags).toEqual([]);
    expect(inputs.buildArgs).toEqual([]);
  });

  it('uses the registry layer cache when an image is set', () => {
    expect(parse({ [Input.Image]: 'ghcr.io/org/app' }).layerCache).toBe('registry');
  });

  it('uses the registry layer cache when only a layer-cache-repository is set', () => {
    expect(parse({ [Input.LayerCacheRepository]: 'ghcr.io/org/app-cache' }).layerCache).toBe('registry');
  });

  it('keeps an explicit layer cache even when an image is set', () => {
    expect(parse({ [Input.Image]: 'ghcr.io/org/app', [Input.LayerCache]: 'inline' }).layerCache).toBe(
      'inline',
    );
  });

  it('trims surrounding whitespace from plain values', () => {
    const inputs = parse({ [Input.Image]: '  ghcr.io/org/app \n', [Input.Context]: ' ./app ' });
    expect(inputs.image).toBe('ghcr.io/org/app');
    expect(inputs.context).toBe('./app');
  });
});

describe('parseInputs lists', () => {
  it('splits tags on commas and newlines and drops # comment lines', () => {
    const inputs = parse({
      [Input.Tags]: 'ghcr.io/org/app:1,ghcr.io/org/app:latest\n# old tag\nexample/app:2\n',
    });
    expect(inputs.tags).toEqual(['ghcr.io/org/app:1', 'ghcr.io/org/app:latest', 'example/app:2']);
  });

  it('splits platforms on commas', () => {
    expect(parse({ [Input.Platforms]: 'linux/amd64, linux/arm64' }).platforms).toEqual([
      'linux/amd64',
      'linux/arm64',
    ]);
  });

  it('splits build-args on newlines only, keeping commas and quotes in values', () => {
    const inputs = parse({
      [Input.BuildArgs]: 'EXTRAS=dev,test\n# a comment line\nGREETING="hello, world"\nPLAIN=1\n',
    });
    expect(inputs.buildArgs).toEqual(['EXTRAS=dev,test', 'GREETING="hello, world"', 'PLAIN=1']);
  });

  it('splits labels, secrets, driver-opts and lockfiles on newlines only', () => {
    const inputs = parse({
      [Input.Labels]: 'a=1,2\nb=3',
      [Input.Secrets]: 'id=token,src=/tmp/token\nid=npm,env=NPM_TOKEN',
      [Input.DriverOpts]: 'image=moby/buildkit:v0.20.0\nnetwork=host',
      [Input.DependencyCacheLockfiles]: 'requirements.txt\nuv.lock',
    });
    expect(inputs.labels).toEqual(['a=1,2', 'b=3']);
    expect(inputs.secrets).toEqual(['id=token,src=/tmp/token', 'id=npm,env=NPM_TOKEN']);
    expect(inputs.driverOpts).toEqual(['image=moby/buildkit:v0.20.0', 'network=host']);
    expect(inputs.dependencyCacheLockfiles).toEqual(['requirements.txt', 'uv.lock']);
  });
});

describe("parseInputs: '#' starts a comment only at the start of a line", () => {
  it('keeps values that contain #', () => {
    const inputs = parse({ [Input.BuildArgs]: 'COLOR=#fff\nPASSWORD=abc#123\nURL=https://x.example/#frag' });
    expect(inputs.buildArgs).toEqual(['COLOR=#fff', 'PASSWORD=abc#123', 'URL=https://x.example/#frag']);
  });

  it('drops comment lines, indented ones too, without leaving empty items', () => {
    const inputs = parse({ [Input.Labels]: '# owner\n  # indented note\nteam=core\n\n' });
    expect(inputs.labels).toEqual(['team=core']);
  });
});

describe('parseInputs booleans and sizes', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    [' false ', false],
    ['False', false],
  ])('reads push %j as %j', (raw, expected) => {
    expect(parse({ [Input.Push]: raw }).push).toBe(expected);
  });

  it('turns advice off with false', () => {
    expect(parse({ [Input.Advice]: 'false' }).advice).toBe(false);
  });

  it('rejects a boolean that is neither true nor false, naming the input', () => {
    const error = inputErrorOf({ [Input.Load]: 'yes' });
    expect(error.input).toBe(Input.Load);
    expect(error.message).toBe("Input 'load': expected true or false; got 'yes'");
  });

  it('reads size-budget and dependency-cache-max-size as byte sizes', () => {
    const inputs = parse({ [Input.SizeBudget]: '500MB', [Input.DependencyCacheMaxSize]: '1.5GiB' });
    expect(inputs.sizeBudget).toBe(500e6);
    expect(inputs.dependencyCacheMaxSize).toBe(1.5 * 1024 ** 3);
  });

  it('reads the size override label, none unless given (action.yml gives size-increase-ok)', () => {
    expect(parse({}).sizeOverrideLabel).toBe('');
    expect(parse({ [Input.SizeOverrideLabel]: ' big-is-fine ' }).sizeOverrideLabel).toBe('big-is-fine');
  });

  it('reads trend-length, 10 by default, refusing what is not a count', () => {
    expect(parse({}).trendLength).toBe(10);
    expect(parse({ [Input.TrendLength]: '0' }).trendLength).toBe(0);
    expect(() => parse({ [Input.TrendLength]: 'lots' })).toThrow("Input 'trend-length'");
  });

  it('reads what the comment-from-artifact sub-action needs, naming its input when the path is missing', () => {
    const read = (values: Record<string, string>) => (name: string) => values[name] ?? '';
    expect(() => parseRelayInputs(read({}))).toThrow("Input 'artifact-path': expected the directory");
    expect(
      parseRelayInputs(read({ [RelayInput.ArtifactPath]: ' pr-report ', [RelayInput.GithubToken]: 't' })),
    ).toEqual({ artifactPath: 'pr-report', githubToken: 't' });
  });

  it('reads the noise threshold, 1 MB and 1% by default', () => {
    expect(parse({}).minSizeChange).toEqual({ bytes: 1e6, percent: 1 });
    expect(parse({ [Input.MinSizeChange]: '0', [Input.MinSizeChangePercent]: '0.5%' }).minSizeChange).toEqual(
      { bytes: 0, percent: 0.5 },
    );
  });

  it.each([
    [Input.MinSizeChange, 'lots'],
    [Input.MinSizeChangePercent, '-1'],
  ])('rejects %s %j naming the input', (name, raw) => {
    expect(() => parse({ [name]: raw })).toThrow(`Input '${name}'`);
  });

  it('reads max-size-increase 5% as a percentage', () => {
    expect(parse({ [Input.MaxSizeIncrease]: '5%' }).maxSizeIncrease).toEqual({ percent: 5 });
  });

  it('reads max-size-increase 20MB as bytes', () => {
    expect(parse({ [Input.MaxSizeIncrease]: '20MB' }).maxSizeIncrease).toEqual({ bytes: 20e6 });
  });
});

describe('parseInputs errors', () => {
  it('rejects an unknown driver, listing the drivers', () => {
    const error = inputErrorOf({ [Input.Driver]: 'podman' });
    expect(error.input).toBe(Input.Driver);
    expect(error.message).toMatch(/^Input 'driver': /);
    expect(error.message).toContain('expected one of auto, docker-container, docker, remote, kubernetes');
    expect(error.message).toContain("got 'podman'");
  });

  it('rejects an unknown layer cache, listing the kinds', () => {
    const error = inputErrorOf({ [Input.LayerCache]: 's3' });
    expect(error.input).toBe(Input.LayerCache);
    expect(error.message).toMatch(/^Input 'layer-cache': /);
    expect(error.message).toContain('expected one of registry, gha, local, inline, none');
  });

  it('rejects an unknown layer-cache-mode and comment mode', () => {
    expect(inputErrorOf({ [Input.LayerCacheMode]: 'all' }).input).toBe(Input.LayerCacheMode);
    expect(inputErrorOf({ [Input.Comment]: 'sometimes' }).input).toBe(Input.Comment);
  });

  it('takes comment: on-change', () => {
    expect(parse({ [Input.Comment]: 'on-change' }).comment).toBe('on-change');
    expect(parse().comment).toBe('auto');
  });

  it('rejects layer-cache registry without an image or layer-cache-repository', () => {
    const error = inputErrorOf({ [Input.LayerCache]: 'registry' });
    expect(error.input).toBe(Input.LayerCache);
    expect(error.message).toMatch(/^Input 'layer-cache': /);
    expect(error.message).toContain("'image'");
    expect(error.message).toContain("'layer-cache-repository'");
  });

  it('rejects a local layer cache or cache backend without local-cache-dir, naming local-cache-dir once', () => {
    for (const [values, needs] of [
      [{ [Input.LayerCache]: 'local' }, "'layer-cache: local'"],
      [{ [Input.DependencyCacheBackend]: 'local' }, "'dependency-cache-backend: local'"],
      [
        { [Input.DependencyCacheBackend]: 'local', [Input.LayerCache]: 'local' },
        "'dependency-cache-backend: local'",
      ],
    ] as const) {
      const error = inputErrorOf(values);
      expect(error.input).toBe(Input.LocalCacheDir);
      expect(error.message).toMatch(/^Input 'local-cache-dir': /);
      expect(error.message).toContain(needs);
    }
    expect(
      parse({ [Input.LayerCache]: 'local', [Input.LocalCacheDir]: '/var/cache/dfb' }).localCacheDir,
    ).toBe('/var/cache/dfb');
  });

  it('rejects dependency-cache-backend: registry without image or layer-cache-repository, and takes either', () => {
    const error = inputErrorOf({ [Input.DependencyCacheBackend]: 'registry' });
    expect(error.input).toBe(Input.DependencyCacheBackend);
    expect(error.message).toMatch(
      /^Input 'dependency-cache-backend': 'registry' needs the 'image' or 'layer-cache-repository' input/,
    );
    expect(
      parse({ [Input.DependencyCacheBackend]: 'registry', [Input.Image]: 'ghcr.io/org/app' })
        .dependencyCacheBackend,
    ).toBe('registry');
    expect(
      parse({ [Input.DependencyCacheBackend]: 'registry', [Input.LayerCacheRepository]: 'ghcr.io/org/cache' })
        .dependencyCacheBackend,
    ).toBe('registry');
  });

  it('reads pull-request-layer-cache as min by default, max or off, and rejects anything else', () => {
    expect(parse().pullRequestLayerCache).toBe('min');
    expect(parse({ [Input.PullRequestLayerCache]: 'off' }).pullRequestLayerCache).toBe('off');
    const error = inputErrorOf({ [Input.PullRequestLayerCache]: 'none' });
    expect(error.input).toBe(Input.PullRequestLayerCache);
    expect(error.message).toContain('expected one of min, max, off');
  });

  it('reads restore-cache as auto, true or false, and rejects anything else', () => {
    expect(parse().restoreCache).toBe('auto');
    expect(parse({ [Input.RestoreCache]: 'False' }).restoreCache).toBe('false');
    const error = inputErrorOf({ [Input.RestoreCache]: 'sometimes' });
    expect(error.input).toBe(Input.RestoreCache);
    expect(error.message).toContain('expected one of auto, true, false');
  });

  it('reads save-cache as auto, true or false, and rejects anything else naming the input', () => {
    expect(parse().saveCache).toBe('auto');
    expect(parse({ [Input.SaveCache]: 'TRUE' }).saveCache).toBe('true');
    expect(parse({ [Input.SaveCache]: 'false' }).saveCache).toBe('false');
    const error = inputErrorOf({ [Input.SaveCache]: 'yes' });
    expect(error.input).toBe(Input.SaveCache);
    expect(error.message).toBe("Input 'save-cache': expected one of auto, true, false; got 'yes'");
  });

  it('rejects an advice-ignore rule id that no rule has, listing the ids', () => {
    const error = inputErrorOf({ [Input.AdviceIgnore]: 'heavy-base-image, heavy-bass-image' });
    expect(error.input).toBe(Input.AdviceIgnore);
    expect(error.message).toContain("got 'heavy-bass-image'");
    expect(error.message).toContain('unpinned-base');
    expect(parse({ [Input.AdviceIgnore]: 'unpinned-base' }).adviceIgnore).toEqual(['unpinned-base']);
  });

  it('accepts every rule the engine runs in advice-ignore, as run-main passes them', () => {
    const adviceRules = ALL_RULES.map((rule) => rule.id);
    const ignored =
      'apt-no-install-recommends, apk-cache\ndev-packages-in-final-image, recursive-chown-after-copy\ncache-mount-wrong-user, copy-project-before-install';
    const inputs = parseInputs((name) => (name === Input.AdviceIgnore ? ignored : ''), { adviceRules });
    expect(inputs.adviceIgnore).toEqual([
      'apt-no-install-recommends',
      'apk-cache',
      'dev-packages-in-final-image',
      'recursive-chown-after-copy',
      'cache-mount-wrong-user',
      'copy-project-before-install',
    ]);
  });

  it('rejects the remote driver without an endpoint', () => {
    const error = inputErrorOf({ [Input.Driver]: 'remote' });
    expect(error.input).toBe(Input.Endpoint);
    expect(error.message).toMatch(/^Input 'endpoint': /);
    expect(error.message).toContain('tcp://');
  });

  it('accepts the remote driver with an existing builder instead of an endpoint', () => {
    expect(parse({ [Input.Driver]: 'remote', [Input.Builder]: 'shared' }).driver).toBe('remote');
  });

  it.each(['5 potatoes', '-5MB', '0'])('rejects size-budget %j', (raw) => {
    const error = inputErrorOf({ [Input.SizeBudget]: raw });
    expect(error.input).toBe(Input.SizeBudget);
    expect(error.message).toMatch(/^Input 'size-budget': /);
    expect(error.message).toContain('expected a positive size such as 500MB');
    expect(error.message).toContain(`got '${raw}'`);
  });

  it('rejects a dependency-cache-max-size that is not a size', () => {
    expect(inputErrorOf({ [Input.DependencyCacheMaxSize]: 'lots' }).input).toBe(Input.DependencyCacheMaxSize);
  });

  it('reads builder-max-used-space as a byte size, unset by default', () => {
    expect(parse({}).builderMaxUsedSpace).toBeUndefined();
    expect(parse({ [Input.BuilderMaxUsedSpace]: '20GB' }).builderMaxUsedSpace).toBe(20e9);
  });

  it.each(['lots', '0', '-5GB'])('rejects builder-max-used-space %j', (raw) => {
    const error = inputErrorOf({ [Input.BuilderMaxUsedSpace]: raw });
    expect(error.message).toBe(
      `Input 'builder-max-used-space': expected a positive size such as 500MB or 1.5GiB; got '${raw}'`,
    );
  });

  it.each(['garbage', '5 percent', '%'])('rejects max-size-increase %j', (raw) => {
    const error = inputErrorOf({ [Input.MaxSizeIncrease]: raw });
    expect(error.input).toBe(Input.MaxSizeIncrease);
    expect(error.message).toMatch(/^Input 'max-size-increase': /);
    expect(error.message).toContain('expected a percentage such as 5% or a size such as 20MB');
  });

  it('rejects an image with a tag', () => {
    const error = inputErrorOf({ [Input.Image]: 'ghcr.io/org/app:latest' });
    expect(error.input).toBe(Input.Image);
    expect(error.message).toMatch(/^Input 'image': /);
    expect(error.message).toContain('without tag or digest, e.g. ghcr.io/acme/app');
    expect(error.message).toContain("got 'ghcr.io/org/app:latest'");
  });

  it('rejects a layer-cache-repository with a digest', () => {
    const ref = `ghcr.io/org/app-cache@sha256:${'a'.repeat(64)}`;
    const error = inputErrorOf({ [Input.LayerCacheRepository]: ref });
    expect(error.input).toBe(Input.LayerCacheRepository);
    expect(error.message).toMatch(/^Input 'layer-cache-repository': /);
    expect(error.message).toContain('without tag or digest');
  });

  it.each(['2147484', '1e9', '99999999999', '0', '-1', 'soon'])(
    'rejects dependency-cache-timeout %j',
    (raw) => {
      const error = inputErrorOf({ [Input.DependencyCacheTimeout]: raw });
      expect(error.input).toBe(Input.DependencyCacheTimeout);
      expect(error.message).toBe(
        `Input 'dependency-cache-timeout': expected a positive number of seconds such as 600, at most 2147483 (24 days); got '${raw}'`,
      );
    },
  );

  it('accepts dependency-cache-timeout up to what setTimeout can hold', () => {
    expect(parse({ [Input.DependencyCacheTimeout]: '2147483' }).dependencyCacheTimeoutSeconds).toBe(2147483);
    expect(parse({ [Input.DependencyCacheTimeout]: '0.5' }).dependencyCacheTimeoutSeconds).toBe(0.5);
  });

  it('names itself InputError', () => {
    expect(inputErrorOf({ [Input.Driver]: 'x' }).name).toBe('InputError');
  });
});

describe('isImageRepository', () => {
  it.each(['ghcr.io/org/app', '127.0.0.1:5000/pip-app', 'localhost:5000/a/b/c', 'app', 'my_org/my-app.v2'])(
    'accepts %j',
    (ref) => {
      expect(isImageRepository(ref)).toBe(true);
    },
  );

  it.each([
    'ghcr.io/org/app:latest',
    '127.0.0.1:5000/pip-app:buildcache-main',
    'app@sha256:abc',
    'ghcr.io/Org/App',
    'ghcr.io/org/app/',
    '',
    'ghcr.io/org/-app',
  ])('rejects %j', (ref) => {
    expect(isImageRepository(ref)).toBe(false);
  });
});

describe('parseInputs: build-push-action’s inputs', () => {
  it('splits each list as build-push-action does', () => {
    const inputs = parse({
      [Input.AddHosts]: 'a:1.2.3.4,b:5.6.7.8',
      [Input.Annotations]: 'a=1,2\nb=3',
      [Input.NoCacheFilters]: 'deps,test',
      [Input.Outputs]: 'type=local,dest="out dir"',
      [Input.SecretEnvs]: 'a=A,b=B',
      [Input.SecretFiles]: 'a=./x,y',
      [Input.Ssh]: 'default,github=/k',
      [Input.Ulimit]: 'nofile=1024:1024\nnproc=512',
    });
    expect(inputs.addHosts).toEqual(['a:1.2.3.4', 'b:5.6.7.8']);
    expect(inputs.annotations).toEqual(['a=1,2', 'b=3']);
    expect(inputs.noCacheFilters).toEqual(['deps', 'test']);
    // outputs keeps quotes, as build-push-action reads it with quote: false.
    expect(inputs.outputs).toEqual(['type=local,dest="out dir"']);
    expect(inputs.secretEnvs).toEqual(['a=A', 'b=B']);
    expect(inputs.secretFiles).toEqual(['a=./x,y']);
    expect(inputs.ssh).toEqual(['default', 'github=/k']);
    expect(inputs.ulimit).toEqual(['nofile=1024:1024', 'nproc=512']);
  });

  it('defaults as build-push-action does: nothing set, no-cache and pull false', () => {
    expect(parse()).toMatchObject({
      addHosts: [],
      cacheFrom: [],
      cacheTo: [],
      call: '',
      noCache: false,
      outputs: [],
      provenance: '',
      pull: false,
      sbom: '',
    });
  });

  it('reads provenance as build-push-action does: any boolean spelling, or attributes', () => {
    expect(parse({ [Input.Provenance]: 'True' }).provenance).toBe('true');
    expect(parse({ [Input.Provenance]: 'FALSE' }).provenance).toBe('false');
    expect(parse({ [Input.Provenance]: 'mode=max' }).provenance).toBe('mode=max');
  });

  it.each<[InputName, string, string]>([
    [Input.AddHosts, 'docker', 'host:ip entries, e.g. docker:10.180.0.1'],
    [Input.Allow, 'Network Host', 'entitlements such as network.host'],
    [Input.Annotations, 'no-value', 'key=value lines'],
    [Input.Attests, 'sbom', 'type=… lines, e.g. type=sbom,generator=image'],
    [Input.BuildContexts, './shared', 'name=source lines'],
    [Input.CacheFrom, 'ref=ghcr.io/acme/app:cache', 'cache sources, one per line'],
    [Input.CacheTo, 'mode=max', 'cache destinations, one per line'],
    [Input.Call, 'Check Everything', 'a method such as check'],
    [Input.NoCache, 'yes', 'true or false'],
    [Input.NoCacheFilters, 'stage one', 'stage names'],
    [Input.Outputs, 'dest=out', 'output specs, one per line, e.g. type=local,dest=out'],
    [Input.Provenance, 'maximum', 'true, false or attributes such as mode=max'],
    [Input.Pull, 'always', 'true or false'],
    [Input.Sbom, 'yes please', 'true, false or attributes such as generator=image'],
    [Input.SecretEnvs, 'TOKEN', 'id=ENV_NAME entries'],
    [Input.SecretFiles, './token.txt', 'id=path lines'],
    [Input.ShmSize, 'two gigs', 'a size such as 2g'],
    [Input.Ssh, 'my key', 'default or id=path entries'],
    [Input.Ulimit, 'nofile', 'type=soft[:hard] lines, e.g. nofile=1024:1024'],
  ])('refuses a bad %s with one error naming it and the expected form', (input, value, form) => {
    const error = inputErrorOf({ [input]: value });
    expect(error.input).toBe(input);
    expect(error.message).toContain(`Input '${input}': expected ${form}`);
  });

  it('never repeats a secret input’s entry in its error', () => {
    const error = inputErrorOf({ [Input.SecretEnvs]: 'ghp_notanenvname' });
    expect(error.message).not.toContain('ghp_notanenvname');
    expect(error.message).toContain('entry 1');
    expect(inputErrorOf({ [Input.SecretFiles]: 'ghp_value' }).message).not.toContain('ghp_value');
  });
});

describe('image names in lower case', () => {
  it('lowers the registry and repository, keeping tag and digest as written', () => {
    expect(lowerCaseRepository('127.0.0.1:5000/MyApp')).toBe('127.0.0.1:5000/myapp');
    expect(lowerCaseRepository('ghcr.io/Org/App:v1.0-RC')).toBe('ghcr.io/org/app:v1.0-RC');
    expect(lowerCaseRepository('GHCR.io/Org/App@sha256:ABCDEF')).toBe('ghcr.io/org/app@sha256:ABCDEF');
    expect(lowerCaseRepository('Org/App:Tag@sha256:ab')).toBe('org/app:Tag@sha256:ab');
    expect(lowerCaseRepository('app')).toBe('app');
  });

  it('uses tags, image and layer-cache-repository in lower case and lists what it lowered', () => {
    const inputs = parse({
      [Input.Tags]: '127.0.0.1:5000/MyApp:Latest,127.0.0.1:5000/myapp:1',
      [Input.Image]: 'ghcr.io/Org/App',
      [Input.LayerCacheRepository]: 'ghcr.io/Org/App-Cache',
    });
    expect(inputs.tags).toEqual(['127.0.0.1:5000/myapp:Latest', '127.0.0.1:5000/myapp:1']);
    expect(inputs.image).toBe('ghcr.io/org/app');
    expect(inputs.layerCacheRepository).toBe('ghcr.io/org/app-cache');
    expect(inputs.lowerCased).toEqual([
      'ghcr.io/Org/App',
      'ghcr.io/Org/App-Cache',
      '127.0.0.1:5000/MyApp:Latest',
    ]);
  });
});
