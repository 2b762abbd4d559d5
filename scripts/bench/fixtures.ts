// Benchmark fixtures, generated and deterministic: the projects and the wheels they install.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { makeAptRepository } from '../harness/fixtures/apt-repository.js';
import { writeProject } from '../harness/fixtures/projects.js';
import { makeCExtensionSdist } from '../harness/fixtures/sdists.js';
import { MB, makeWheel } from '../harness/fixtures/wheels.js';
import { ACTION_DIR } from '../harness/runner/run-action.js';
import { APT_REPOSITORY_PORT } from '../harness/services/apt-repository.js';
import { STACK_HOME } from '../harness/stack.js';

export const BENCH_WHEELS = path.join(STACK_HOME, 'bench-wheels');
export const BENCH_APT_REPOSITORY = path.join(STACK_HOME, 'bench-apt');

/** A second wheel index serving the same files fast (see pip-heavy-fast-index); 8766 is the apt repository's. */
export const FAST_INDEX = { port: 8767, rateMBps: 400 };

const pipDockerfile = (port: number): string => `FROM 127.0.0.1:5000/python:3.11-slim
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip \\
    pip install --no-index --trusted-host 127.0.0.1 --find-links http://127.0.0.1:${port}/ -r requirements.txt
COPY src/ ./src/
CMD ["python3", "-m", "src.app"]
`;
const PIP_DOCKERFILE = pipDockerfile(8765);

// uv cannot be installed here: this stands in for it with the same cache layout and behaviour —
// fetch each wheel into /root/.cache/uv unless it is there, then install from the cache. The installer
// is a heredoc, so that (as with \`uv sync\`) only the lockfile is copied before the install step.
const UVLIKE = `import os, sys, sysconfig, urllib.request, zipfile
cache = "/root/.cache/uv/wheels-v1"
os.makedirs(cache, exist_ok=True)
site = sysconfig.get_paths()["purelib"]
for line in open(sys.argv[1]):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    name, version = line.split("==")
    wheel = f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
    cached = os.path.join(cache, wheel)
    if not os.path.exists(cached):
        urllib.request.urlretrieve(f"http://127.0.0.1:8765/{wheel}", cached + ".part")
        os.replace(cached + ".part", cached)
    zipfile.ZipFile(cached).extractall(site)
`;

const UV_DOCKERFILE = `FROM 127.0.0.1:5000/python:3.11-slim
WORKDIR /app
COPY <<'EOF' /usr/local/bin/uvlike.py
${UVLIKE}EOF
COPY requirements.txt ./
RUN --mount=type=cache,target=/root/.cache/uv python3 /usr/local/bin/uvlike.py requirements.txt
COPY src/ ./src/
CMD ["python3", "-m", "src.app"]
`;

// pip builds each sdist with gcc (setuptools and wheel come from the base image, hence no build
// isolation) and keeps the built wheel in /root/.cache/pip/wheels: restored, that cache turns the
// compiles into "Using cached" wheels.
const COMPILE_DOCKERFILE = `FROM 127.0.0.1:5000/python:3.11-gcc
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip \\
    pip install --no-build-isolation --no-index --trusted-host 127.0.0.1 --find-links http://127.0.0.1:8765/ -r requirements.txt
COPY src/ ./src/
CMD ["python3", "-m", "src.app"]
`;

// The apt cache-mount pattern of Docker's documentation. The stand-in base image is a debootstrap,
// not Docker Hub's Debian: the docker-clean it removes is not there, and its force-unsafe-io (which
// Docker Hub's images ship, so that dpkg does not fsync every file) is added here.
const aptDockerfile = (packages: string[]) => `FROM 127.0.0.1:5000/python:3.11-slim
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\
    --mount=type=cache,target=/var/lib/apt,sharing=locked \\
    rm -f /etc/apt/apt.conf.d/docker-clean \\
 && echo force-unsafe-io > /etc/dpkg/dpkg.cfg.d/docker-apt-speedup \\
 && echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-downloads \\
 && echo 'deb [trusted=yes] http://127.0.0.1:${APT_REPOSITORY_PORT}/ ./' > /etc/apt/sources.list \\
 && apt-get update \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \\
      ${packages.join(' ')}
WORKDIR /app
COPY src/ ./src/
CMD ["python3", "-m", "src.app"]
`;

/** A generated project, and what its requirements name. */
interface BenchFixture {
  description: string;
  requirements: string[];
  /** What the add-dependency scenario adds. */
  extra: string;
  /** Wheels (of `payloadBytes`) by default, C-extension sdists (of `functions` generated functions) or Debian packages. */
  artifact?: 'wheel' | 'sdist' | 'deb';
  payloadBytes?: number;
  functions?: number;
  /** A Dockerfile, or one made from the requirements (they are then named in it, not in requirements.txt). */
  dockerfile: string | ((packages: string[]) => string);
  files: Record<string, string>;
  /** Overrides appending `extra` to requirements.txt. */
  addDependency?(dir: string): void;
}

