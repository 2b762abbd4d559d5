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

export type FaultKind = 'none' | 'http-500' | 'hang' | 'truncate-download';
const FAULT_KINDS: readonly FaultKind[] = ['none', 'http-500', 'hang', 'truncate-download'];

export interface CacheEntryInfo {
  key: string;
  version: string;
  /** The git ref it belongs to (the writable scope of the token that saved it). */
  scope: string;
  sizeBytes: number;
  /** ISO 8601, when the entry was finalized. */
  createdAt: string;
}

export interface TwirpCall {
  /** E.g. 'GetCacheEntryDownloadURL'. */
  method: string;
  /** The HTTP status answered, or 'hung' under the 'hang' fault. */
  status: number | 'hung';
}

export interface CacheService {
  /**
   * The variables to hand to the action (and so to the cache toolkit and BuildKit), with a token
   * for a push to main.
   */
  env: Record<string, string>;
  /** The same with a token for these scopes: the first one read and write (the job's ref), the others read-only. */
  envFor(scopes: string[]): Record<string, string>;
  /** Finalized entries, oldest first. */
  entries(): CacheEntryInfo[];
  /** Every Twirp call received so far, in order. */
  calls(): TwirpCall[];
  /** The stored archive of the newest entry with `key` (what @actions/cache uploaded). */
  readArchive(key: string): Promise<Buffer>;
  /** Replaces that archive, as someone with write access to the cache could: crafted-entry tests. */
  writeArchive(key: string, archive: Buffer): Promise<void>;
  /** Injects a fault ('none' clears it). */
  setFault(kind: FaultKind): void;
  /** The blob endpoint (path-style, account devstoreaccount1) and the azurite child's pid. */
  azurite: { accountUrl: string; pid: number | undefined };
  /** Stops the endpoint and azurite (idempotent). */
  close(): Promise<void>;
}

export interface CacheServiceOptions {
  /** Port of the Twirp endpoint (0 = any free port). */
  port?: number;
  /**
   * Keep blobs and the entry index here, so entries survive a restart of the service; without it
   * everything is held in memory.
   */
  dataDir?: string;
  /** Fault to start with (default 'none'). */
  faults?: FaultKind;
}

interface Entry {
  id: number;
  key: string;
  version: string;
  /** Absent in indexes saved before entries had scopes. */
  scope?: string;
  blobName: string;
  sizeBytes: number;
  createdAt: string;
  /** Finalization order (newest = highest); breaks createdAt ties. */
  seq: number;
}

/** The shape of a Twirp method's answer: an HTTP status and a JSON body. */
type Answer = [status: number, body: object];

