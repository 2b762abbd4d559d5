// A local stand-in for GitHub's Actions cache service, for end-to-end tests and the demo.
//
// Two parts, both on 127.0.0.1 only:
//  - azurite's blob service (Microsoft's Azure Storage emulator), run as a child process: the
//    archives live there, and @actions/cache uploads them straight to it through the Azure SDK
//    using the SAS URLs handed out below;
//  - a small HTTP endpoint speaking the Twirp/JSON protocol of the "v2" cache service that
//    @actions/cache (v4+) talks to when ACTIONS_CACHE_SERVICE_V2 is set:
//    POST <ACTIONS_RESULTS_URL>twirp/github.actions.results.api.v1.CacheService/<Method>
//    with CreateCacheEntry, FinalizeCacheEntryUpload and GetCacheEntryDownloadURL.
//
// The same endpoint serves BuildKit's own `type=gha` layer cache, which needs the runtime token to
// be a JWT as GitHub's is: BuildKit reads (without checking the signature) its `ac` claim, the
// cache scopes (git refs) the job may read and write, and names its cache index after the
// writable one. So the service hands out JWTs of that shape, signs them with a key of its own
// and keeps GitHub's isolation: an entry belongs to the writable scope of the token that created
// it, and a lookup sees only the token's scopes, its own first (a pull request: its merge ref,
// then its base branch and the default branch).
//
// Azurite has no public API to start its blob service in-process (its package entry point is a
// VS Code extension), so it runs as a child process. A small bootstrap ties the child's life to a
// stdin pipe: when close() ends that pipe, or this process dies, azurite shuts down by itself.

import { spawn } from 'node:child_process';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import {
  BlobSASPermissions,
  BlobServiceClient,
  StorageSharedKeyCredential,
  generateBlobSASQueryParameters,
} from '@azure/storage-blob';

/** Azurite's well-known development account and key (published in Azurite's documentation). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const CONTAINER = 'actions-cache';
const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.CacheService/';
const INDEX_FILE = 'cache-service-index.json';
const MAX_BODY_BYTES = 1024 * 1024;
const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 6_000;
/** Azurite keeps in-memory blobs under this many megabytes (its default is half the RAM). */
const MEMORY_LIMIT_MB = 1024;
/** How long the SAS URLs handed out stay valid. */
const SAS_LIFETIME_MS = 60 * 60 * 1000;
/** How long a runtime token stays valid, as a job's does (GitHub: about six hours). */
const TOKEN_LIFETIME_S = 6 * 60 * 60;
/** The scope of `env`'s token, and of entries saved before entries had scopes. */
const DEFAULT_SCOPE = 'refs/heads/main';
/** The `Permission` bits of the token's `ac` claim. */
const READ = 1;
const WRITE = 2;

/** @typedef {'none' | 'http-500' | 'hang' | 'truncate-download'} FaultKind */
/** @type {readonly FaultKind[]} */
const FAULT_KINDS = ['none', 'http-500', 'hang', 'truncate-download'];

/**
 * @typedef {object} CacheEntryInfo
 * @property {string} key
 * @property {string} version
 * @property {string} scope the git ref it belongs to (the writable scope of the token that saved it)
 * @property {number} sizeBytes
 * @property {string} createdAt ISO 8601, when the entry was finalized
 */

/**
 * @typedef {object} TwirpCall
 * @property {string} method e.g. 'GetCacheEntryDownloadURL'
 * @property {number | 'hung'} status the HTTP status answered, or 'hung' under the 'hang' fault
 */

/**
 * @typedef {object} CacheService
 * @property {Record<string, string>} env the variables to hand to the action (and so to the cache
 *   toolkit and BuildKit), with a token for a push to main
 * @property {(scopes: string[]) => Record<string, string>} envFor the same with a token for these
 *   scopes: the first one read and write (the job's ref), the others read-only
 * @property {() => CacheEntryInfo[]} entries finalized entries, oldest first
 * @property {() => TwirpCall[]} calls every Twirp call received so far, in order
 * @property {(key: string) => Promise<Buffer>} readArchive the stored archive of the newest entry with `key`
 * @property {(key: string, archive: Buffer) => Promise<void>} writeArchive replace that archive
 * @property {(kind: FaultKind) => void} setFault inject a fault ('none' clears it)
 * @property {{ accountUrl: string, pid: number | undefined }} azurite the blob endpoint
 *   (path-style, account devstoreaccount1) and the azurite child's pid
 * @property {() => Promise<void>} close stop the endpoint and azurite (idempotent)
 */

