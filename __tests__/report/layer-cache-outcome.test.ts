import type { BuildResult } from '../../src/buildx/run-build.js';
import type { LayerCachePlan } from '../../src/buildx/plan.js';
import { cacheHitRatio, describeCacheProblems } from '../../src/report/layer-cache-outcome.js';

const DEAD_IMPORT =
  'failed to configure registry cache importer: failed to do request: Head "https://127.0.0.1:5999/v2/pip-app/manifests/buildcache-main": dial tcp 127.0.0.1:5999: connect: connection refused';
const DEAD_EXPORT =
  'error writing layer blob: failed to do request: Head "https://127.0.0.1:5999/v2/pip-app/blobs/sha256:5ab0": dial tcp 127.0.0.1:5999: connect: connection refused';

function warmBuild(overrides: Partial<BuildResult> = {}): BuildResult {
  return {
    succeeded: true,
    seconds: 42.25,
    steps: [
      { name: '[stage-0 2/5] WORKDIR /app', cached: true, seconds: 0 },
      { name: '[stage-0 3/5] COPY requirements.txt .', cached: true, seconds: 0 },
      {
        name: '[stage-0 4/5] RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
        cached: true,
        seconds: 0.04,
      },
      { name: '[stage-0 5/5] COPY src/ ./src/', cached: false, seconds: 1.26 },
    ],
    cachedSteps: 3,
    totalSteps: 4,
    imageId: 'sha256:1111111111111111111111111111111111111111111111111111111111111111',
    digest: 'sha256:2222222222222222222222222222222222222222222222222222222222222222',
    metadata: '{}',
    cacheProblems: [
      { direction: 'import', ref: '127.0.0.1:5999/pip-app:buildcache-main', error: DEAD_IMPORT },
      { direction: 'export', ref: undefined, error: DEAD_EXPORT },
    ],
    error: undefined,
    ...overrides,
  };
}

const registryCache: LayerCachePlan = {
  kind: 'registry',
  readRefs: ['127.0.0.1:5999/pip-app:buildcache-feature-a_b', '127.0.0.1:5999/pip-app:buildcache-main'],
  writeRef: '127.0.0.1:5999/pip-app:buildcache-feature-a_b',
  cacheFrom: [],
  cacheTo: [],
};

describe('cacheHitRatio', () => {
  it('is the share of cached steps, and 0 with no steps', () => {
    expect(cacheHitRatio({ cachedSteps: 3, totalSteps: 4 })).toBe(0.75);
    expect(cacheHitRatio({ cachedSteps: 0, totalSteps: 0 })).toBe(0);
  });
});

describe('describeCacheProblems', () => {
  it('names the ref that could not be read and the ref that could not be written', () => {
    expect(describeCacheProblems(warmBuild(), registryCache)).toEqual([
      `Layer cache 127.0.0.1:5999/pip-app:buildcache-main could not be read; the build went on without it: ${DEAD_IMPORT}`,
      `Layer cache 127.0.0.1:5999/pip-app:buildcache-feature-a_b could not be written; the image is fine, the next build may be slower: ${DEAD_EXPORT}`,
    ]);
  });

  it('says (unknown) when the ref is not known', () => {
    const build = warmBuild({ cacheProblems: [{ direction: 'import', ref: undefined, error: 'boom' }] });
    expect(describeCacheProblems(build, registryCache)).toEqual([
      'Layer cache (unknown) could not be read; the build went on without it: boom',
    ]);
    const exportOnly = warmBuild({ cacheProblems: [{ direction: 'export', ref: undefined, error: 'boom' }] });
    expect(describeCacheProblems(exportOnly, { ...registryCache, writeRef: undefined })).toEqual([
      'Layer cache (unknown) could not be written; the image is fine, the next build may be slower: boom',
    ]);
  });

  it('says nothing when every cache worked', () => {
    expect(describeCacheProblems(warmBuild({ cacheProblems: [] }), registryCache)).toEqual([]);
  });
});
