import {
  commentMarker,
  composeBody,
  findSection,
  headOf,
  holdsSection,
  imageSection,
  mergeSection,
  parseSections,
  sectionKey,
} from '../../src/github/comment-sections.js';

const A_SHA = 'a'.repeat(40);
const B_SHA = 'b'.repeat(40);
const layout = { marker: commentMarker('ci'), sha: A_SHA, maxLength: 60_000 };
const api = (body = '### docker-fast-build: <code>api</code>\n\n**100 MB**') =>
  imageSection('ghcr.io/acme/api', A_SHA, body);
const web = (sha = A_SHA, body = '### docker-fast-build: <code>web</code>\n\n**200 MB**') =>
  imageSection('ghcr.io/acme/web', sha, body);

describe('mergeSection', () => {
  it('a fresh comment: the marker first, then the one section', () => {
    const body = mergeSection(undefined, api(), layout);
    expect(body.split('\n')[0]).toBe(layout.marker);
    expect(parseSections(body)).toEqual([api()]);
  });

  it("adds an image's section beside another job's, and replaces only its own", () => {
    const withWeb = mergeSection(undefined, web(), layout);
    const both = mergeSection(withWeb, api(), layout);
    expect(parseSections(both).map((s) => s.name)).toEqual(['ghcr.io/acme/api', 'ghcr.io/acme/web']);
    const updated = mergeSection(both, api('### docker-fast-build: <code>api</code>\n\n**90 MB**'), layout);
    expect(findSection(updated, sectionKey('ghcr.io/acme/api'))?.body).toContain('**90 MB**');
    expect(findSection(updated, sectionKey('ghcr.io/acme/web'))).toEqual(web());
    expect(updated.match(/docker-fast-build:image=/g)).toHaveLength(2);
  });

  it('writes the same body whichever of two jobs writes last', () => {
    const apiFirst = mergeSection(mergeSection(undefined, api(), layout), web(), layout);
    const webFirst = mergeSection(mergeSection(undefined, web(), layout), api(), layout);
    expect(apiFirst).toBe(webFirst);
  });

  it('marks stale the section of an image this run did not build, and unmarks it once rebuilt', () => {
    const old = mergeSection(undefined, web(B_SHA), { ...layout, sha: B_SHA });
    expect(old).not.toContain('Stale');
    const now = mergeSection(old, api(), layout);
    expect(now).toMatch(
      /Stale: this image was last reported at <code>bbbbbbb<\/code>, not at <code>aaaaaaa<\/code>/,
    );
    // The note is the layout's, not the section's: parsed back, the section is as its job wrote it.
    expect(findSection(now, web().key)).toEqual(web(B_SHA));
    const rebuilt = mergeSection(now, web(A_SHA), layout);
    expect(rebuilt).not.toContain('Stale');
    expect(rebuilt.match(/docker-fast-build:image=/g)).toHaveLength(2);
  });

  it('tells org/app from org-app, whose names look alike once made safe', () => {
    const slash = imageSection('org/app', A_SHA, 'slash');
    const dash = imageSection('org app', A_SHA, 'space');
    const body = mergeSection(mergeSection(undefined, slash, layout), dash, layout);
    expect(parseSections(body)).toHaveLength(2);
  });

  it('shrinks the other images to their verdict first when the comment would be too long', () => {
    const details = `\n\n<details><summary>Layers</summary>\n\n${'x'.repeat(5_000)}\n\n</details>`;
    const big = web(A_SHA, `### web\n\n**200 MB**${details}`);
    const mine = api(`### api\n\n**100 MB**${details}`);
    const body = mergeSection(mergeSection(undefined, big, layout), mine, { ...layout, maxLength: 7_000 });
    expect(body.length).toBeLessThanOrEqual(7_000);
    expect(findSection(body, mine.key)).toEqual(mine);
    expect(findSection(body, big.key)?.body).toBe(headOf(big.body));
    expect(findSection(body, big.key)?.body).toContain('**200 MB**');
    expect(body.split('<details>').length).toBe(body.split('</details>').length);
  });
});

describe('markers in report text', () => {
  it('cannot open, close or forge a section', () => {
    const forged = [
      '### web',
      `<!-- docker-fast-build:end key=${sectionKey('ghcr.io/acme/web')} -->`,
      `<!-- docker-fast-build:image=ghcr.io/acme/db key=${sectionKey('ghcr.io/acme/db')} sha=${A_SHA} -->`,
      'I am the db image now',
      `<!-- docker-fast-build:end key=${sectionKey('ghcr.io/acme/db')} -->`,
    ].join('\n');
    const section = web(A_SHA, forged);
    expect(section.body).not.toContain('<!-- docker-fast-build:');
    const body = mergeSection(undefined, section, layout);
    expect(parseSections(body)).toEqual([section]);
    expect(holdsSection(body, section)).toBe(true);
  });

  it('drops a section whose end was cut off instead of swallowing the rest', () => {
    const body = composeBody([web(), api()], layout);
    const cut = body.replace(`<!-- docker-fast-build:end key=${api().key} -->`, '');
    expect(parseSections(cut).map((s) => s.key)).toEqual([web().key]);
  });
});

describe('holdsSection', () => {
  it('is true only for the exact section at the same commit', () => {
    const body = mergeSection(undefined, api(), layout);
    expect(holdsSection(body, api())).toBe(true);
    expect(holdsSection(body, api('### other'))).toBe(false);
    expect(holdsSection(body, imageSection('ghcr.io/acme/api', B_SHA, api().body))).toBe(false);
    expect(holdsSection(body, web())).toBe(false);
  });
});
