import { layoutExportArgs, listingBuildArgs, uncachedUserSteps } from '../../src/image/listing-build.js';

const files = { dockerfile: '/tmp/l/Dockerfile', scriptDir: '/tmp/l/script', outDir: '/tmp/l/out' };

describe('listingBuildArgs', () => {
  it("repeats what shapes the user's LLB and leaves out outputs, caches, tags and files", () => {
    const user = [
      'build',
      '--builder',
      'dfb-1-abc',
      '--progress',
      'rawjson',
      '--file',
      'Dockerfile',
      '--iidfile',
      '/t/iid',
      '--metadata-file',
      '/t/meta.json',
      '--tag',
      'app:1',
      '--platform',
      'linux/amd64',
      '--build-arg',
      'A=1',
      '--label',
      'l=1',
      '--secret',
      'id=tok,src=/t/tok',
      '--target',
      'app',
      '--network',
      'host',
      '--cache-from',
      'type=registry,ref=r:c',
      '--cache-to',
      'type=registry,ref=r:c,mode=max',
      '--push',
      '--load',
      '--output',
      'type=oci,tar=false,dest=/t/layout',
      '--attest',
      'type=provenance,mode=min',
      '--add-host',
      'h:1.2.3.4',
      '--build-context',
      'base=docker-image://python:3.11',
      '--ssh',
      'default',
      '--no-cache',
      '--pull',
      '.',
    ];
    expect(listingBuildArgs(user, files)).toEqual([
      'build',
      '--progress',
      'rawjson',
      '--provenance=false',
      '--sbom=false',
      '--builder',
      'dfb-1-abc',
      '--platform',
      'linux/amd64',
      '--build-arg',
      'A=1',
      '--secret',
      'id=tok,src=/t/tok',
      '--network',
      'host',
      '--add-host',
      'h:1.2.3.4',
      '--build-context',
      'base=docker-image://python:3.11',
      '--ssh',
      'default',
      '--pull',
      '--file',
      '/tmp/l/Dockerfile',
      '--build-context',
      'dfb-listing-script=/tmp/l/script',
      '--output',
      'type=local,dest=/tmp/l/out',
      '.',
    ]);
  });

  it('gives up on a flag it does not know: it might shape the LLB', () => {
    expect(listingBuildArgs(['build', '--builder', 'b', '--entitlement-x', 'y', '.'], files)).toBeUndefined();
  });
});

describe('uncachedUserSteps', () => {
  it("names the user's steps that ran again, not the listing's own", () => {
    expect(
      uncachedUserSteps([
        { name: '[dfb-layer-0-1 1/1] WORKDIR /app', cached: true, seconds: 0 },
        { name: '[dfb-layer-0-2 1/1] RUN pip install x', cached: false, seconds: 3 },
        { name: '[dfb-listing 1/1] RUN --mount=… ["python3"]', cached: false, seconds: 1 },
        { name: '[dfb-listing-out 1/1] COPY --from=dfb-listing / /', cached: false, seconds: 0 },
      ]),
    ).toEqual(['[dfb-layer-0-2 1/1] RUN pip install x']);
  });
});

describe('layoutExportArgs', () => {
  it('repeats the build with its Dockerfile and target, writing only the OCI layout', () => {
    const user = [
      'build',
      '--builder',
      'b',
      '--file',
      'app/Dockerfile',
      '--tag',
      'app:1',
      '--target',
      'app',
      '--build-arg',
      'A=1',
      '--push',
      '--cache-to',
      'type=registry,ref=r:c',
      'app',
    ];
    expect(layoutExportArgs(user, '/t/layout')).toEqual([
      'build',
      '--progress',
      'rawjson',
      '--provenance=false',
      '--sbom=false',
      '--builder',
      'b',
      '--file',
      'app/Dockerfile',
      '--target',
      'app',
      '--build-arg',
      'A=1',
      '--output',
      'type=oci,tar=false,dest=/t/layout',
      'app',
    ]);
  });
});
