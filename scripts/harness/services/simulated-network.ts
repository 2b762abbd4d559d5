// What the stand-ins for PyPI and a Debian mirror share: a link of a given rate, and a listen on
// 127.0.0.1 that says which port was taken when it fails.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';

/** A network a cache of the downloads pays on (see src/cache/download-policy.ts). */
export const DEFAULT_RATE_MB_PER_S = 30;

/** How many bytes one 50 ms tick of a `rateMBps` link carries. */
export function bytesPerTick(rateMBps: number): number {
  return Math.max(1, Math.floor((rateMBps * 1024 * 1024) / 20));
}

/** Pipes `source` into `res` at no more than `perTick` bytes per 50 ms: a simulated network. */
export function throttle(source: Readable, res: ServerResponse, perTick: number): void {
  let sentThisTick = 0;
  const timer = setInterval(() => {
    sentThisTick = 0;
    if (source.isPaused()) source.resume();
  }, 50);
  source.on('data', (chunk: Buffer) => {
    res.write(chunk);
    sentThisTick += chunk.length;
    if (sentThisTick >= perTick) source.pause();
  });
  const stop = () => clearInterval(timer);
  source.on('end', () => {
    stop();
    res.end();
  });
  source.on('error', () => {
    stop();
    res.destroy();
  });
  res.on('close', () => {
    stop();
    source.destroy();
  });
}

/** Listens on 127.0.0.1:`port` (0: any free port); resolves to the port bound. */
export async function listenLocally(server: Server, port: number, what: string): Promise<number> {
  await new Promise<void>((resolve, reject) =>
    server
      .once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new Error(`${what}: port 127.0.0.1:${port} is taken by another process`)
            : error,
        ),
      )
      .listen(port, '127.0.0.1', () => resolve()),
  );
  return (server.address() as AddressInfo).port;
}

/** Download counts per file, as a stand-in for a package host keeps them. */
export interface DownloadCounter {
  /** GETs of each file since the last reset. */
  readonly downloads: Map<string, number>;
  totalDownloads(): number;
  resetCounts(): void;
}

export function downloadCounter(): DownloadCounter {
  const downloads = new Map<string, number>();
  return {
    downloads,
    totalDownloads: () => [...downloads.values()].reduce((a, b) => a + b, 0),
    resetCounts: () => downloads.clear(),
  };
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Where a stand-in package host listens and how fast its link is. */
export interface PackageHostOptions {
  /** 0 picks a free port (then whoever downloads must be told `url`). */
  port?: number;
  rateMBps?: number;
}

/** A stand-in package host on 127.0.0.1: its address, its download counts, and its stop. */
export interface PackageHost extends DownloadCounter {
  url: string;
  close(): Promise<void>;
}

/** What a host's request handler is given: the count of a download, and the link's bytes per tick. */
export interface PackageHostLink {
  count(file: string): void;
  perTick: number;
}

/** Serves `handle` as `what` on 127.0.0.1 (on `defaultPort` unless told otherwise), counting downloads. */
export async function servePackageHost(
  what: string,
  defaultPort: number,
  { port = defaultPort, rateMBps = DEFAULT_RATE_MB_PER_S }: PackageHostOptions,
  handle: (req: IncomingMessage, res: ServerResponse, link: PackageHostLink) => void,
): Promise<PackageHost> {
  const counter = downloadCounter();
  const link: PackageHostLink = {
    count: (file) => counter.downloads.set(file, (counter.downloads.get(file) ?? 0) + 1),
    perTick: bytesPerTick(rateMBps),
  };
  const server = createServer((req, res) => handle(req, res, link));
  const bound = await listenLocally(server, port, what);
  return { ...counter, url: `http://127.0.0.1:${bound}/`, close: () => closeServer(server) };
}
