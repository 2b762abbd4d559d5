import { ACTIONS_BOT, commentingAs, findStickyComment } from '../../src/github/comment.js';
import { commentMarker } from '../../src/report/publish.js';

const marker = commentMarker('ghcr.io/org/app', 'CI');
const bot = { login: ACTIONS_BOT, type: 'Bot' };

describe('findStickyComment', () => {
  it('takes the comment whose first line is the marker, written by this identity', () => {
    const comments = [
      { id: 1, body: `${marker}\n### docker-fast-build`, user: { login: 'mallory', type: 'User' } },
      { id: 2, body: `${marker}\r\n### docker-fast-build`, user: bot },
    ];
    expect(findStickyComment(comments, marker, ACTIONS_BOT)?.id).toBe(2);
  });

  it('never takes a comment that only quotes the marker, even one this identity wrote', () => {
    const otherMarker = commentMarker('ghcr.io/org/other', 'CI');
    const comments = [
      // Another report whose untrusted text carried this marker.
      { id: 3, body: `${otherMarker}\n### docker-fast-build\n| step | ${marker} |`, user: bot },
      { id: 4, body: `> ${marker}\nquoted in a reply`, user: bot },
      { id: 5, body: `${marker}-->\n`, user: bot },
    ];
    expect(findStickyComment(comments, marker, ACTIONS_BOT)).toBeUndefined();
  });

  it('finds the Actions bot’s comment under the identity used when GitHub will not say who the token is', () => {
    const comments = [{ id: 6, body: `${marker}\n### docker-fast-build`, user: bot }];
    expect(findStickyComment(comments, marker, commentingAs(undefined))?.id).toBe(6);
    expect(commentingAs('my-app')).toBe('my-app');
    // GraphQL's viewer names the bot without the suffix.
    expect(findStickyComment(comments, marker, 'github-actions')?.id).toBe(6);
  });
});
