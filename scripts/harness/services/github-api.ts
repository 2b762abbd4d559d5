// A stand-in for the few GitHub REST endpoints the report comment uses (list, create, update, delete), on 127.0.0.1,
// recording every call. Faults: 'forbidden' (403 on writes, like a fork's token), 'not-found',
// 'server-error' (500 on everything), 'secondary-rate-limit' (the first two calls answer 403 with retry-after).
import { createServer, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import { closeServer, listenLocally } from './simulated-network.js';

export interface Author {
  login: string;
  type: string;
}

export interface Comment {
  id: number;
  body: string;
  user?: Author;
}

/** One request the stand-in received; `body` is the parsed JSON, if any. */
export interface ApiCall {
  method: string;
  path: string;
  body: unknown;
}

export type ApiFault = 'none' | 'forbidden' | 'not-found' | 'server-error' | 'secondary-rate-limit';

export interface GitHubApiOptions {
  /** Comments already on every issue; those without a `user` were written by someone else. */
  existingComments?: Comment[];
  /** Who the token comments as (`github-actions[bot]`, as GITHUB_TOKEN does); GraphQL's `viewer` answers with it. */
  identity?: string;
  /** The open pull requests GET /repos/:owner/:repo/pulls lists (filtered by `head=owner:branch`). */
  pullRequests?: { number: number; head: { ref: string; sha: string; user: { login: string } } }[];
  /** GraphQL's `viewer` fails, as it does for an installation token: GitHub will not say who the token is. */
  viewerRefused?: boolean;
}

export interface GitHubApi {
  url: string;
  /** Every call, in order (tests empty it with `calls.length = 0`). */
  calls: ApiCall[];
  comments(issue: number | string): Comment[];
  setFault(kind: ApiFault): void;
  close(): Promise<void>;
}

export async function startGitHubApi({
  existingComments = [],
  identity = 'github-actions[bot]',
  pullRequests = [],
  viewerRefused = false,
}: GitHubApiOptions = {}): Promise<GitHubApi> {
  const calls: ApiCall[] = [];
  const commentsByIssue = new Map<string, Comment[]>();
  const self: Author = { login: identity, type: identity.endsWith('[bot]') ? 'Bot' : 'User' };
  let nextId = 1000;
  let fault: ApiFault = 'none';
  let rateLimited = 0;

  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = raw ? JSON.parse(raw) : undefined;
      calls.push({ method: req.method ?? '', path: url.pathname, body });
      const send = (status: number, payload: unknown, headers: OutgoingHttpHeaders = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      if (fault === 'server-error') return send(500, { message: 'Server Error' });
      if (fault === 'not-found') return send(404, { message: 'Not Found' });
      if (fault === 'secondary-rate-limit' && rateLimited < 2) {
        rateLimited += 1;
        return send(403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '1' });
      }
      if (url.pathname === '/graphql' && req.method === 'POST') {
        if (/\bviewer\b/.test(body?.query ?? '') && viewerRefused)
          return send(200, {
            errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }],
          });
        if (/\bviewer\b/.test(body?.query ?? '')) return send(200, { data: { viewer: { login: identity } } });
        return send(200, { errors: [{ message: 'only viewer is answered here' }] });
      }
      if (/^\/repos\/[^/]+\/[^/]+\/pulls$/.test(url.pathname) && req.method === 'GET') {
        const head = url.searchParams.get('head');
        const open = url.searchParams.get('state') ?? 'open';
        return send(
          200,
          pullRequests.filter(
            (pr) =>
              (open === 'open' || open === 'all') &&
              (!head || head === `${pr.head.user.login}:${pr.head.ref}`),
          ),
        );
      }
      const list = url.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/);
      const one = url.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/);
      if (list && req.method === 'GET') {
        const comments = commentsFor(list[3]!);
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const pages = Math.max(1, Math.ceil(comments.length / perPage));
        const headers: OutgoingHttpHeaders = {};
        if (page < pages) {
          const next = new URL(url);
          next.searchParams.set('page', String(page + 1));
          headers.link = `<http://127.0.0.1:${port()}${next.pathname}${next.search}>; rel="next"`;
        }
        return send(200, comments.slice((page - 1) * perPage, page * perPage), headers);
      }
      if (fault === 'forbidden' && req.method !== 'GET') {
        return send(403, { message: 'Resource not accessible by integration' });
      }
      // GitHub's limit on a comment body.
      if ((list || one) && typeof body?.body === 'string' && body.body.length > 65536) {
        return send(422, {
          message: 'Validation Failed',
          errors: [
            { field: 'body', code: 'custom', message: 'body is too long (maximum is 65536 characters)' },
          ],
        });
      }
      if (list && req.method === 'POST') {
        const comment = { id: nextId++, body: body.body, user: self };
        commentsFor(list[3]!).push(comment);
        return send(201, comment);
      }
      if (one && req.method === 'PATCH') {
        for (const comments of commentsByIssue.values()) {
          const comment = comments.find((c) => c.id === Number(one[3]));
          if (comment) {
            // Writers may edit comments of others: what the action must not do is pick one it did not write.
            comment.body = body.body;
            return send(200, comment);
          }
        }
        return send(404, { message: 'Not Found' });
      }
      if (one && req.method === 'DELETE') {
        for (const comments of commentsByIssue.values()) {
          const index = comments.findIndex((c) => c.id === Number(one[3]));
          if (index >= 0) {
            comments.splice(index, 1);
            res.writeHead(204);
            return res.end();
          }
        }
        return send(404, { message: 'Not Found' });
      }
      return send(404, { message: `no such endpoint: ${req.method} ${url.pathname}` });
    });
  });

  function commentsFor(issue: string): Comment[] {
    let comments = commentsByIssue.get(issue);
    if (!comments) {
      comments = existingComments.map((c) => ({ user: { login: 'someone', type: 'User' }, ...c }));
      commentsByIssue.set(issue, comments);
    }
    return comments;
  }
  const port = () => (server.address() as AddressInfo).port;

  await listenLocally(server, 0, 'GitHub API');
  return {
    url: `http://127.0.0.1:${port()}`,
    calls,
    comments: (issue) => commentsFor(String(issue)),
    setFault: (kind) => {
      fault = kind;
      rateLimited = 0;
    },
    close: () => closeServer(server),
  };
}