export const FIXTURES: Record<string, BenchFixture> = {
  'pip-heavy': {
    description: '12 wheels of 25 MB, pip, cache mount at /root/.cache/pip',
    requirements: Array.from(
      { length: 12 },
      (_, i) => `bench-heavy-${String(i + 1).padStart(2, '0')}==1.0.0`,
    ),
    extra: 'bench-heavy-extra==1.0.0',
    payloadBytes: 25 * MB,
    dockerfile: PIP_DOCKERFILE,
    files: {},
  },
  // The same wheels from an index as fast as a CDN next to the runner: carrying them costs more
  // than fetching them again, so the dependency cache must keep only what the build made.
  'pip-heavy-fast-index': {
    description: `the 12 wheels of pip-heavy from an index at ${FAST_INDEX.rateMBps} MB/s`,
    requirements: Array.from(
      { length: 12 },
      (_, i) => `bench-heavy-${String(i + 1).padStart(2, '0')}==1.0.0`,
    ),
    extra: 'bench-heavy-extra==1.0.0',
    payloadBytes: 25 * MB,
    dockerfile: pipDockerfile(FAST_INDEX.port),
    files: {},
  },
  'pip-many': {
    description: '150 wheels of 64 kB, pip, cache mount at /root/.cache/pip',
    requirements: Array.from(
      { length: 150 },
      (_, i) => `bench-many-${String(i + 1).padStart(3, '0')}==1.0.0`,
    ),
    extra: 'bench-many-extra==1.0.0',
    payloadBytes: 64 * 1024,
    dockerfile: PIP_DOCKERFILE,
    files: {},
  },
  'uv-layout': {
    description: '8 wheels of 25 MB through a cache mount at /root/.cache/uv (uv-like installer)',
    requirements: Array.from({ length: 8 }, (_, i) => `bench-uv-${i + 1}==1.0.0`),
    extra: 'bench-uv-extra==1.0.0',
    payloadBytes: 25 * MB,
    dockerfile: UV_DOCKERFILE,
    files: {},
  },
  'compile-heavy': {
    description:
      '6 C-extension sdists that gcc -O2 compiles for seconds each, pip, cache mount at /root/.cache/pip',
    requirements: Array.from({ length: 6 }, (_, i) => `bench-native-${i + 1}==1.0.0`),
    extra: 'bench-native-extra==1.0.0',
    artifact: 'sdist',
    // About 3.5 s of gcc -O2 each on this machine (0.05 s a function).
    functions: 64,
    dockerfile: COMPILE_DOCKERFILE,
    files: {},
  },
  apt: {
    description:
      '7 Debian packages (38 with dependencies, 47 MB) from a local apt repository, cache mounts at /var/cache/apt and /var/lib/apt',
    requirements: [
      'git',
      'postgresql-client-15',
      'libxml2',
      'libxslt1.1',
      'libopenblas0-pthread',
      'libgeos-c1v5',
      'libproj25',
    ],
    extra: 'libmagic1',
    artifact: 'deb',
    dockerfile: aptDockerfile,
    files: {},
    // The packages are named in the Dockerfile, as they usually are: adding one edits the RUN itself.
    addDependency(this: BenchFixture, dir: string) {
      writeFileSync(path.join(dir, 'Dockerfile'), aptDockerfile([...this.requirements, this.extra]));
    },
  },
};

const artifactOf = (fixture: BenchFixture) => fixture.artifact ?? 'wheel';

function fixtureNamed(name: string): BenchFixture {
  const fixture = FIXTURES[name];
  if (!fixture)
    throw new Error(`Unknown bench fixture '${name}': one of ${Object.keys(FIXTURES).join(', ')}`);
  return fixture;
}

/**
 * Everything the fixtures need besides their workspaces: wheels and sdists in BENCH_WHEELS (for the
 * wheel index), the compiler base image, the apt repository. Resolves to whether an apt fixture is
 * among them (then BENCH_APT_REPOSITORY must be served too).
 */
export async function prepareFixtures(names: string[]): Promise<{ apt: boolean }> {
  let apt = false;
  for (const name of names) {
    const fixture = fixtureNamed(name);
    const kind = artifactOf(fixture);
    if (kind === 'deb') {
      makeAptRepository(BENCH_APT_REPOSITORY, [...fixture.requirements, fixture.extra]);
      apt = true;
      continue;
    }
    if (kind === 'sdist')
      execFileSync('bash', [path.join(ACTION_DIR, 'scripts/stack/compiler-image.sh')], { stdio: 'inherit' });
    for (const requirement of [...fixture.requirements, fixture.extra]) {
      const [pkg = '', version] = requirement.split('==');
      if (kind === 'sdist')
        await makeCExtensionSdist(BENCH_WHEELS, { name: pkg, version, functions: fixture.functions });
      else await makeWheel(BENCH_WHEELS, { name: pkg, version, payloadBytes: fixture.payloadBytes });
    }
  }
  return { apt };
}

/** A fresh workspace of the fixture in its initial state. */
export function createWorkspace(name: string): string {
  const fixture = fixtureNamed(name);
  const dir = mkdtempSync(path.join(tmpdir(), `dfb-bench-${name}-`));
  return writeProject(dir, {
    ...(typeof fixture.dockerfile === 'function'
      ? { Dockerfile: fixture.dockerfile(fixture.requirements) }
      : { Dockerfile: fixture.dockerfile, 'requirements.txt': `${fixture.requirements.join('\n')}\n` }),
    'src/__init__.py': '',
    'src/app.py': 'print("bench")\n',
    '.dockerignore': '.git\n',
    ...fixture.files,
  });
}

/** The add-dependency scenario's edit: one more requirement, wherever the fixture keeps them. */
export function addDependency(name: string, dir: string): void {
  const fixture = fixtureNamed(name);
  if (fixture.addDependency) fixture.addDependency(dir);
  else appendFileSync(path.join(dir, 'requirements.txt'), `${fixture.extra}\n`);
}
