// A stand-in for PyPI on a machine that cannot reach it: the wheels (and sdists) of a directory,
// served from 127.0.0.1 at a simulated network rate, with the cache headers pip needs before it
// will keep a download in its cache.
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

import {
  servePackageHost,
  throttle,
  type PackageHost,
  type PackageHostOptions,
} from './simulated-network.js';

/** Where the fixture projects' Dockerfiles look for wheels (`--find-links http://127.0.0.1:8765/`). */
export const WHEEL_INDEX_PORT = 8765;

export type WheelIndexOptions = PackageHostOptions;

export type WheelIndex = PackageHost;

// Wheels, and source distributions for the fixtures whose dependencies pip must compile.
const isDistribution = (file: string) => file.endsWith('.whl') || file.endsWith('.tar.gz');

/**
 * Serves every wheel (and sdist) in `dir` as a pip `--find-links` page on 127.0.0.1:port.
 * `downloads` counts GETs of each file so tests can tell a cache hit from a download.
 */
export async function serveWheels(dir: string, options: WheelIndexOptions = {}): Promise<WheelIndex> {
  return servePackageHost('wheel index', WHEEL_INDEX_PORT, options, (req, res, { count, perTick }) => {
    const name = decodeURIComponent((req.url ?? '/').split('?')[0]!.replace(/^\/+/, ''));
    if (name === '' || name.endsWith('/')) {
      const links = readdirSync(dir)
        .filter(isDistribution)
        .map((f) => `<a href="${f}">${f}</a><br>`);
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><html><body>\n${links.join('\n')}\n</body></html>\n`);
      return;
    }
    const file = path.join(dir, path.basename(name));
    if (!isDistribution(name) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    count(name);
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': statSync(file).size,
      // pip only caches HTTP responses that say they may be cached, as PyPI's file host does.
      'cache-control': 'max-age=365000000, immutable, public',
    });
    if (req.method === 'HEAD') return void res.end();
    throttle(createReadStream(file, { highWaterMark: 64 * 1024 }), res, perTick);
  });
}
