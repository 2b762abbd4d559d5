// Registries that fail as real ones do, for the fault tests: a TCP proxy in front of the local
// registry that dies in the middle of an upload (what a registry that goes away during the cache
// export does to a build), and one that accepts connections and never answers.
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

export interface FlakyRegistryProxy {
  /** `127.0.0.1:PORT`, to name repositories behind the proxy. */
  host: string;
  killed(): boolean;
  close(): Promise<void>;
}

export interface SilentRegistry {
  host: string;
  /** Connections that are still open. */
  openConnections(): number;
  close(): Promise<void>;
}

/**
 * Forwards 127.0.0.1:<port> to 127.0.0.1:5000. Once clients have sent more than
 * `killAfterUploadBytes` bytes in total (a layer upload, not the small manifest reads of a cache
 * import), every connection is cut and the proxy stops accepting: the registry is gone.
 */
export async function startFlakyRegistryProxy({
  killAfterUploadBytes = 1024 * 1024,
  target = 5000,
}: { killAfterUploadBytes?: number; target?: number } = {}): Promise<FlakyRegistryProxy> {
  const sockets = new Set<Socket>();
  let uploaded = 0;
  let killed = false;
  const server = createServer((client) => {
    if (killed) return client.destroy();
    const upstream = connect(target, '127.0.0.1');
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('data', (chunk: Buffer) => {
      uploaded += chunk.length;
      if (uploaded > killAfterUploadBytes) return kill();
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  function kill() {
    if (killed) return;
    killed = true;
    for (const socket of sockets) socket.destroy();
    server.close();
  }
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    killed: () => killed,
    close: () => {
      kill();
      return Promise.resolve();
    },
  };
}

/**
 * A "registry" that accepts connections and never answers, as one behind a dead load balancer:
 * every client waits until its own timeout, if it has one.
 */
export async function startSilentRegistry(): Promise<SilentRegistry> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined).on('close', () => sockets.delete(socket));
    socket.resume();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    /** Connections that are still open. */
    openConnections: () => sockets.size,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
