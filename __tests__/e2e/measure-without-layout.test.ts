// Measuring the image without the OCI layout output: sizes from the build record, path tables from
// the listing helper build (DOCKER_FAST_BUILD_MEASURE=listing) or, by default on a builder other
// than the engine's own, from the pushed layers read back from the registry. On each driver the
// same image is measured from the layout (DOCKER_FAST_BUILD_MEASURE=layout) and without it, and
// the reports must agree; a final image
// without python3 falls back to a layout exported after the build, and the log says why. Every
// docker call is recorded (support/docker-wrapper.sh) to show that no `type=oci` output was passed.
// Needs dist/ rebuilt from this source (runAction runs the bundle).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { pushImage } from '../../scripts/harness/engine.js';
import { copyProject } from '../../scripts/harness/fixtures/projects.js';
import { BUILDKIT_STANDIN, REGISTRY } from '../../scripts/harness/registry.js';
import type { ActionRun } from '../../scripts/harness/runner/run-action.js';
import { useStack } from './support/use-stack.js';

type Run = ActionRun;

interface ReportSize {
  bytes: number;
  compressedBytes: number;
  wastedBytes: number;
  efficiency: number;
  layers: { digest: string; bytes: number; compressedBytes: number; createdBy: string }[];
  layerIds: string[];
  topWasted: { path: string; wastedBytes: number; layers: number }[];
  analysisSeconds: number;
}

/** Stages, ARGs, ENV between layers, a WORKDIR, COPY --from, and waste: paths deleted and replaced. */
const DOCKERFILE = `ARG BASE=${REGISTRY}/python:3.11-slim
FROM \${BASE} AS builder
RUN mkdir /out && head -c 1000000 /dev/urandom > /out/blob && ln -s blob /out/link
FROM \${BASE}
ARG GREETING=hi
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip \\
    pip install --no-index --trusted-host 127.0.0.1 --find-links http://127.0.0.1:8765/ -r requirements.txt
ENV X=1
RUN echo $GREETING > /app/g && rm -rf /usr/share/doc && cp /usr/bin/python3.11 /app/py && ln /app/py /app/py2
COPY --from=builder /out /out
RUN head -c 500000 /dev/urandom > /out/blob && echo $GREETING
COPY src/ ./src/
CMD ["python3", "-m", "src.app"]
`;