/**
 * @typedef {object} Entry
 * @property {number} id
 * @property {string} key
 * @property {string} version
 * @property {string} [scope] absent in indexes saved before entries had scopes
 * @property {string} blobName
 * @property {number} sizeBytes
 * @property {string} createdAt
 * @property {number} seq finalization order (newest = highest); breaks createdAt ties
 */

/**
 * Start azurite and the Twirp endpoint.
 *
 * @param {object} [options]
 * @param {number} [options.port] port of the Twirp endpoint (0 = any free port)
 * @param {string} [options.dataDir] keep blobs and the entry index here, so entries survive a
 *   restart of the service; without it everything is held in memory
 * @param {FaultKind} [options.faults] fault to start with (default 'none')
 * @returns {Promise<CacheService>}
 */
export async function startCacheService({ port = 0, dataDir, faults = 'none' } = {}) {
  checkFault(faults);
  /** @type {FaultKind} */
  let fault = faults;
  const signingKey = randomBytes(32);

  if (dataDir) mkdirSync(path.join(dataDir, 'azurite'), { recursive: true });
  const azurite = await startAzurite(dataDir);

  const credential = new StorageSharedKeyCredential(DEV_ACCOUNT, DEV_KEY);
  const container = new BlobServiceClient(azurite.accountUrl, credential).getContainerClient(CONTAINER);
  try {
    await container.createIfNotExists();
  } catch (error) {
    await azurite.stop();
    throw new Error(`cache-service: could not create the blob container: ${errorText(error)}`, {
      cause: error,
    });
  }

  /** @type {Map<number, Entry>} finalized entries */
  const finalized = new Map();
  /** @type {Map<string, Entry>} reservations awaiting FinalizeCacheEntryUpload, by key+version */
  const pending = new Map();
  let nextId = 1;
  let seq = 0;
  const indexPath = dataDir ? path.join(dataDir, INDEX_FILE) : undefined;
  if (indexPath && existsSync(indexPath)) {
    /** @type {Entry[]} */
    const saved = JSON.parse(readFileSync(indexPath, 'utf8'));
    for (const entry of saved) {
      finalized.set(entry.id, entry);
      nextId = Math.max(nextId, entry.id + 1);
      seq = Math.max(seq, entry.seq);
    }
  }
  const persist = () => {
    if (!indexPath) return;
    writeFileSync(`${indexPath}.tmp`, JSON.stringify([...finalized.values()], null, 2));
    renameSync(`${indexPath}.tmp`, indexPath);
  };

  /** @type {TwirpCall[]} */
  const calls = [];
  /** @type {Set<http.ServerResponse>} requests held open by the 'hang' fault */
  const hung = new Set();
  /** @type {Map<string, string>} one-off truncated-download tokens → blob name */
  const truncatedDownloads = new Map();
  let twirpPort = 0;

  /** @param {string} blobName @param {string} permissions */
  const sasUrl = (blobName, permissions) => {
    const sas = generateBlobSASQueryParameters(
      {
        containerName: CONTAINER,
        blobName,
        permissions: BlobSASPermissions.parse(permissions),
        startsOn: new Date(Date.now() - 60_000),
        expiresOn: new Date(Date.now() + SAS_LIFETIME_MS),
      },
      credential,
    ).toString();
    return `${azurite.accountUrl}/${CONTAINER}/${encodeURIComponent(blobName)}?${sas}`;
  };

  /** @type {Record<string, (body: any, scopes: CacheScope[]) => Promise<[number, object]>>} */
  const methods = {
    async CreateCacheEntry(body, scopes) {
      const key = stringField(body, 'key');
      const version = stringField(body, 'version');
      if (!key || !version) return twirpError(400, 'invalid_argument', 'key and version are required');
      const scope = scopes.find((s) => s.Permission & WRITE)?.Scope;
      if (!scope) return twirpError(403, 'permission_denied', 'the token may not write to any scope');
      if (findExact(finalized, key, version, scope)) {
        return twirpError(
          409,
          'already_exists',
          'cache entry with the same key, version, and scope already exists',
        );
      }
      // A new reservation replaces an abandoned one (a save that died before finalizing).
      const id = nextId++;
      const blobName = `entry-${id}-${randomBytes(6).toString('hex')}`;
      pending.set(pendingKey(key, version, scope), {
        id,
        key,
        version,
        scope,
        blobName,
        sizeBytes: 0,
        createdAt: '',
        seq: 0,
      });
      return [200, { ok: true, signed_upload_url: sasUrl(blobName, 'cw') }];
    },

    async FinalizeCacheEntryUpload(body, scopes) {
      const key = stringField(body, 'key');
      const version = stringField(body, 'version');
      const sizeBytes = Number(body?.size_bytes ?? body?.sizeBytes ?? NaN);
      const scope = scopes.find((s) => s.Permission & WRITE)?.Scope ?? '';
      const entry = pending.get(pendingKey(key, version, scope));
      if (!entry) {
        return [200, { ok: false, message: `no reservation for key ${key} and this version` }];
      }
      let actual;
      try {
        actual = (await container.getBlobClient(entry.blobName).getProperties()).contentLength;
      } catch {
        return [200, { ok: false, message: `nothing was uploaded for key ${key}` }];
      }
      if (actual !== sizeBytes) {
        return [
          200,
          { ok: false, message: `size mismatch for key ${key}: told ${sizeBytes}, stored ${actual}` },
        ];
      }
      pending.delete(pendingKey(key, version, scope));
      entry.sizeBytes = actual;
      entry.createdAt = new Date().toISOString();
      entry.seq = ++seq;
      finalized.set(entry.id, entry);
      persist();
      return [200, { ok: true, entry_id: String(entry.id) }];
    },

    async GetCacheEntryDownloadURL(body, scopes) {
      const key = stringField(body, 'key');
      const version = stringField(body, 'version');
      const restoreKeys = Array.isArray(body?.restore_keys)
        ? body.restore_keys
        : Array.isArray(body?.restoreKeys)
          ? body.restoreKeys
          : [];
      const readable = scopes.filter((s) => s.Permission & READ).map((s) => s.Scope);
      const entry = lookup([...finalized.values()], key, restoreKeys, version, readable);
      if (!entry) return [200, { ok: false }];
      let url = sasUrl(entry.blobName, 'r');
      if (fault === 'truncate-download') {
        const ticket = randomBytes(16).toString('hex');
        truncatedDownloads.set(ticket, entry.blobName);
        url = `http://127.0.0.1:${twirpPort}/truncated-download/${ticket}`;
      }
      return [200, { ok: true, signed_download_url: url, matched_key: entry.key }];
    },
  };

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  const handle = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname.startsWith('/truncated-download/')) {
      const blobName = truncatedDownloads.get(url.pathname.slice('/truncated-download/'.length));
      if (!blobName) return sendJson(res, 404, { code: 'not_found', msg: 'unknown download' });
      const whole = await container.getBlobClient(blobName).downloadToBuffer();
      // A well-formed response that simply carries the first half of the archive.
      const half = whole.subarray(0, Math.floor(whole.length / 2));
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(half.length),
      });
      res.end(half);
      return;
    }
    if (!url.pathname.startsWith(TWIRP_PREFIX)) {
      return sendJson(res, 404, { code: 'bad_route', msg: `no handler for ${url.pathname}` });
    }
    const method = url.pathname.slice(TWIRP_PREFIX.length);
    const raw = await readBody(req);
    if (fault === 'hang') {
      calls.push({ method, status: 'hung' });
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return;
    }
    /** @type {[number, object]} */
    let answer;
    if (fault === 'http-500') {
      answer = twirpError(500, 'internal', 'injected fault: http-500');
    } else if (req.method !== 'POST' || !Object.hasOwn(methods, method)) {
      answer = twirpError(404, 'bad_route', `no method ${req.method} ${method}`);
    } else {
      const scopes = verifyToken(signingKey, req.headers.authorization);
      let body;
      try {
        body = JSON.parse(raw.toString('utf8') || '{}');
      } catch {
        body = undefined;
      }
      answer = !scopes
        ? twirpError(401, 'unauthenticated', 'missing, wrong or expired ACTIONS_RUNTIME_TOKEN')
        : body && typeof body === 'object'
          ? await methods[method](body, scopes)
          : twirpError(400, 'malformed', 'the request body is not a JSON object');
    }
    calls.push({ method, status: answer[0] });
    sendJson(res, answer[0], answer[1]);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) sendJson(res, 500, { code: 'internal', msg: errorText(error) });
      else res.destroy();
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve(undefined));
    });
  } catch (error) {
    await azurite.stop();
    throw error;
  }
  const address = server.address();
  twirpPort = typeof address === 'object' && address ? address.port : port;

  const releaseHung = () => {
    for (const res of hung) res.destroy();
    hung.clear();
  };

  /** @param {string[]} scopes */
  const envFor = (scopes) => {
    if (scopes.length === 0) throw new Error('cache-service: a token needs at least one scope');
    return {
      ACTIONS_CACHE_SERVICE_V2: 'True',
      ACTIONS_RESULTS_URL: `http://127.0.0.1:${twirpPort}/`,
      ACTIONS_RUNTIME_TOKEN: signToken(
        signingKey,
        scopes.map((scope, i) => ({ Scope: scope, Permission: i === 0 ? READ | WRITE : READ })),
      ),
    };
  };

  /** @type {Promise<void> | undefined} */
  let closing;
  return {
    env: envFor([DEFAULT_SCOPE]),
    envFor,
    entries: () =>
      [...finalized.values()]
        .sort((a, b) => a.seq - b.seq)
        .map(({ key, version, scope, sizeBytes, createdAt }) => ({
          key,
          version,
          scope: scope ?? DEFAULT_SCOPE,
          sizeBytes,
          createdAt,
        })),
    calls: () => calls.map((call) => ({ ...call })),
    /** The stored archive of the newest entry with this key (what @actions/cache uploaded). */
    async readArchive(key) {
      return container.getBlobClient(newestByKey(finalized, key).blobName).downloadToBuffer();
    },
    /** Replaces that archive, as someone with write access to the cache could: crafted-entry tests. */
    async writeArchive(key, buffer) {
      const entry = newestByKey(finalized, key);
      await container.getBlockBlobClient(entry.blobName).uploadData(buffer);
      entry.sizeBytes = buffer.length;
      persist();
    },
    azurite: { accountUrl: azurite.accountUrl, pid: azurite.pid },
    setFault(kind) {
      checkFault(kind);
      // Requests held by 'hang' are cut (the client sees a connection reset) once it is lifted.
      if (fault === 'hang' && kind !== 'hang') releaseHung();
      fault = kind;
    },
    close() {
      closing ??= (async () => {
        releaseHung();
        const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
        server.closeAllConnections();
        await closed;
        await azurite.stop();
      })();
      return closing;
    },
  };
}

