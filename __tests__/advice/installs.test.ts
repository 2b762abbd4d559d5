import { dependencyInstallOf } from '../../src/advice/installs.js';
import { parseShellScript } from '../../src/dockerfile/shell.js';
import { dockerfile, linesOf } from './helpers.js';

const installOf = (script: string) => {
  const [command] = parseShellScript(script);
  return command ? dependencyInstallOf(command) : null;
};

describe('dependencyInstallOf', () => {
  it.each([
    ['pip wheel -w /wheels -r requirements.txt', 'pip', 'deps'],
    ['pip3 download -d /pkgs -r requirements.txt', 'pip', 'deps'],
    ['pip wheel --no-deps -w /wheels .', 'pip', 'project-only'],
    ['python -m pip wheel --wheel-dir /wheels -r requirements/prod.txt', 'pip', 'deps'],
    ['python3.12 -m pip --no-cache-dir install -r requirements.txt', 'pip', 'deps'],
    ['pip --disable-pip-version-check --cache-dir /c install flask', 'pip', 'deps'],
    ['/opt/venv/bin/python -m pip install --upgrade pip setuptools', 'pip', 'tooling'],
    ['yarn install --frozen-lockfile --network-timeout 1000000', 'npm', 'deps'],
    ['yarn --frozen-lockfile --network-timeout 600000', 'npm', 'deps'],
    ['npm ci --fetch-retries 5', 'npm', 'deps'],
  ])('reads %s', (script, tool, scope) => {
    expect(installOf(script)).toMatchObject({ tool, scope });
  });

  it.each(['pip list', 'pip --version', 'python -m pip freeze', 'yarn add left-pad', 'yarn build'])(
    '%s installs nothing',
    (script) => {
      expect(installOf(script)).toBeNull();
    },
  );

  it('keeps general options for the flag checks', () => {
    expect(installOf('pip --no-cache-dir install -r r.txt')?.args).toContain('--no-cache-dir');
  });
});

describe('rules on the newly recognised installs', () => {
  it('copy-before-install sees pip wheel -r and a yarn install with a numeric option', () => {
    const text = dockerfile(
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY . .',
      'RUN pip wheel --no-cache-dir -w /wheels -r requirements.txt',
      'RUN yarn install --frozen-lockfile --network-timeout 1000000',
    );
    expect(linesOf('copy-before-install', text)).toEqual([4, 5]);
  });

  it('pip-cache-baked-in sees pip with its options before install', () => {
    const text = dockerfile('FROM python:3.12-slim', 'RUN pip --disable-pip-version-check install flask');
    expect(linesOf('pip-cache-baked-in', text)).toEqual([2]);
    expect(
      linesOf(
        'pip-cache-baked-in',
        dockerfile('FROM python:3.12-slim', 'RUN pip --no-cache-dir install flask'),
      ),
    ).toEqual([]);
  });
});
