// Benchmark fixtures, generated and deterministic: the projects and the wheels they install.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { STACK_HOME } from '../stack/fixtures.mjs';
import { makeWheel } from '../stack/wheels.mjs';

const MB = 1024 * 1024;
export const BENCH_WHEELS = path.join(STACK_HOME, 'bench-wheels');

const PIP_DOCKERFILE = `FROM 127.0.0.1:5000/python:3.11-slim
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip \\
    pip install --no-index --trusted-host 127.0.0.1 --find-links http://127.0.0.1:8765/ -r requirements.txt
COPY src/ ./src/
CMD ["python3", "-m", "src.app"]
`;

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

/** name → { requirements, extra, payloadBytes, dockerfile, files } */
export const FIXTURES = {
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
};

export async function makeBenchWheels(names) {
  for (const name of names) {
    const fixture = FIXTURES[name];
    for (const requirement of [...fixture.requirements, fixture.extra]) {
      const [pkg, version] = requirement.split('==');
      await makeWheel(BENCH_WHEELS, { name: pkg, version, payloadBytes: fixture.payloadBytes });
    }
  }
  return BENCH_WHEELS;
}

/** A fresh workspace of the fixture in its initial state. */
export function createWorkspace(name) {
  const fixture = FIXTURES[name];
  const dir = mkdtempSync(path.join(tmpdir(), `dfb-bench-${name}-`));
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'Dockerfile'), fixture.dockerfile);
  writeFileSync(path.join(dir, 'requirements.txt'), `${fixture.requirements.join('\n')}\n`);
  writeFileSync(path.join(dir, 'src/__init__.py'), '');
  writeFileSync(path.join(dir, 'src/app.py'), 'print("bench")\n');
  writeFileSync(path.join(dir, '.dockerignore'), '.git\n');
  for (const [file, content] of Object.entries(fixture.files)) writeFileSync(path.join(dir, file), content);
  return dir;
}