/** @param {unknown} kind @returns {asserts kind is FaultKind} */
function checkFault(kind) {
  if (!FAULT_KINDS.includes(/** @type {FaultKind} */ (kind))) {
    throw new Error(`cache-service: unknown fault ${String(kind)} (one of ${FAULT_KINDS.join(', ')})`);
  }
}

/**
 * The service's matching rules, as GitHub documents them for the cache action, scope by scope
 * (the job's own first): an exact match of the key; else the newest entry whose key starts with
 * the key; else, for each restore key in order, the newest entry whose key starts with it.
 * Only entries of the same version count.
 *
 * @param {Entry[]} entries @param {string} key @param {string[]} restoreKeys @param {string} version
 * @param {string[]} scopes the token's readable scopes, in order
 * @returns {Entry | undefined}
 */
function lookup(entries, key, restoreKeys, version, scopes) {
  const sameVersion = entries.filter((e) => e.version === version).sort((a, b) => b.seq - a.seq);
  for (const scope of scopes) {
    const inScope = sameVersion.filter((e) => (e.scope ?? DEFAULT_SCOPE) === scope);
    const exact = inScope.find((e) => e.key === key);
    if (exact) return exact;
    for (const prefix of [key, ...restoreKeys]) {
      if (typeof prefix !== 'string' || prefix === '') continue;
      const newest = inScope.find((e) => e.key.startsWith(prefix));
      if (newest) return newest;
    }
  }
  return undefined;
}

