import {
  ACTIONS_BOT,
  commentingAs,
  findStickyComment,
  upsertCommentSection,
  type Octokit,
} from '../../src/github/comment.js';
import {
  commentMarker,
  holdsSection,
  imageSection,
  mergeSection,
} from '../../src/github/comment-sections.js';

const marker = commentMarker('CI');
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
    const otherMarker = commentMarker('Release');
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

/** An in-memory issue thread with the few calls the comment needs; every call yields, as a request would. */
function fakeGitHub(
  initial: { id: number; body: string; user: { login: string; type: string } }[] = [],
  afterList: (listed: number) => void = () => undefined,
) {
  const comments = initial.map((c) => ({ ...c }));
  let listed = 0;
  let nextId = 100;
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  const octokit = {
    paginate: async () => {
      await tick();
      const copy = comments.map((c) => ({ ...c }));
      afterList((listed += 1));
      return copy;
    },
    graphql: async () => ({ viewer: { login: ACTIONS_BOT } }),
    rest: {
      issues: {
        listComments: () => undefined,
        createComment: async ({ body }: { body: string }) => {
          await tick();
          const made = { id: nextId++, body, user: bot };
          comments.push(made);
          return { data: made };
        },
        updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
          await tick();
          comments.find((c) => c.id === comment_id)!.body = body;
        },
        deleteComment: async ({ comment_id }: { comment_id: number }) => {
          await tick();
          comments.splice(
            comments.findIndex((c) => c.id === comment_id),
            1,
          );
        },
      },
    },
  };
  return { octokit: octokit as unknown as Octokit, comments };
}

describe('upsertCommentSection', () => {
  const target = { owner: 'acme', repo: 'app', issueNumber: 5 };
  const sha = 'a'.repeat(40);
  const layout = { marker, sha, maxLength: 60_000 };
  const write = { create: true, pause: () => new Promise<void>((resolve) => setImmediate(resolve)) };

  it('two jobs that both create the comment at once end with one comment holding both sections', async () => {
    const { octokit, comments } = fakeGitHub();
    const api = imageSection('ghcr.io/acme/api', sha, '### api');
    const web = imageSection('ghcr.io/acme/web', sha, '### web');
    await Promise.all([
      upsertCommentSection(octokit, target, api, layout, write),
      upsertCommentSection(octokit, target, web, layout, write),
    ]);
    expect(comments).toHaveLength(1);
    expect(holdsSection(comments[0]!.body, api)).toBe(true);
    expect(holdsSection(comments[0]!.body, web)).toBe(true);
  });

  it('writes again when another job overwrote its section', async () => {
    const web = imageSection('ghcr.io/acme/web', sha, '### web');
    const { octokit, comments } = fakeGitHub([
      { id: 1, body: mergeSection(undefined, web, layout), user: bot },
    ]);
    const api = imageSection('ghcr.io/acme/api', sha, '### api');
    let clobbered = false;
    // The other job's write lands between this one's write and its check, without this section.
    const racing = {
      ...write,
      pause: async () => {
        if (!clobbered) comments[0]!.body = mergeSection(undefined, web, layout);
        clobbered = true;
      },
    };
    expect(await upsertCommentSection(octokit, target, api, layout, racing)).toEqual({
      action: 'updated',
      id: 1,
    });
    expect(holdsSection(comments[0]!.body, api)).toBe(true);
    expect(holdsSection(comments[0]!.body, web)).toBe(true);
  });

  it('looks again after its check, for a job that read before this write and wrote after', async () => {
    const web = imageSection('ghcr.io/acme/web', sha, '### web');
    const api = imageSection('ghcr.io/acme/api', sha, '### api');
    // The other job's stale write lands right after this job's first check has read the comment.
    const { octokit, comments } = fakeGitHub(
      [{ id: 1, body: mergeSection(undefined, web, layout), user: bot }],
      (listed) => {
        if (listed === 2) comments[0]!.body = mergeSection(undefined, web, layout);
      },
    );
    await upsertCommentSection(octokit, target, api, layout, write);
    expect(holdsSection(comments[0]!.body, api)).toBe(true);
    expect(holdsSection(comments[0]!.body, web)).toBe(true);
  });

  it('comment: on-change creates none when there is none, and skips nothing when there is one', async () => {
    const api = imageSection('ghcr.io/acme/api', sha, '### api');
    const empty = fakeGitHub();
    expect(
      await upsertCommentSection(empty.octokit, target, api, layout, { ...write, create: false }),
    ).toEqual({
      action: 'skipped',
      id: undefined,
    });
    expect(empty.comments).toEqual([]);
    const web = imageSection('ghcr.io/acme/web', sha, '### web');
    const existing = fakeGitHub([{ id: 1, body: mergeSection(undefined, web, layout), user: bot }]);
    await upsertCommentSection(existing.octokit, target, api, layout, { ...write, create: false });
    expect(holdsSection(existing.comments[0]!.body, api)).toBe(true);
  });

  it('gives up with an error after the bounded number of writes', async () => {
    const web = imageSection('ghcr.io/acme/web', sha, '### web');
    const { octokit, comments } = fakeGitHub([
      { id: 1, body: mergeSection(undefined, web, layout), user: bot },
    ]);
    const api = imageSection('ghcr.io/acme/api', sha, '### api');
    const alwaysClobbered = {
      create: true,
      attempts: 3,
      pause: async () => {
        comments[0]!.body = mergeSection(undefined, web, layout);
      },
    };
    await expect(upsertCommentSection(octokit, target, api, layout, alwaysClobbered)).rejects.toThrow(
      /after 3 writes/,
    );
  });
});
