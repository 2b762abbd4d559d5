import { jest } from '@jest/globals';

import { enclose, info, isInert, newStopToken } from '../src/runner-log.js';
import { WorkflowCommandReader } from '../scripts/harness/runner/workflow-commands.js';

/** What a RUN step can print to take over the runner, each as the runner would read it. */
const ATTACKS = [
  '#5 ##[save-state name=buildxInvocation;]["sh","-c","touch /tmp/pwned"]',
  'progress 10%\r##[set-output name=digest;]sha256:forged',
  '\u0085::save-state name=builderToRemove::victim',
  ' \t\u2003::add-mask::secret-looking',
  'x\n::stop-commands::freeze',
  '#9 ##[stop-commands]freeze',
  '::set-output name=size::0',
  '##[SAVE-STATE name=x;]upper case names count too',
];

function read(...chunks: string[]): WorkflowCommandReader {
  const reader = new WorkflowCommandReader();
  for (const chunk of chunks) reader.feed('stdout', chunk);
  reader.end();
  return reader;
}

describe('the runner model', () => {
  it.each(ATTACKS)('acts on %j when it is printed as it is', (attack) => {
    expect(read(`${attack}\n`).commands.length).toBeGreaterThan(0);
  });

  it('keeps what stdout commands set, as the runner does', () => {
    const reader = read(
      '#5 ##[save-state name=buildxInvocation;]["sh"]\n',
      '::set-output name=digest::sha256:1\n',
      '  ::add-mask::hidden\n',
    );
    expect(reader.state).toEqual({ buildxInvocation: '["sh"]' });
    expect(reader.outputs).toEqual({ digest: 'sha256:1' });
    expect(reader.masks).toEqual(['hidden']);
  });

  it('ignores every command between stop-commands and its token, the legacy form too', () => {
    const reader = read(
      '::stop-commands::abc\n',
      '##[save-state name=a;]1\n::set-output name=b::2\n',
      '::abc::\n',
      '::warning::after\n',
    );
    expect(reader.state).toEqual({});
    expect(reader.outputs).toEqual({});
    expect(reader.annotations).toEqual([{ level: 'warning', properties: '', message: 'after' }]);
  });

  it('joins a line split across chunks before reading it', () => {
    expect(read('#5 ##[save-', 'state name=a;]1\n').state).toEqual({ a: '1' });
  });
});

describe('isInert', () => {
  it('passes ordinary build output through', () => {
    expect(isInert('#7 Successfully installed numpy-2.1.0 sha256:abc [2/3] RUN pip install')).toBe(true);
  });

  it.each(ATTACKS)('refuses %j', (attack) => {
    expect(isInert(attack)).toBe(false);
  });
});

describe('enclose', () => {
  it.each(ATTACKS)('makes %j inert, and commands work again after it', (attack) => {
    const reader = read(enclose(attack, newStopToken()), '::warning::ours\n');
    expect(reader.state).toEqual({});
    expect(reader.outputs).toEqual({});
    expect(reader.masks).toEqual([]);
    expect(reader.annotations).toEqual([{ level: 'warning', properties: '', message: 'ours' }]);
  });

  it('ends the block on a line of its own when the text has no final line break', () => {
    const token = newStopToken();
    expect(enclose('##[x]', token)).toBe(`::stop-commands::${token}\n##[x]\n::${token}::\n`);
  });

  it('refuses a token a build could guess', () => {
    expect(() => enclose('text', 'pwned')).toThrow(/stop token/);
  });
});

describe('info', () => {
  it('prints hostile text so that the runner acts on none of it', () => {
    const written: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      for (const attack of ATTACKS) info(attack);
      info('plain line');
    } finally {
      write.mockRestore();
    }
    const reader = read(...written, '::notice::still listening\n');
    expect(reader.state).toEqual({});
    expect(reader.outputs).toEqual({});
    expect(reader.masks).toEqual([]);
    expect(reader.annotations.map((a) => a.message)).toEqual(['still listening']);
    expect(written.at(-1)).toBe('plain line\n');
  });
});