/**
 * @param {Map<number, Entry>} entries @param {string} key @param {string} version @param {string} scope
 */
function findExact(entries, key, version, scope) {
  for (const e of entries.values())
    if (e.key === key && e.version === version && (e.scope ?? DEFAULT_SCOPE) === scope) return e;
  return undefined;
}

/** @param {Map<number, Entry>} entries @param {string} key @returns {Entry} */
function newestByKey(entries, key) {
  const found = [...entries.values()].filter((e) => e.key === key).sort((a, b) => b.seq - a.seq)[0];
  if (!found) throw new Error(`cache-service: no entry with key ${key}`);
  return found;
}

/** @param {string} key @param {string} version @param {string} scope */
function pendingKey(key, version, scope) {
  return `${scope}\n${version}\n${key}`;
}

/**
 * @typedef {object} CacheScope one element of the token's `ac` claim, spelled as GitHub spells it
 * @property {string} Scope a git ref, e.g. refs/heads/main
 * @property {number} Permission 1 read, 2 write, 3 both
 */

/** @param {Buffer | string} data */
function base64url(data) {
  return Buffer.from(data).toString('base64url');
}

/**
 * A runtime token of the shape GitHub's has: a JWT whose `ac` claim is a JSON *string* listing the
 * scopes, with `nbf` and `exp` (BuildKit refuses a token without them).
 *
 * @param {Buffer} key @param {CacheScope[]} scopes
 */
