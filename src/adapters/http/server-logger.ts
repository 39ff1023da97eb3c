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

const REDACTED = '[Redacted]';

/** Our own credential prefixes (integration keys, API tokens, webhook signing secrets) and Slack's. */
const SECRET_PREFIX = /^(iri_|irt_|whsec_|xox[abeoprs]-)/;
const PREFIXED_SECRET = /\b(iri_|irt_|whsec_|xox[abeoprs]-)[A-Za-z0-9_+/=.-]+/g;
/** Query parameters (and route parameters) whose value is a credential by their name. */
const SECRET_NAME = /token|key|secret|sig|code|pass|pwd|auth|credential|session/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The server's logger: JSON lines, credentials redacted, secret-shaped URL parts and error texts masked. */
export function createServerLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: REDACTED },
      serializers: {
        req: (req: { method?: string; url?: string; id?: string; ip?: string; params?: unknown }) => ({
          id: req.id,
          method: req.method,
          url: maskUrl(req.url ?? '', secretParams(req.params)),
          remoteAddress: req.ip,
        }),
        err: (error: Error) => {
          const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
          for (const field of ['message', 'stack']) {
            const value = serialized[field];
            if (typeof value === 'string') serialized[field] = maskText(value);
          }
          return serialized;
        },
      },
    },
    options.destination,
  );
}

/**
 * A URL as it may be logged: each path segment and query value that looks like a credential is
 * replaced by [Redacted] — our prefixes (`iri_…`, `irt_…`, `whsec_…`), any value of a query
 * parameter named like token/key/secret/signature/code/password, the route parameters passed in
 * `secrets`, and long random-looking strings (an integration key some other system generated).
 */
export function maskUrl(url: string, secrets: readonly string[] = []): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const maskedPath = path.split('/').map((s) => maskValue(s, secrets)).join('/');
  if (q < 0) return maskedPath;
  const query = url.slice(q + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 0) return maskValue(pair, secrets);
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const masked = SECRET_NAME.test(decode(name)) && value !== '' ? REDACTED : maskValue(value, secrets);
    return `${maskValue(name, secrets)}=${masked}`;
  });
  return `${maskedPath}?${query.join('&')}`;
}

/** Free text (an error message, a stack) with prefixed credentials and secret-shaped parts of URLs masked. */
export function maskText(text: string): string {
  return text
    .replace(/\b(https?:\/\/[^\s/"'<>]+)(\/[^\s"'<>]*)?/g, (_m, origin: string, rest: string | undefined) => origin + (rest === undefined ? '' : maskUrl(rest)))
    .replace(PREFIXED_SECRET, `$1${REDACTED}`);
}

function maskValue(raw: string, secrets: readonly string[]): string {
  if (raw === '') return raw;
  const value = decode(raw);
  const prefix = SECRET_PREFIX.exec(value)?.[1];
  if (prefix !== undefined) return `${prefix}${REDACTED}`;
  if (secrets.includes(value) || isRandomLooking(value)) return REDACTED;
  PREFIXED_SECRET.lastIndex = 0;
  return PREFIXED_SECRET.test(value) ? REDACTED : raw;
}

/**
 * At least 20 characters of a token alphabet mixing two of lower case, upper case and digits:
 * generated keys look like this, words and our ids (INC-2026-1128-003, msg_…) do not. UUIDs are
 * record ids (silences, maintenances) and stay readable.
 */
function isRandomLooking(value: string): boolean {
  if (value.length < 20 || !/^[A-Za-z0-9_+/=.~-]+$/.test(value) || UUID.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((c) => c.test(value)).length;
  return classes >= 2;
}

/** Values of route parameters named like a credential (`:key`, `:token`). */
function secretParams(params: unknown): string[] {
  if (params === null || typeof params !== 'object') return [];
  return Object.entries(params as Record<string, unknown>)
    .filter((e): e is [string, string] => SECRET_NAME.test(e[0]) && typeof e[1] === 'string' && e[1] !== '')
    .map(([, v]) => v);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