/** Start azurite and the Twirp endpoint. */
export async function startCacheService({
  port = 0,
  dataDir,
  faults = 'none',
}: CacheServiceOptions = {}): Promise<CacheService> {
  checkFault(faults);
  let fault: FaultKind = faults;
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

  /** Finalized entries. */
  const finalized = new Map<number, Entry>();
  /** Reservations awaiting FinalizeCacheEntryUpload, by key+version. */
  const pending = new Map<string, Entry>();
  let nextId = 1;
  let seq = 0;
  const indexPath = dataDir ? path.join(dataDir, INDEX_FILE) : undefined;
  if (indexPath && existsSync(indexPath)) {
    const saved = JSON.parse(readFileSync(indexPath, 'utf8')) as Entry[];
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

  const calls: TwirpCall[] = [];
  /** Requests held open by the 'hang' fault. */
  const hung = new Set<http.ServerResponse>();
  /** One-off truncated-download tokens → blob name. */
  const truncatedDownloads = new Map<string, string>();
  let twirpPort = 0;

  const sasUrl = (blobName: string, permissions: string) => {
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

  const methods: Record<string, (body: TwirpBody, scopes: CacheScope[]) => Promise<Answer>> = {
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
      const sizeBytes = Number(body.size_bytes ?? body.sizeBytes ?? NaN);
      const scope = scopes.find((s) => s.Permission & WRITE)?.Scope ?? '';
      const entry = pending.get(pendingKey(key, version, scope));
      if (!entry) {
        return [200, { ok: false, message: `no reservation for key ${key} and this version` }];
      }
      let actual: number | undefined;
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
      const restoreKeys: unknown[] = Array.isArray(body.restore_keys)
        ? body.restore_keys
        : Array.isArray(body.restoreKeys)
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

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
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
    let answer: Answer;
    if (fault === 'http-500') {
      answer = twirpError(500, 'internal', 'injected fault: http-500');
    } else if (req.method !== 'POST' || !Object.hasOwn(methods, method)) {
      answer = twirpError(404, 'bad_route', `no method ${req.method} ${method}`);
    } else {
      const scopes = verifyToken(signingKey, req.headers.authorization);
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8') || '{}');
      } catch {
        body = undefined;
      }
      answer = !scopes
        ? twirpError(401, 'unauthenticated', 'missing, wrong or expired ACTIONS_RUNTIME_TOKEN')
        : body && typeof body === 'object'
          ? await methods[method]!(body as TwirpBody, scopes)
          : twirpError(400, 'malformed', 'the request body is not a JSON object');
    }
    calls.push({ method, status: answer[0] });
    sendJson(res, answer[0], answer[1]);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
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

  const envFor = (scopes: string[]) => {
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

  let closing: Promise<void> | undefined;
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

function checkFault(kind: unknown): asserts kind is FaultKind {
  if (!FAULT_KINDS.includes(kind as FaultKind)) {
    throw new Error(`cache-service: unknown fault ${String(kind)} (one of ${FAULT_KINDS.join(', ')})`);
  }
}

/**
 * The service's matching rules, as GitHub documents them for the cache action, scope by scope
 * (the job's own first): an exact match of the key; else the newest entry whose key starts with
 * the key; else, for each restore key in order, the newest entry whose key starts with it.
 * Only entries of the same version count.
 *
 * `scopes`: the token's readable scopes, in order.
 */
function lookup(
  entries: Entry[],
  key: string,
  restoreKeys: unknown[],
  version: string,
  scopes: string[],
): Entry | undefined {
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

function findExact(
  entries: Map<number, Entry>,
  key: string,
  version: string,
  scope: string,
): Entry | undefined {
  for (const e of entries.values())
    if (e.key === key && e.version === version && (e.scope ?? DEFAULT_SCOPE) === scope) return e;
  return undefined;
}

function newestByKey(entries: Map<number, Entry>, key: string): Entry {
  const found = [...entries.values()].filter((e) => e.key === key).sort((a, b) => b.seq - a.seq)[0];
  if (!found) throw new Error(`cache-service: no entry with key ${key}`);
  return found;
}

function pendingKey(key: string, version: string, scope: string): string {
  return `${scope}\n${version}\n${key}`;
}

/** One element of the token's `ac` claim, spelled as GitHub spells it. */
interface CacheScope {
  /** A git ref, e.g. refs/heads/main. */
  Scope: string;
  /** 1 read, 2 write, 3 both. */
  Permission: number;
}

/** A Twirp request's JSON body: fields as @actions/cache (snake_case) or BuildKit (camelCase) sends them. */
type TwirpBody = Record<string, unknown>;

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/**
 * A runtime token of the shape GitHub's has: a JWT whose `ac` claim is a JSON *string* listing the
 * scopes, with `nbf` and `exp` (BuildKit refuses a token without them).
 */
function signToken(key: Buffer, scopes: CacheScope[]): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
  const payload = base64url(
    JSON.stringify({ ac: JSON.stringify(scopes), nbf: now - 60, iat: now, exp: now + TOKEN_LIFETIME_S }),
  );
  const signature = createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** The scopes of a bearer token this service signed and that is valid now; undefined otherwise. */
function verifyToken(key: Buffer, authorization: string | undefined): CacheScope[] | undefined {
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization ?? '');
  if (!match) return undefined;
  const [, header, payload, signature] = match;
  const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as {
      nbf: number;
      exp: number;
      ac: string;
    };
    const now = Date.now() / 1000;
    if (!(claims.nbf <= now && now < claims.exp)) return undefined;
    const scopes: unknown = JSON.parse(claims.ac);
    if (!Array.isArray(scopes)) return undefined;
    return scopes.filter(
      (s): s is CacheScope => s && typeof s.Scope === 'string' && Number.isInteger(s.Permission),
    );
  } catch {
    return undefined;
  }
}

function stringField(body: TwirpBody, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

function twirpError(status: number, code: string, msg: string): Answer {
  return [status, { code, msg }];
}

function sendJson(res: http.ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function errorText(error: unknown): string {
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

async function startAzurite(
  dataDir: string | undefined,
): Promise<{ accountUrl: string; pid: number | undefined; stop: () => Promise<void> }> {
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
  /** The last lines azurite printed, for error messages. */
  const tail: string[] = [];
  const exited = new Promise((resolve) => child.once('exit', () => resolve(undefined)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin.end();
    if (await within(exited, STOP_TIMEOUT_MS)) return;
    child.kill('SIGKILL');
    await within(exited, 2_000);
  };

  const accountUrl = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      fail(new Error(`azurite did not start within ${STARTUP_TIMEOUT_MS} ms`));
    }, STARTUP_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${tail.join('\n')}`));
    };
    const onOutput = (chunk: Buffer) => {
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

async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const result = await Promise.race([promise.then(() => true), timeout]);
  clearTimeout(timer);
  return result;
}