describe('measuring without the OCI layout stream', () => {
  const suite = useStack({
    image: 'e2e-measure',
    workspace: { project: 'pip-small' },
    wheels: { payloadMB: 4 },
    buildkitProxy: true,
    dockerWrapper: true,
    standinBuilder: true,
  });
  const { image, workspace, buildkitProxy: proxy, dockerWrapper } = suite;
  const noPython = `${suite.repository('e2e-measure-nopython')}:base`;
  const twoLayerBase = `${suite.repository('e2e-measure-base2')}:base`;
  let noPythonWorkspace: string;
  let twoLayerWorkspace: string;

  beforeAll(() => {
    writeFileSync(path.join(workspace, 'Dockerfile'), DOCKERFILE);

    // A base image without python3: the listing cannot run in it.
    noPythonWorkspace = copyProject('pip-small', suite.tempDir('dfb-e2e-measure-nopython-'));
    pushImage(
      noPython,
      `FROM ${REGISTRY}/python:3.11-slim\nRUN rm -f /usr/bin/python3* /usr/local/bin/python3*\n`,
    );
    writeFileSync(
      path.join(noPythonWorkspace, 'Dockerfile'),
      `FROM ${noPython}\nWORKDIR /app\nCOPY src/ ./src/\nRUN echo x > /app/x && rm -rf /usr/share/doc\n`,
    );

    // A base of two layers with waste inside it: the listing sees it as one filesystem, so its
    // layers are read from the registry it came from.
    twoLayerWorkspace = copyProject('pip-small', suite.tempDir('dfb-e2e-measure-base2-'));
    pushImage(
      twoLayerBase,
      `FROM ${REGISTRY}/python:3.11-slim\nRUN echo marker > /etc/marker && rm -rf /usr/share/doc\n`,
    );
    writeFileSync(
      path.join(twoLayerWorkspace, 'Dockerfile'),
      `FROM ${twoLayerBase}\nWORKDIR /app\nCOPY src/ ./src/\nRUN rm /etc/marker\n`,
    );
  });

  const drivers: [string, () => Record<string, string>][] = [
    ['docker', () => ({ driver: 'docker' })],
    [
      'docker-container (stand-in builder)',
      () => ({ driver: 'docker-container', 'driver-opts': `image=${BUILDKIT_STANDIN}\nnetwork=host` }),
    ],
    ['remote', () => ({ driver: 'remote', endpoint: proxy.endpoint })],
  ];

  /** One run on a fresh runner; its own cache dir, so no earlier report is taken as the base. */
  async function measureRun(
    driverInputs: Record<string, string>,
    options: {
      measure: 'layout' | 'listing' | 'default';
      workspace?: string;
      tag?: string;
      /** Another image: its own layer cache, which the first build of it finds empty. */
      image?: string;
      /** false: the image stays where the driver leaves it (the docker driver's engine). */
      push?: boolean;
      extraInputs?: Record<string, string>;
    },
  ): Promise<{ run: Run; size: ReportSize | undefined; calls: string }> {
    const named = options.image ?? image;
    const cacheDir = suite.tempDir('dfb-e2e-measure-');
    dockerWrapper.reset();
    const run = await suite.run({
      inputs: {
        ...driverInputs,
        image: named,
        tags: `${named}:${options.tag ?? 'latest'}`,
        push: options.push === false ? 'false' : 'true',
        network: 'host',
        // One layer cache for both runs: the second imports every layer the first built.
        'layer-cache': 'registry',
        'dependency-cache-backend': 'local',
        'local-cache-dir': cacheDir,
        'dependency-cache': 'off',
        comment: 'off',
        ...options.extraInputs,
      },
      workspace: options.workspace ?? workspace,
      env: {
        ...dockerWrapper.env(),
        ...(options.measure === 'default' ? {} : { DOCKER_FAST_BUILD_MEASURE: options.measure }),
      },
    });
    expect(run.exitCode).toBe(0);
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as { size?: ReportSize };
    return { run, size: report.size, calls: dockerWrapper.calls() };
  }

  /** What both sources must agree on: everything measured, nothing about how long it took. */
  const measured = ({ analysisSeconds: _, ...size }: ReportSize) => size;

  it.each(drivers)(
    'on %s: sizes, compressed sizes, per-layer sizes and waste equal the layout’s, with no type=oci output',
    async (_, driverInputs) => {
      const fromLayout = await measureRun(driverInputs(), { measure: 'layout' });
      expect(fromLayout.run.log).toContain('Measured the image from the OCI layout');
      expect(fromLayout.calls).toContain('type=oci');

      const fromListing = await measureRun(driverInputs(), { measure: 'listing' });
      expect(fromListing.run.log).toContain(
        'Measured the image from the build record and a listing inside the builder: listed all',
      );
      expect(fromListing.run.log).not.toContain('fallback');
      expect(fromListing.calls).not.toContain('type=oci');
      expect(fromListing.calls).toMatch(/buildx history inspect attachment .*--type manifest/);
      expect(fromListing.run.annotations.filter((a) => a.level === 'warning')).toEqual([]);

      expect(fromListing.size).toBeDefined();
      expect(measured(fromListing.size!)).toEqual(measured(fromLayout.size!));
      expect(fromListing.size!.wastedBytes).toBeGreaterThan(10_000_000);
      expect(fromListing.size!.topWasted.map((p) => p.path)).toEqual(
        expect.arrayContaining(['usr/share/doc', 'out/blob']),
      );
      expect(fromListing.run.report?.size?.wastedBytes).toBe(fromLayout.size!.wastedBytes);
      expect(fromListing.run.report?.size?.compressedBytes).toBe(fromLayout.size!.compressedBytes);
    },
  );

  it.each(drivers)(
    'on %s: by default a pushed image is read back from the registry, and agrees with the layout',
    async (_, driverInputs) => {
      // An image of its own, so that the first build is cold (its builder pulls the base) and the
      // second, from its layer cache, makes the same layers.
      const pushed = suite.repository(`e2e-measure-pushed-${driverInputs().driver}`);
      const fromRegistry = await measureRun(driverInputs(), {
        measure: 'default',
        tag: 'pushed',
        image: pushed,
      });
      const fromLayout = await measureRun(driverInputs(), {
        measure: 'layout',
        tag: 'pushed',
        image: pushed,
      });
      expect(fromLayout.calls).toContain('type=oci');
      // The manifest and config too come from the registry, by the digest the build reported.
      expect(fromRegistry.run.log).toContain(
        `Measured the image from what was pushed to ${pushed}:pushed (its manifest, config and layers): read all`,
      );
      expect(fromRegistry.run.log).not.toContain('was not read from the registry');
      // The base is read from its registry beside the build: on a fresh docker-container builder,
      // which pulls it, and on the engine's own BuildKit or the remote one, which may hold it already
      // and pull nothing.
      expect(fromRegistry.run.log).toMatch(/read all \d+ layers \(1 of them while the build ran\)\./);
      expect(fromRegistry.calls).not.toContain('type=oci');
      expect(fromRegistry.run.annotations.filter((a) => a.level === 'warning')).toEqual([]);
      expect(measured(fromRegistry.size!)).toEqual(measured(fromLayout.size!));
      expect(fromRegistry.size!.wastedBytes).toBeGreaterThan(10_000_000);
    },
  );

  it('on docker: an image kept in the engine has its layers read back from the registry layer cache, and agrees with the layout', async () => {
    const kept = suite.repository('e2e-measure-kept');
    const options = { tag: 'kept', image: kept, push: false };
    const fromCache = await measureRun(drivers[0]![1](), { ...options, measure: 'default' });
    const fromLayout = await measureRun(drivers[0]![1](), { ...options, measure: 'layout' });
    expect(fromLayout.calls).toContain('type=oci');
    expect(fromCache.run.log).toMatch(
      new RegExp(
        // A builder stage: what the cache export writes is not all the image's, so only the base is read early.
        `Measured the image from the engine and the layer cache at ${kept.replace(/[.]/g, '\\.')}:buildcache-[\\w.-]+: read all \\d+ layers \\(1 of them while the build ran\\)\\.`,
      ),
    );
    expect(fromCache.calls).not.toContain('type=oci');
    // The record came from the engine and the cache manifest: no buildx run read the build record.
    expect(fromCache.calls).not.toMatch(/history inspect attachment/);
    expect(fromCache.run.log).not.toContain('reading the build record');
    expect(fromCache.run.annotations.filter((a) => a.level === 'warning')).toEqual([]);
    expect(measured(fromCache.size!)).toEqual(measured(fromLayout.size!));
    expect(fromCache.size!.wastedBytes).toBeGreaterThan(10_000_000);
  });

  it('on docker: a single-stage image has its own layers read as the cache export writes them, and agrees with the layout', async () => {
    const single = suite.repository('e2e-measure-single');
    const options = { tag: 'single', image: single, push: false, workspace: noPythonWorkspace };
    const early = await measureRun(drivers[0]![1](), { ...options, measure: 'default' });
    const fromLayout = await measureRun(drivers[0]![1](), { ...options, measure: 'layout' });
    const read = /read all (\d+) layers \((\d+) of them while the build ran\)\./.exec(early.run.log);
    expect(read).not.toBeNull();
    // The base's two layers and the build's three (WORKDIR, COPY, RUN): every one read during the build.
    expect(Number(read![2])).toBe(Number(read![1]));
    expect(Number(read![1])).toBeGreaterThanOrEqual(4);
    expect(early.calls).not.toContain('type=oci');
    expect(early.run.annotations.filter((a) => a.level === 'warning')).toEqual([]);
    expect(measured(early.size!)).toEqual(measured(fromLayout.size!));
  });

  it('on docker: a layer cache that holds no layers (its registry is down) leaves the layout as the fallback, and the log says why', async () => {
    const { run, size, calls } = await measureRun(drivers[0]![1](), {
      measure: 'default',
      tag: 'nocache',
      image: suite.repository('e2e-measure-nocache'),
      push: false,
      // Nothing listens there: the cache export fails (ignored, as always) and so does the read.
      extraInputs: { 'layer-cache-repository': '127.0.0.1:5999/e2e-nowhere' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.log).toMatch(
      /Measured the image from the OCI layout \(fallback: .*127\.0\.0\.1:5999.*\): read all \d+ layers\./,
    );
    const builds = calls.split('\n').filter((line) => / buildx build /.test(` ${line}`));
    expect(builds.some((line) => /type=oci\\?,tar=false\\?,dest=/.test(line))).toBe(true);
    expect(size?.bytes).toBeGreaterThan(100_000_000);
    expect(size?.wastedBytes).toBeGreaterThan(10_000_000);
  });

  it('a base of two layers no earlier run measured: read from its registry, with the waste inside it', async () => {
    const options = { workspace: twoLayerWorkspace, tag: 'base2' };
    const fromLayout = await measureRun(drivers[0]![1](), { ...options, measure: 'layout' });
    const fromListing = await measureRun(drivers[0]![1](), { ...options, measure: 'listing' });
    expect(fromListing.run.log).toContain(
      'Measured the image from the build record and a listing inside the builder',
    );
    expect(fromListing.calls).not.toContain('type=oci');
    expect(measured(fromListing.size!)).toEqual(measured(fromLayout.size!));
    expect(fromListing.size!.topWasted.map((p) => p.path)).toEqual(
      expect.arrayContaining(['usr/share/doc', 'etc/marker']),
    );
  });

  it('a final image without python3 is measured from an OCI layout exported after the build, and the log says why', async () => {
    const { run, size, calls } = await measureRun(drivers[0]![1](), {
      measure: 'listing',
      workspace: noPythonWorkspace,
      tag: 'nopython',
    });
    expect(run.log).toMatch(
      /Measured the image from the OCI layout \(fallback: the listing step failed \(it runs python3 from the base image\): .*\): read all \d+ layers\./,
    );
    // The user's build wrote no layout; the fallback's second build did.
    const builds = calls.split('\n').filter((line) => / buildx build /.test(` ${line}`));
    expect(builds.find((line) => line.includes(`${image}:nopython`))).not.toContain('type=oci');
    // The wrapper logs each argument shell-quoted (`%q`), which may escape the commas.
    expect(builds.some((line) => /type=oci\\?,tar=false\\?,dest=/.test(line))).toBe(true);
    expect(size?.bytes).toBeGreaterThan(100_000_000);
    expect(size?.layers.length).toBeGreaterThanOrEqual(4);
    expect(size?.wastedBytes).toBeGreaterThan(0);
  });
});
