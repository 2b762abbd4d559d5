import {
  expandedWords,
  outputRedirectTargets,
  parseShellScript,
  splitShellCommands,
} from '../../src/dockerfile/shell.js';

describe('splitShellCommands', () => {
  it('splits on operators and newlines but not inside quotes', () => {
    expect(splitShellCommands(`apt-get update && echo "a && b" ; pip install 'x y' | tee log\nls`)).toEqual([
      ['apt-get', 'update'],
      ['echo', 'a && b'],
      ['pip', 'install', 'x y'],
      ['tee', 'log'],
      ['ls'],
    ]);
  });

  it('drops redirection targets, comments and escaped newlines', () => {
    expect(splitShellCommands('curl -sSL https://x/y > /tmp/y 2>&1 # fetch\npip \\\n install z')).toEqual([
      ['curl', '-sSL', 'https://x/y'],
      ['pip', 'install', 'z'],
    ]);
  });

  it('treats subshells and command substitution as separate commands', () => {
    expect(splitShellCommands('(cd /src && make) || pip install $(cat reqs)')).toEqual([
      ['cd', '/src'],
      ['make'],
      ['pip', 'install', '$'],
      ['cat', 'reqs'],
    ]);
  });
});

describe('parseShellScript', () => {
  it('takes assignments, sudo and env off the command and keeps them as its environment', () => {
    const [command] = parseShellScript('PIP_NO_CACHE_DIR=1 sudo -u app env -i A=b pip install flask');
    expect(command).toEqual({
      words: ['pip', 'install', 'flask'],
      env: { PIP_NO_CACHE_DIR: '1', A: 'b' },
      joinedBy: null,
    });
  });

  it('carries exported variables to later commands only', () => {
    const commands = parseShellScript('pip install a; export UV_NO_CACHE=1 && uv sync');
    expect(commands.map((command) => command.env)).toEqual([{}, { UV_NO_CACHE: '1' }]);
  });

  it('sees through if/then and xargs', () => {
    const commands = parseShellScript('if [ -f r.txt ]; then cat r.txt | xargs -n 1 pip install; fi');
    expect(commands.map((command) => command.words[0])).toEqual(['[', 'cat', 'pip', 'fi']);
  });
});

describe('outputRedirectTargets', () => {
  it('names files written with >, >> and 2>, quoted or not, but not duplications or inputs', () => {
    expect(
      outputRedirectTargets(
        `head -c 5 /dev/urandom > /tmp/a && echo x >>"/var/log/b" 2>/tmp/err; cmd 2>&1 < /etc/in >&2`,
      ),
    ).toEqual(['/tmp/a', '/var/log/b', '/tmp/err']);
  });
});

describe('parseShellScript operators', () => {
  it('records how each command is joined to the one before, so a fallback can be told apart', () => {
    const joins = parseShellScript('uv sync --frozen || uv sync &&\n  echo done | tee log; ls\nrm -rf x').map(
      (command) => [command.words[0], command.joinedBy],
    );
    expect(joins).toEqual([
      ['uv', null],
      ['uv', '||'],
      ['echo', '&&'],
      ['tee', '|'],
      ['ls', ';'],
      ['rm', ';'],
    ]);
  });
});

describe('expandedWords', () => {
  const known = new Map([
    ['UV_OPTIONS', '--frozen --no-dev'],
    ['PKGS', 'gcc libpq-dev'],
  ]);

  it('expands known ARG/ENV values and splits them as an unquoted expansion', () => {
    const [command] = parseShellScript('uv sync $UV_OPTIONS ${EXTRA}');
    expect(expandedWords(command!, new Map([...known, ['EXTRA', '']]))).toEqual([
      'uv',
      'sync',
      '--frozen',
      '--no-dev',
    ]);
  });

  it('prefers the command’s own assignments, and gives up on unknown variables or substitutions', () => {
    const [own, unknown, substituted] = parseShellScript(
      'PKGS=curl apt-get install $PKGS; apt-get install $OTHER; pip install $(cat reqs)',
    );
    expect(expandedWords(own!, known)).toEqual(['apt-get', 'install', 'curl']);
    expect(expandedWords(unknown!, known)).toBeNull();
    expect(expandedWords(substituted!, known)).toBeNull();
  });
});

describe('parseShellScript on shell strings', () => {
  it.each([
    ['bash -c "pip install -r requirements.txt"', ['pip install -r requirements.txt']],
    [`sh -ec 'apt-get update && apt-get install -y gcc'`, ['apt-get update', 'apt-get install -y gcc']],
    [`exec /bin/bash -lc "cd /app && python -m pip install ."`, ['cd /app', 'python -m pip install .']],
    [`su app -c 'pip install --user flask'`, ['pip install --user flask']],
    [`bash ./install.sh -c x`, ['bash ./install.sh -c x']],
  ])('reads the commands inside %s', (script, expected) => {
    expect(parseShellScript(script).map((command) => command.words.join(' '))).toEqual(expected);
  });

  it('keeps how the shell string is joined and the environment it runs with', () => {
    const [first, second] = parseShellScript(
      `true && PIP_NO_CACHE_DIR=1 sh -c 'pip install x; pip install y'`,
    ).slice(1);
    expect(first).toMatchObject({ joinedBy: '&&', env: { PIP_NO_CACHE_DIR: '1' } });
    expect(second).toMatchObject({ joinedBy: ';', env: { PIP_NO_CACHE_DIR: '1' } });
  });
});
