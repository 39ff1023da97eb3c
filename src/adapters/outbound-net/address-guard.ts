import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { AddressAllowList } from '../../app/config/index.js';

/** Addresses an outbound request must not reach unless allow-listed: loopback, private, link-local, and the like. */
const PRIVATE_RANGES: readonly [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], ['10.0.0.0', 8, 'ipv4'], ['100.64.0.0', 10, 'ipv4'], ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.0.0.0', 24, 'ipv4'], ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'], ['224.0.0.0', 4, 'ipv4'], ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'], ['::1', 128, 'ipv6'], ['fc00::', 7, 'ipv6'], ['fe80::', 10, 'ipv6'], ['ff00::', 8, 'ipv6'],
];

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The SSRF guard for outbound requests (health checks, notifications). The check runs on the
 * address actually connected to (inside the socket's DNS lookup), so a name that resolves to
 * 127.0.0.1 — or is re-pointed there after the config was read — is refused like the literal
 * address. `allowKey` names the config key that makes exceptions, for the refusal message.
 */
export class AddressGuard {
  private readonly blocked = new BlockList();
  private readonly allowed = new BlockList();

  constructor(allow: AddressAllowList, private readonly allowKey = 'detection.allow_private_addresses') {
    for (const [net, prefix, type] of PRIVATE_RANGES) this.blocked.addSubnet(net, prefix, type);
    for (const entry of allow) {
      const [net, prefix] = entry.split('/');
      const type = isIP(net ?? '') === 6 ? 'ipv6' : 'ipv4';
      this.allowed.addSubnet(net!, prefix === undefined ? (type === 'ipv6' ? 128 : 32) : Number(prefix), type);
    }
  }

  /** Why `address` may not be reached, or undefined when it may. */
  refusal(address: string): string | undefined {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    const ip = mapped ?? address;
    const type = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    if (!this.blocked.check(ip, type) || this.allowed.check(ip, type)) return undefined;
    return `${ip} is a loopback, private or link-local address; add it to ${this.allowKey} to reach it`;
  }

  /** A `lookup` for http.request that refuses the connection when any resolved address is refused. */
  readonly lookup = (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, options.all ? [] : '');
      const refused = addresses.map((a) => this.refusal(a.address)).find((r) => r !== undefined);
      if (refused !== undefined) {
        const e: NodeJS.ErrnoException = new Error(`refused to connect to ${hostname}: ${refused}`);
        e.code = 'EADDRREFUSED';
        return callback(e, options.all ? [] : '');
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      return callback(null, first.address, first.family);
    });
  };
}