function signToken(key, scopes) {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
  const payload = base64url(
    JSON.stringify({ ac: JSON.stringify(scopes), nbf: now - 60, iat: now, exp: now + TOKEN_LIFETIME_S }),
  );
  const signature = createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/**
 * The scopes of a bearer token this service signed and that is valid now; undefined otherwise.
 *
 * @param {Buffer} key @param {string | undefined} authorization
 * @returns {CacheScope[] | undefined}
 */
function verifyToken(key, authorization) {
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization ?? '');
  if (!match) return undefined;
  const [, header, payload, signature] = match;
  const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest();
  const given = Buffer.from(/** @type {string} */ (signature), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(/** @type {string} */ (payload), 'base64url').toString('utf8'));
    const now = Date.now() / 1000;
    if (!(claims.nbf <= now && now < claims.exp)) return undefined;
    /** @type {unknown} */
    const scopes = JSON.parse(claims.ac);
    if (!Array.isArray(scopes)) return undefined;
    return scopes.filter((s) => s && typeof s.Scope === 'string' && Number.isInteger(s.Permission));
  } catch {
    return undefined;
  }
}

/** @param {any} body @param {string} name @returns {string} */
function stringField(body, name) {
  const value = body?.[name];
  return typeof value === 'string' ? value : '';
}

/** @param {number} status @param {string} code @param {string} msg @returns {[number, object]} */
function twirpError(status, code, msg) {
  return [status, { code, msg }];
}

/** @param {http.ServerResponse} res @param {number} status @param {object} body */
function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** @param {http.IncomingMessage} req @returns {Promise<Buffer>} */
async function readBody(req) {
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** @param {unknown} error */
function errorText(error) {
  return error instanceof Error ? error.message : String(error);
}

// Runs inside the azurite child: starts azurite's blob service (its own CLI entry point, so the
// command-line flags apply) and stops it when stdin ends or on SIGTERM/SIGINT, with a hard exit
// as a backstop so a stuck shutdown cannot outlive us.
const BOOTSTRAP = `
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  process.stdin.destroy();
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', () => process.emit('SIGTERM', 'SIGTERM'));
process.stdin.on('error', () => process.emit('SIGTERM', 'SIGTERM'));
process.stdin.resume();
require(process.argv[1]);
`;

/**
 * @param {string | undefined} dataDir
 * @returns {Promise<{ accountUrl: string, pid: number | undefined, stop: () => Promise<void> }>}
 */
async function startAzurite(dataDir) {
  const main = createRequire(import.meta.url).resolve('azurite/dist/src/blob/main.js');
  const args = [
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    '0',
    '--skipApiVersionCheck',
    '--loose',
    '--silent',
    '--disableTelemetry',
    ...(dataDir
      ? ['--location', path.join(dataDir, 'azurite')]
      : ['--inMemoryPersistence', '--extentMemoryLimit', String(MEMORY_LIMIT_MB)]),
  ];
  const child = spawn(process.execPath, ['-e', BOOTSTRAP, main, ...args], {
    cwd: dataDir ?? os.tmpdir(),
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  /** @type {string[]} the last lines azurite printed, for error messages */
  const tail = [];
  const exited = new Promise((resolve) => child.once('exit', () => resolve(undefined)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin.end();
    if (await within(exited, STOP_TIMEOUT_MS)) return;
    child.kill('SIGKILL');
    await within(exited, 2_000);
  };

  const accountUrl = await new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      fail(new Error(`azurite did not start within ${STARTUP_TIMEOUT_MS} ms`));
    }, STARTUP_TIMEOUT_MS);
    /** @param {Error} error */
    const fail = (error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${tail.join('\n')}`));
    };
    /** @param {Buffer} chunk */
    const onOutput = (chunk) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 50) tail.shift();
        const m = /successfully listens on (http:\/\/[\d.]+:\d+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(`${m[1]}/${DEV_ACCOUNT}`);
        }
      }
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.once('error', fail);
    child.once('exit', (code, signal) => {
      fail(new Error(`azurite exited early (code ${code}, signal ${signal})`));
    });
  });
  return { accountUrl, pid: child.pid, stop };
}

/** @param {Promise<unknown>} promise @param {number} ms @returns {Promise<boolean>} */
async function within(promise, ms) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const result = await Promise.race([promise.then(() => true), timeout]);
  clearTimeout(timer);
  return /** @type {boolean} */ (result);
}
