// A TCP proxy in front of the local registry that can die in the middle of an upload,
// to test what a registry that goes away during the cache export does to a build.
import { createServer, connect } from 'node:net';

/**
 * Forwards 127.0.0.1:<port> to 127.0.0.1:5000. Once clients have sent more than
 * `killAfterUploadBytes` bytes in total (a layer upload, not the small manifest reads of a cache
 * import), every connection is cut and the proxy stops accepting: the registry is gone.
 */
export async function startFlakyRegistryProxy({ killAfterUploadBytes = 1024 * 1024, target = 5000 } = {}) {
  const sockets = new Set();
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
    client.on('data', (chunk) => {
      uploaded += chunk.length;
      if (uploaded > killAfterUploadBytes) return kill();
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
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
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
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
export async function startSilentRegistry() {
  const sockets = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined).on('close', () => sockets.delete(socket));
    socket.resume();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    host: `127.0.0.1:${port}`,
    /** Connections that are still open. */
    openConnections: () => sockets.size,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
