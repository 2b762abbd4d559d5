// A stand-in for a Debian mirror: serves the flat repository made by scripts/stack/apt-repo.sh from
// 127.0.0.1 at a simulated network rate, and counts package downloads so the bench can tell a cache
// hit from a fetch.
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';

import {
  servePackageHost,
  throttle,
  type PackageHost,
  type PackageHostOptions,
} from './simulated-network.js';

/** Where the bench's apt fixture looks for packages. */
export const APT_REPOSITORY_PORT = 8766;

export type AptRepository = PackageHost;

/** Serves `dir` as `deb [trusted=yes] http://127.0.0.1:port/ ./`. */
export async function serveAptRepository(
  dir: string,
  options: PackageHostOptions = {},
): Promise<AptRepository> {
  // apt pipelines its requests on one connection and Node answers them all at once (later ones
  // buffered): one response at a time keeps the whole link, not each file, at the rate.
  let link = Promise.resolve();
  return servePackageHost('apt repository', APT_REPOSITORY_PORT, options, (req, res, { count, perTick }) => {
    // apt asks for `/./Packages.gz` and `/./name_version_arch.deb`: a flat repository has no tree.
    const name = path.basename(decodeURIComponent((req.url ?? '/').split('?')[0]!));
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
    if (name.endsWith('.deb')) count(name);
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': stat.size,
      'last-modified': stat.mtime.toUTCString(),
    });
    if (req.method === 'HEAD') return void res.end();
    link = link.then(
      () =>
        new Promise<void>((resolve) => {
          res.on('close', () => resolve());
          throttle(createReadStream(file, { highWaterMark: 64 * 1024 }), res, perTick);
        }),
    );
  });
}
