import { code, escapeMarkdown, table } from '../src/markdown.js';

describe('escapeMarkdown', () => {
  it.each([
    ['a | b', 'a &#124; b'],
    ['<!-- hidden -->', '&lt;!-- hidden --&gt;'],
    ['</details>', '&lt;/details&gt;'],
    ['`rm -rf /`', '&#96;rm -rf /&#96;'],
    ['thanks @octocat', 'thanks &#64;octocat'],
    ['fixes #123', 'fixes &#35;123'],
    ['*bold* _it_', '&#42;bold&#42; &#95;it&#95;'],
    ['[link](https://x.example)', '&#91;link&#93;(https://x.example)'],
    ['C:\\path', 'C:&#92;path'],
    ['"quoted" & more', '&quot;quoted&quot; &amp; more'],
    ['already &amp; escaped', 'already &amp;amp; escaped'],
    ['plain-text 1.2/3', 'plain-text 1.2/3'],
  ])('escapes %j', (text, expected) => {
    expect(escapeMarkdown(text)).toBe(expected);
  });

  it('keeps everything on one line', () => {
    expect(escapeMarkdown('one\ntwo\r\nthree\rfour')).toBe('one two three four');
  });

  it('leaves no character that could open a tag, a comment, a mention or a table cell', () => {
    const hostile = '<!-- x --></details><script>@team #1 | `y` \n## heading';
    const withoutEntities = escapeMarkdown(hostile).replace(/&(?:#\d+|[a-z]+);/g, '');
    expect(withoutEntities).not.toMatch(/[<>|`@#\n]/);
    expect(withoutEntities).toContain('team');
  });
});

describe('code', () => {
  it('wraps escaped text in <code>', () => {
    expect(code('ghcr.io/org/app:pr-1')).toBe('<code>ghcr.io/org/app:pr-1</code>');
  });

  it('cannot be broken out of', () => {
    expect(code('x</code><b>y|z')).toBe('<code>x&lt;/code&gt;&lt;b&gt;y&#124;z</code>');
  });
});

describe('table', () => {
  it('renders a header, a separator and one line per row', () => {
    expect(
      table(
        ['Step', 'Cached'],
        [
          ['a', 'yes'],
          ['b', 'no'],
        ],
      ),
    ).toBe('| Step | Cached |\n| --- | --- |\n| a | yes |\n| b | no |');
  });

  it('renders just the header when there are no rows', () => {
    expect(table(['', ''], [])).toBe('|  |  |\n| --- | --- |');
  });
});
