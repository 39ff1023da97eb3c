// Local servers for the SSRF-guard tests of outbound clients: one that counts the TCP connections
// it accepted (so a test proves that nothing arrived, not merely that no request was answered), and
// answers every request with what the test scripts, e.g. a redirect.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  readonly method: string;
  /** Path and query. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface ConnectionRecorder {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  /** TCP connections accepted so far. */
  connections(): number;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

/** A server on 127.0.0.1 (a free port); `answer` writes each reply (default: 200 with `{}`). */
export async function startConnectionRecorder(answer: (req: SeenRequest, res: ServerResponse) => void = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}')): Promise<ConnectionRecorder> {
  let connections = 0;
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(seen);
      answer(seen, res);
    });
  });
  server.on('connection', () => { connections += 1; });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connections: () => connections,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A server whose every request is answered `status` with `Location: location`. */
export function startRedirector(location: string, status = 307): Promise<ConnectionRecorder> {
  return startConnectionRecorder((_req, res) => res.writeHead(status, { location }).end());
}
