// Plain report values for renderer and comparison tests.
import { REPORT_SCHEMA, type BuildReport } from '../../src/report/model.js';
import type { TrendPoint } from '../../src/report/trend.js';

const MB = 1_000_000;

export function baseReport(): BuildReport {
  return {
    schema: REPORT_SCHEMA,
    createdAt: '2026-11-20T10:00:00.000Z',
    image: {
      name: 'ghcr.io/acme/app',
      tags: ['ghcr.io/acme/app:main'],
      digest: 'sha256:aaa',
      imageId: 'sha256:111',
    },
    git: {
      repository: 'acme/app',
      event: 'push',
      branch: 'main',
      baseBranch: '',
      sha: 'abcdef0123456789',
      pullRequest: undefined,
      runUrl: 'https://github.com/acme/app/actions/runs/7001',
    },
    build: {
      succeeded: true,
      seconds: 62.4,
      overheadSeconds: 6.1,
      cachedSteps: 3,
      totalSteps: 5,
      steps: [
        { name: '[stage-0 2/5] WORKDIR /app', cached: true, seconds: 0 },
        { name: '[stage-0 3/5] COPY requirements.txt .', cached: true, seconds: 0 },
        {
          name: '[stage-0 4/5] RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
          cached: true,
          seconds: 0.2,
        },
        { name: '[stage-0 5/5] COPY . .', cached: false, seconds: 0.4 },
      ],
    },
    layerCache: {
      kind: 'registry',
      readRefs: ['ghcr.io/acme/app:buildcache-main'],
      writeRef: 'ghcr.io/acme/app:buildcache-main',
    },
    dockerfile: { path: 'Dockerfile', url: 'https://github.com/acme/app/blob/abcdef0123456789/Dockerfile' },
    dependencyCache: {
      status: 'exact',
      mounts: [
        {
          target: '/root/.cache/pip',
          kind: 'pip',
          status: 'exact',
          matchedKey: 'k',
          restoredBytes: 301 * MB,
          savedKey: undefined,
          savedBytes: 0,
          prunedBytes: 0,
          prunedFiles: 0,
          stepsFromLayerCache: true,
          installSeconds: 0,
          missInstallSeconds: 41,
        },
      ],
      seconds: { restore: 1.2, inject: 3.1, extract: 0, save: 0 },
    },
    size: {
      bytes: 512 * MB,
      compressedBytes: 180 * MB,
      wastedBytes: 2 * MB,
      efficiency: 1 - 2 / 512,
      layers: [
        {
          digest: 'sha256:l1',
          bytes: 300 * MB,
          compressedBytes: 100 * MB,
          createdBy: '',
          baseImage: 'python:3.11-slim',
        },
        {
          digest: 'sha256:l2',
          bytes: 210 * MB,
          compressedBytes: 79 * MB,
          createdBy: 'RUN /bin/sh -c pip install -r requirements.txt # buildkit',
          source: {
            line: 4,
            text: 'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
          },
        },
        {
          digest: 'sha256:l3',
          bytes: 2 * MB,
          compressedBytes: 1 * MB,
          createdBy: 'COPY . . # buildkit',
          source: { line: 5, text: 'COPY . .' },
        },
      ],
      topWasted: [
        { path: 'usr/lib/python3/dist-packages/__pycache__/x.pyc', wastedBytes: 2 * MB, layers: 2 },
      ],
      layerIds: ['sha256:d1', 'sha256:d2', 'sha256:d3'],
      analysisSeconds: 1.5,
    },
    advice: [],
    warnings: [],
  };
}

/** A pull request that adds 40 MB in a new layer, builds slower and trips two advice rules. */
export function pullRequestReport(): BuildReport {
  const base = baseReport();
  return {
    ...base,
    createdAt: '2026-11-21T09:30:00.000Z',
    image: { ...base.image, tags: ['ghcr.io/acme/app:pr-42'], digest: 'sha256:bbb' },
    git: {
      ...base.git,
      event: 'pull_request',
      branch: 'feature/big_model',
      baseBranch: 'main',
      sha: '9876543210fedcba',
      pullRequest: 42,
    },
    dockerfile: { path: 'Dockerfile', url: 'https://github.com/acme/app/blob/9876543210fedcba/Dockerfile' },
    build: {
      ...base.build,
      seconds: 75.0,
      cachedSteps: 2,
      totalSteps: 6,
      overheadSeconds: 9.3,
      steps: base.build.steps.map((step) =>
        step.name.includes('pip install') ? { ...step, cached: false, seconds: 10.0 } : step,
      ),
    },
    layerCache: {
      kind: 'registry',
      readRefs: ['ghcr.io/acme/app:buildcache-feature-big_model', 'ghcr.io/acme/app:buildcache-main'],
      writeRef: 'ghcr.io/acme/app:buildcache-feature-big_model',
    },
    dependencyCache: {
      ...base.dependencyCache,
      status: 'partial',
      mounts: [
        {
          ...base.dependencyCache.mounts[0]!,
          status: 'partial',
          savedKey: 'k2',
          savedBytes: 330 * MB,
          stepsFromLayerCache: false,
          installSeconds: 10,
        },
      ],
      seconds: { restore: 1.2, inject: 3.1, extract: 3.9, save: 2.2 },
    },
    size: {
      ...base.size!,
      bytes: 552 * MB,
      compressedBytes: 195 * MB,
      wastedBytes: 52 * MB,
      efficiency: 1 - 52 / 552,
      layers: [
        ...base.size!.layers,
        {
          digest: 'sha256:l4',
          bytes: 40 * MB,
          compressedBytes: 15 * MB,
          createdBy: 'RUN /bin/sh -c curl -o /model.bin https://example.com/model | tee log # buildkit',
          source: { line: 6, text: 'RUN curl -o /model.bin https://example.com/model | tee log' },
        },
      ],
      topWasted: [{ path: 'model.bin', wastedBytes: 50 * MB, layers: 2 }],
    },
    advice: [
      {
        rule: 'copy-before-install',
        severity: 'warning',
        file: 'Dockerfile',
        line: 4,
        message: 'pip install runs after COPY . . — every code change reinstalls every dependency',
        fix: 'COPY requirements.txt first, install, then COPY the rest',
      },
      {
        rule: 'no-dockerignore',
        severity: 'warning',
        file: 'Dockerfile',
        line: 1,
        message: 'No .dockerignore: .git is sent with the context',
        fix: 'Add a .dockerignore with .git and __pycache__',
        bytesAtStake: 100 * MB,
      },
    ],
    warnings: [
      'Layer cache ghcr.io/acme/app:buildcache-feature-big_model could not be written; the image is fine',
    ],
  };
}

/** Eight pushes to main before the base report: the image creeping up, one unmeasured run. */
export function mainHistory(): TrendPoint[] {
  const sizes = [470, 472, 472, 480, undefined, 495, 503, 512];
  const times = [58.0, 61.2, 57.9, 60.3, 59.0, 66.8, 61.0, 62.4];
  return sizes.map((size, i) => ({
    createdAt: `2026-11-${String(12 + i + (i > 4 ? 1 : 0)).padStart(2, '0')}T10:00:00.000Z`,
    sha: `${i}`.repeat(40),
    sizeBytes: size === undefined ? undefined : size * MB,
    buildSeconds: times[i]!,
  }));
}
