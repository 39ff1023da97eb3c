// A TCP proxy on 127.0.0.1 in front of a real server, for outage tests: stop() closes the listener
// and cuts every open connection, as a database that went away would; start() listens again on the
// same port, so clients configured with it recover without a restart.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** Listens again on the same port (after stop()). */
  start(): Promise<void>;
  /** Refuses new connections and cuts the open ones. */
  stop(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;

  const listen = () => new Promise<void>((resolve, reject) => {
    const s = createServer((client) => {
      const upstream = connect(targetPort, targetHost);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => {
      const address = s.address();
      if (typeof address === 'object' && address !== null) port = address.port;
      server = s;
      resolve();
    });
  });

  await listen();
  return {
    get port() {
      return port;
    },
    start: listen,
    async stop() {
      const s = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (s !== undefined) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}
