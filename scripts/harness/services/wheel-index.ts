// A stand-in for PyPI on a machine that cannot reach it: the wheels (and sdists) of a directory,
// served from 127.0.0.1 at a simulated network rate, with the cache headers pip needs before it
// will keep a download in its cache.
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

import {
  DEFAULT_RATE_MB_PER_S,
  bytesPerTick,
  closeServer,
  downloadCounter,
  listenLocally,
  throttle,
  type DownloadCounter,
} from './simulated-network.js';

/** Where the fixture projects' Dockerfiles look for wheels (`--find-links http://127.0.0.1:8765/`). */
export const WHEEL_INDEX_PORT = 8765;

export interface WheelIndexOptions {
  /** 0 picks a free port (then the Dockerfiles must be told `url`). */
  port?: number;
  rateMBps?: number;
}

export interface WheelIndex extends DownloadCounter {
  url: string;
  close(): Promise<void>;
}

// Wheels, and source distributions for the fixtures whose dependencies pip must compile.
const isDistribution = (file: string) => file.endsWith('.whl') || file.endsWith('.tar.gz');

/**
 * Serves every wheel (and sdist) in `dir` as a pip `--find-links` page on 127.0.0.1:port.
 * `downloads` counts GETs of each file so tests can tell a cache hit from a download.
 */
export async function serveWheels(
  dir: string,
  { port = WHEEL_INDEX_PORT, rateMBps = DEFAULT_RATE_MB_PER_S }: WheelIndexOptions = {},
): Promise<WheelIndex> {
  const counter = downloadCounter();
  const perTick = bytesPerTick(rateMBps);
  const server = createServer((req, res) => {
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
    counter.downloads.set(name, (counter.downloads.get(name) ?? 0) + 1);
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': statSync(file).size,
      // pip only caches HTTP responses that say they may be cached, as PyPI's file host does.
      'cache-control': 'max-age=365000000, immutable, public',
    });
    if (req.method === 'HEAD') return void res.end();
    throttle(createReadStream(file, { highWaterMark: 64 * 1024 }), res, perTick);
  });
  const bound = await listenLocally(server, port, 'wheel index');
  return { ...counter, url: `http://127.0.0.1:${bound}/`, close: () => closeServer(server) };
}
