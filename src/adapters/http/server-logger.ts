import pino, { type DestinationStream, type Logger } from 'pino';

/** Everywhere a credential could appear in a log line; pino replaces the value with [Redacted]. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'authorization',
  'token',
  'secret',
  'password',
  '*.authorization',
  '*.token',
  '*.secret',
  '*.password',
  '*.secretHash',
];

/** The server's logger: JSON lines, credentials redacted, query-string tokens masked in URLs. */
export function createServerLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
      serializers: {
        req: (req: { method?: string; url?: string; id?: string; ip?: string }) => ({
          id: req.id,
          method: req.method,
          url: maskUrl(req.url ?? ''),
          remoteAddress: req.ip,
        }),
      },
    },
    options.destination,
  );
}

/** A token put in a URL by mistake must not reach the log either. */
export function maskUrl(url: string): string {
  return url.replace(/([?&](?:token|access_token|api_key|secret)=)[^&#]*/gi, '$1[Redacted]').replace(/irt_[A-Za-z0-9_-]+/g, 'irt_[Redacted]');
}
