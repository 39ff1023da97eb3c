import { isIP } from 'node:net';
import { z } from 'zod';
import type { ServerConfig } from '../../app/config/index.js';
import { expectedError } from './config-error-map.js';

/** proxy-addr's names for the reserved ranges, accepted beside addresses and CIDRs. */
const RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrRange(value: string): boolean {
  if (RANGE_NAMES.includes(value)) return true;
  const [address = '', bits, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

const trustProxySchema = z
  .union([
    z.boolean(),
    z.number().int('must be a whole number of proxy hops').min(1, 'must be at least 1 hop').max(32, 'must be at most 32 hops'),
    z.array(
      z.string({ error: expectedError('an address or CIDR range such as 10.0.0.0/8') })
        .trim()
        .refine(isAddressOrRange, 'must be an IP address, a CIDR range such as 10.0.0.0/8, or loopback, linklocal or uniquelocal'),
    ).min(1, 'list at least one proxy address or range'),
  ], { error: expectedError('true, false, a number of proxy hops, or a list of proxy addresses and CIDR ranges') })
  .meta({
    description: 'Believe X-Forwarded-For and X-Forwarded-Proto from these proxies: false (default: ignore them), true (any sender — only when nothing but your proxy can reach the server), a number of proxy hops, or the proxies\' addresses and CIDR ranges. The client address they give keys the rate limits; X-Forwarded-Proto: https makes the session cookie Secure.',
    examples: [false, 1, ['10.0.0.0/8', '127.0.0.1']],
  });

/** `server:` — how `serve` sees its clients. */
export function serverSchema() {
  return z
    .strictObject({
      trust_proxy: trustProxySchema.optional(),
      event_push: z.boolean({ error: expectedError('true or false') }).optional().meta({
        description: 'On PostgreSQL, wake every server\'s live event streams with LISTEN/NOTIFY as soon as an event is committed (default: true). Set false behind a connection pooler in transaction mode (e.g. PgBouncer), which cannot hold a LISTEN; streams then poll every 200 ms, as they always do on SQLite.',
      }),
    })
    .meta({ description: 'How the HTTP server (serve) sees its clients, e.g. behind a TLS-terminating proxy.' })
    .transform((s): ServerConfig => ({ trustProxy: s.trust_proxy ?? false, eventPush: s.event_push ?? true }));
}
