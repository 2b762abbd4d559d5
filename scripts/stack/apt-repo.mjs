// A stand-in for a Debian mirror: serves the flat repository made by apt-repo.sh from 127.0.0.1 at a
// simulated network rate, and counts package downloads so the bench can tell a cache hit from a fetch.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { DEFAULT_RATE_MB_PER_S, throttle } from './wheels.mjs';

export const APT_REPO_PORT = 8766;
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'apt-repo.sh');

/** Fills `dir` with `packages` and what they need beyond the base image, unless it already has them. */
export function makeAptRepository(dir, packages) {
  execFileSync('bash', [SCRIPT, dir, ...packages], { stdio: ['ignore', 'inherit', 'inherit'] });
  return dir;
}

/** Serves `dir` as `deb [trusted=yes] http://127.0.0.1:port/ ./`. */
export async function serveAptRepository(
  dir,
  { port = APT_REPO_PORT, rateMBps = DEFAULT_RATE_MB_PER_S } = {},
) {
  const downloads = new Map();
  const bytesPerTick = Math.max(1, Math.floor((rateMBps * 1024 * 1024) / 20)); // 50 ms ticks
  // apt pipelines its requests on one connection and Node answers them all at once (later ones
  // buffered): one response at a time keeps the whole link, not each file, at the rate.
  let link = Promise.resolve();
  const server = createServer((req, res) => {
    // apt asks for `/./Packages.gz` and `/./name_version_arch.deb`: a flat repository has no tree.
    const name = path.basename(decodeURIComponent((req.url ?? '/').split('?')[0]));
    const file = path.join(dir, name);
    if (!/^(Release|Packages(\.gz|\.xz)?|.+\.deb)$/.test(name) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const stat = statSync(file);
    // As a mirror does: an unchanged index is not sent again to an apt that has it in its lists.
    const since = Date.parse(req.headers['if-modified-since'] ?? '');
    if (!Number.isNaN(since) && Math.floor(stat.mtimeMs / 1000) * 1000 <= since) {
      res.writeHead(304).end();
      return;
    }
    if (name.endsWith('.deb')) downloads.set(name, (downloads.get(name) ?? 0) + 1);
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': stat.size,
      'last-modified': stat.mtime.toUTCString(),
    });
    if (req.method === 'HEAD') return res.end();
    link = link.then(
      () =>
        new Promise((resolve) => {
          res.on('close', resolve);
          throttle(createReadStream(file, { highWaterMark: 64 * 1024 }), res, bytesPerTick);
        }),
    );
  });
  await new Promise((resolve, reject) =>
    server
      .once('error', (error) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new Error(`apt repository: port 127.0.0.1:${port} is taken by another process`)
            : error,
        ),
      )
      .listen(port, '127.0.0.1', resolve),
  );
  return {
    url: `http://127.0.0.1:${port}/`,
    downloads,
    totalDownloads: () => [...downloads.values()].reduce((a, b) => a + b, 0),
    resetCounts: () => downloads.clear(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
