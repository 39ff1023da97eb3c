import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AppError } from '../../domain/errors/index.js';
import { AddressGuard } from '../outbound-net/index.js';

/**
 * The SSRF guard for an import: the addresses the --api-url host resolves to now are allowed (the
 * operator named that host, and self-hosted Grafana OnCall usually lives on a private address);
 * every other loopback, private or link-local address stays refused, so a redirect or a name
 * re-pointed later cannot carry the key to another internal service.
 */
export async function guardForApiUrl(apiUrl: string): Promise<AddressGuard> {
  const host = new URL(apiUrl).hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host) !== 0) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true })).map((a) => a.address);
    } catch (e) {
      throw new AppError('UPSTREAM_FAILED', `Cannot resolve the host of --api-url (${host}): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Check the URL and the network.`);
    }
  }
  return new AddressGuard(addresses, '--api-url');
}
