// The engine's own BuildKit as a remote BuildKit, for tests of `driver: remote` without buildkitd.
//
// dockerd answers `POST /grpc` with `Upgrade: h2c` by `101 Switching Protocols`; from then on the
// connection speaks BuildKit's gRPC API (the docker driver of buildx uses exactly this). Each TCP
// connection accepted on 127.0.0.1 gets its own upgraded connection to the engine's socket, and
// the bytes are piped both ways, so `docker buildx create --driver remote tcp://127.0.0.1:PORT` works.
//
// Also a command: `npx tsx scripts/harness/services/buildkit-proxy.ts [port]` prints the endpoint and
// runs until killed.
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const DOCKER_SOCKET = '/var/run/docker.sock';
const UPGRADE_REQUEST =
  'POST /grpc HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nContent-Length: 0\r\n\r\n';
/** The engine's answer head is a few hundred bytes; more without a blank line is not an upgrade. */
const MAX_HEAD_BYTES = 16 * 1024;

export interface BuildkitProxy {
  /** `tcp://127.0.0.1:PORT`, for `--driver remote` / the action's `endpoint`. */
  endpoint: string;
  port: number;
  /** How many client connections were upgraded so far. */
  connections(): number;
  /** Stops listening and cuts every open connection (idempotent). */
  close(): Promise<void>;
}

/** Starts the proxy on 127.0.0.1; `port` 0 (default) picks a free port, `socket` is the engine's API socket. */
export async function startBuildkitProxy({
  port = 0,
  socket = DOCKER_SOCKET,
}: { port?: number; socket?: string } = {}): Promise<BuildkitProxy> {
  const open = new Set<net.Socket>();
  let upgraded = 0;
  const track = (s: net.Socket) => {
    open.add(s);
    s.once('close', () => open.delete(s));
  };

  const server = net.createServer((client) => {
    track(client);
    client.pause();
    const engine = net.connect(socket);
    track(engine);
    const cut = () => {
      client.destroy();
      engine.destroy();
    };
    client.once('error', cut);
    client.once('close', cut);
    engine.once('error', cut);
    engine.once('close', cut);
    engine.once('connect', () => engine.write(UPGRADE_REQUEST));

    let head = Buffer.alloc(0);
    const onHead = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_HEAD_BYTES) cut();
        return;
      }
      engine.off('data', onHead);
      const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      if (!/^HTTP\/1\.[01] 101 /.test(statusLine)) {
        process.stderr.write(`buildkit-proxy: the engine refused the upgrade: ${statusLine}\n`);
        cut();
        return;
      }
      upgraded++;
      // Whatever came after the blank line is already gRPC (the server's HTTP/2 settings frame).
      const rest = head.subarray(end + 4);
      if (rest.length > 0) client.write(rest);
      engine.pipe(client);
      client.pipe(engine);
      client.resume();
    };
    engine.on('data', onHead);
  });

  await new Promise((resolve, reject) => {
    server.once('error', (error) => {
      const taken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      reject(taken ? new Error(`buildkit-proxy: 127.0.0.1:${port} is already in use`) : error);
    });
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;

  let closing: Promise<void> | undefined;
  return {
    endpoint: `tcp://127.0.0.1:${boundPort}`,
    port: boundPort,
    connections: () => upgraded,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of open) s.destroy();
      });
      return closing;
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const proxy = await startBuildkitProxy({ port: Number(process.argv[2] ?? 0) });
  process.stdout.write(`${proxy.endpoint}\n`);
  const stop = () => proxy.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
