// A stand-in for PyPI on a machine that cannot reach it: deterministic wheels made
// on the spot, served from 127.0.0.1 at a simulated network rate, with the cache
// headers pip needs before it will keep a download in its cache.
import { createCipheriv, createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  statSync,
  createWriteStream,
} from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import yazl from 'yazl';

export const WHEEL_INDEX_PORT = 8765;
export const DEFAULT_RATE_MB_PER_S = 30;
// Wheels, and source distributions for the fixtures whose dependencies pip must compile.
const isDistribution = (file) => file.endsWith('.whl') || file.endsWith('.tar.gz');

/** Deterministic pseudo-random bytes: the same package always gets the same wheel. */
function deterministicBytes(seed, size) {
  const key = createHash('sha256').update(seed).digest().subarray(0, 16);
  const cipher = createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
  return Buffer.concat([cipher.update(Buffer.alloc(size)), cipher.final()]);
}

function recordHash(content) {
  return `sha256=${createHash('sha256').update(content).digest('base64url')}`;
}

export function wheelFileName(name, version) {
  return `${name.replace(/-/g, '_')}-${version}-py3-none-any.whl`;
}

/** Writes `name-version-py3-none-any.whl` with `payloadBytes` of incompressible data; returns its path. */
export async function makeWheel(dir, { name, version = '1.0.0', payloadBytes = 1024 }) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, wheelFileName(name, version));
  if (existsSync(file)) return file;
  const pkg = name.replace(/-/g, '_');
  const distInfo = `${pkg}-${version}.dist-info`;
  const files = [
    [`${pkg}/__init__.py`, Buffer.from(`__version__ = "${version}"\n`)],
    [`${pkg}/payload.bin`, deterministicBytes(`${name}@${version}`, payloadBytes)],
    [`${distInfo}/METADATA`, Buffer.from(`Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`)],
    [
      `${distInfo}/WHEEL`,
      Buffer.from(
        'Wheel-Version: 1.0\nGenerator: docker-fast-build-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
      ),
    ],
  ];
  const record = files
    .map(([p, c]) => `${p},${recordHash(c)},${c.length}`)
    .concat(`${distInfo}/RECORD,,`, '');
  files.push([`${distInfo}/RECORD`, Buffer.from(record.join('\n'))]);

  const zip = new yazl.ZipFile();
  for (const [p, content] of files) zip.addBuffer(content, p, { compress: false, mtime: new Date(0) });
  zip.end();
  const partial = `${file}.partial`;
  await new Promise((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(partial)).on('close', resolve).on('error', reject);
  });
  renameSync(partial, file);
  return file;
}

/**
 * Serves every wheel (and sdist) in `dir` as a pip `--find-links` page on 127.0.0.1:port.
 * `downloads` counts GETs of each file so tests can tell a cache hit from a download.
 */
export async function serveWheels(dir, { port = WHEEL_INDEX_PORT, rateMBps = DEFAULT_RATE_MB_PER_S } = {}) {
  const downloads = new Map();
  const bytesPerTick = Math.max(1, Math.floor((rateMBps * 1024 * 1024) / 20)); // 50 ms ticks
  const server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').split('?')[0].replace(/^\/+/, ''));
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
    downloads.set(name, (downloads.get(name) ?? 0) + 1);
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': statSync(file).size,
      // pip only caches HTTP responses that say they may be cached, as PyPI's file host does.
      'cache-control': 'max-age=365000000, immutable, public',
    });
    if (req.method === 'HEAD') return res.end();
    throttle(createReadStream(file, { highWaterMark: 64 * 1024 }), res, bytesPerTick);
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/`,
    downloads,
    totalDownloads: () => [...downloads.values()].reduce((a, b) => a + b, 0),
    resetCounts: () => downloads.clear(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Pipes `source` into `res` at no more than `bytesPerTick` bytes per 50 ms: a simulated network. */
export function throttle(source, res, bytesPerTick) {
  let sentThisTick = 0;
  const timer = setInterval(() => {
    sentThisTick = 0;
    if (source.isPaused()) source.resume();
  }, 50);
  source.on('data', (chunk) => {
    res.write(chunk);
    sentThisTick += chunk.length;
    if (sentThisTick >= bytesPerTick) source.pause();
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
