// A local HTTP server that answers like a vendor's REST API from the saved responses under
// test/fixtures/import/<vendor>/ (the same files `import --from` reads): it checks the auth
// header, serves pages by the vendor's pagination, and can answer one request with 429.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { savedResponseFile } from '../../src/adapters/import/index.js';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly status: number;
}

export interface VendorApiServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export interface VendorApiOptions {
  readonly dir: string;
  /** True when the request carries the right key in the vendor's header. */
  readonly isAuthorized: (headers: IncomingHttpHeaders) => boolean;
  /** Which saved page a request asks for (offset or page parameter). */
  readonly pageOf: (path: string, query: URLSearchParams) => number;
  /** The first request to this path is answered 429 with these headers. */
  readonly throttleOnce?: { readonly path: string; readonly headers: Readonly<Record<string, string>> };
  /** The answer to a refused key. */
  readonly unauthorized?: { readonly status: number; readonly body: unknown };
}

export async function startVendorApi(options: VendorApiOptions): Promise<VendorApiServer> {
  const requests: RecordedRequest[] = [];
  let throttled = false;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      requests.push({ method: req.method ?? '', path, query: url.searchParams, headers: req.headers, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (!options.isAuthorized(req.headers)) return answer(options.unauthorized?.status ?? 401, options.unauthorized?.body ?? { message: 'Unauthorized' });
    if (options.throttleOnce !== undefined && !throttled && path === options.throttleOnce.path) {
      throttled = true;
      return answer(429, { error: { message: 'Rate Limit Exceeded', code: 2020 } }, options.throttleOnce.headers);
    }
    try {
      const file = savedResponseFile(options.dir, { path: path.replace(/\/+$/, ''), page: options.pageOf(path, url.searchParams) });
      return answer(200, JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      return answer(404, { error: { message: 'Not Found', code: 2100 } });
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** The page whose items start at `offset`, counting the items of the saved pages of `path` under `key`. */
export function pageAtOffset(dir: string, path: string, offset: number, key: string): number {
  let seen = 0;
  for (let page = 1; page < 100; page++) {
    if (seen === offset) return page;
    let items: unknown[];
    try {
      items = (JSON.parse(readFileSync(savedResponseFile(dir, { path: path.replace(/\/+$/, ''), page }), 'utf8')) as Record<string, unknown[]>)[key] ?? [];
    } catch {
      return page;
    }
    seen += items.length;
  }
  return 1;
}
