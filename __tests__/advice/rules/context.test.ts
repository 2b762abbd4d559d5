import { advise, contextFacts, dockerfile, findingsOf, linesOf } from '../helpers.js';

const SIMPLE = dockerfile(
  '# syntax=docker/dockerfile:1',
  'FROM python:3.12-slim',
  'WORKDIR /app',
  'COPY requirements.txt .',
  'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
  'COPY . .',
);

const HEAVY = [
  { path: '.git', bytes: 48_000_000 },
  { path: '**/__pycache__', bytes: 2_000_000 },
];

describe('no-dockerignore', () => {
  it('points at line 1 and names the heavy directories with their bytes', () => {
    const context = contextFacts({ hasDockerignore: false, sentHeavyDirs: HEAVY, fileCount: 900 });
    const [finding] = findingsOf('no-dockerignore', SIMPLE, { context });
    expect(finding).toMatchObject({ line: 1, severity: 'warning', bytesAtStake: 50_000_000 });
    expect(finding?.message).toContain('.git (48.0 MB)');
    expect(finding?.message).toContain('900 files');
  });

  it('is a notice without bytes when nothing heavy is sent', () => {
    const context = contextFacts({ hasDockerignore: false });
    const [finding] = findingsOf('no-dockerignore', SIMPLE, { context });
    expect(finding?.severity).toBe('notice');
    expect(finding?.bytesAtStake).toBeUndefined();
  });

  it('says nothing with a .dockerignore or without context facts', () => {
    expect(findingsOf('no-dockerignore', SIMPLE, { context: contextFacts() })).toEqual([]);
    expect(findingsOf('no-dockerignore', SIMPLE)).toEqual([]);
  });
});

describe('context-sends-heavy-dirs', () => {
  it('points at the COPY that puts them into the image', () => {
    const [finding] = findingsOf('context-sends-heavy-dirs', SIMPLE, {
      context: contextFacts({ sentHeavyDirs: HEAVY }),
    });
    expect(finding).toMatchObject({ line: 6, severity: 'warning', bytesAtStake: 50_000_000 });
    expect(finding?.fix).toBe('Add .git, **/__pycache__ to .dockerignore.');
  });

  it('points at line 1 when no COPY of the whole context reaches the final image', () => {
    const text = dockerfile(
      'FROM python:3.12 AS build',
      'COPY . /src',
      'RUN pip wheel --no-cache-dir -w /wheels /src',
      'FROM python:3.12-slim',
      'COPY --from=build /wheels /wheels',
    );
    const [finding] = findingsOf('context-sends-heavy-dirs', text, {
      context: contextFacts({ sentHeavyDirs: HEAVY }),
    });
    expect(finding?.line).toBe(1);
  });

  it('leaves a missing .dockerignore to no-dockerignore, unless that rule is disabled', () => {
    const context = contextFacts({ hasDockerignore: false, sentHeavyDirs: HEAVY });
    expect(advise(SIMPLE, { context }).map((finding) => finding.rule)).toEqual(['no-dockerignore']);
    expect(
      advise(SIMPLE, { context, disabledRules: ['no-dockerignore'] }).map((finding) => finding.rule),
    ).toEqual(['context-sends-heavy-dirs']);
  });

  it('says nothing when no heavy directory is sent', () => {
    expect(findingsOf('context-sends-heavy-dirs', SIMPLE, { context: contextFacts() })).toEqual([]);
  });
});

describe('context-large-files', () => {
  it('names the biggest files and their total', () => {
    const largeFiles = [
      { path: 'models/big.bin', bytes: 900_000_000 },
      { path: 'data/a.parquet', bytes: 120_000_000 },
      { path: 'data/b.parquet', bytes: 80_000_000 },
      { path: 'data/c.parquet', bytes: 60_000_000 },
    ];
    const [finding] = findingsOf('context-large-files', SIMPLE, { context: contextFacts({ largeFiles }) });
    expect(finding).toMatchObject({ line: 6, severity: 'notice', bytesAtStake: 1_160_000_000 });
    expect(finding?.message).toContain('models/big.bin (900 MB)');
    expect(finding?.message).toContain('and 1 more');
  });

  it('says nothing without large files', () => {
    expect(findingsOf('context-large-files', SIMPLE, { context: contextFacts() })).toEqual([]);
  });
});

describe('context rules when nothing copies the whole context', () => {
  const NAMED = dockerfile(
    'FROM python:3.12-slim',
    'WORKDIR /app',
    'COPY requirements.txt .',
    'RUN pip install --no-cache-dir -r requirements.txt',
    'COPY app/ ./app/',
  );

  it('stays quiet: BuildKit sends only the paths the COPYs name', () => {
    const context = contextFacts({ hasDockerignore: false, sentHeavyDirs: HEAVY });
    expect(
      advise(NAMED, { context }).filter(
        (finding) =>
          finding.rule.startsWith('no-dockerignore') || finding.rule === 'context-sends-heavy-dirs',
      ),
    ).toEqual([]);
    expect(
      findingsOf('context-sends-heavy-dirs', NAMED, { context: contextFacts({ sentHeavyDirs: HEAVY }) }),
    ).toEqual([]);
  });

  it('still speaks when a RUN bind-mounts the whole context', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'RUN --mount=type=bind,target=/src pip install --no-cache-dir /src',
    );
    expect(linesOf('no-dockerignore', text, { context: contextFacts({ hasDockerignore: false }) })).toEqual([
      1,
    ]);
  });
});
