import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/**
 * Helmet's default security headers, computed once. The Fastify plugin builds a new helmet
 * middleware (parsing the Content-Security-Policy directives again) on every request, which cost
 * a third of a small request's time; the headers do not depend on the request, so the server sets
 * this one precomputed object instead.
 */
export function computeSecurityHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const capture = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader() {
      // X-Powered-By: the server never sets it.
    },
  } as unknown as ServerResponse;
  helmet()({} as IncomingMessage, capture, (error?: unknown) => {
    if (error !== undefined && error !== null) throw error;
  });
  return Object.freeze(headers);
}
