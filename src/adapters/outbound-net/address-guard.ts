import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { AddressAllowList } from '../../app/config/index.js';

/** Addresses an outbound request must not reach unless allow-listed: loopback, private, link-local, and the like. */
const PRIVATE_RANGES: readonly [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], ['10.0.0.0', 8, 'ipv4'], ['100.64.0.0', 10, 'ipv4'], ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.0.0.0', 24, 'ipv4'], ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'], ['224.0.0.0', 4, 'ipv4'], ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'], ['::1', 128, 'ipv6'], ['fc00::', 7, 'ipv6'], ['fe80::', 10, 'ipv6'], ['ff00::', 8, 'ipv6'],
  // NAT64 for local use (RFC 8215): translators inside the operator's own network.
  ['64:ff9b:1::', 48, 'ipv6'],
];

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The SSRF guard for outbound requests (health checks, notifications). The check runs on the
 * address actually connected to (inside the socket's DNS lookup), so a name that resolves to
 * 127.0.0.1 — or is re-pointed there after the config was read — is refused like the literal
 * address. `allowKey` names the config key that makes exceptions, for the refusal message.
 *
 * `trustedOrigins` are URLs the operator wrote in the configuration (a Prometheus, a Loki, a Jira):
 * `guardedRequest` reaches exactly their origins (scheme, host and port) without the check, since
 * an internal address there is the normal case and the operator chose it. Any other origin — where
 * a redirect leads, another port on the same host — is checked as usual.
 */
export class AddressGuard {
  private readonly blocked = new BlockList();
  private readonly allowed = new BlockList();
  private readonly trusted: ReadonlySet<string>;

  constructor(allow: AddressAllowList, private readonly allowKey = 'detection.allow_private_addresses', trustedOrigins: readonly string[] = []) {
    for (const [net, prefix, type] of PRIVATE_RANGES) this.blocked.addSubnet(net, prefix, type);
    for (const entry of allow) {
      const [net, prefix] = entry.split('/');
      const type = isIP(net ?? '') === 6 ? 'ipv6' : 'ipv4';
      this.allowed.addSubnet(net!, prefix === undefined ? (type === 'ipv6' ? 128 : 32) : Number(prefix), type);
    }
    this.trusted = new Set(trustedOrigins.flatMap((u) => {
      const origin = URL.canParse(u) ? new URL(u).origin : 'null';
      return origin === 'null' ? [] : [origin];
    }));
  }

  /** Whether `url` is on an origin the operator configured, reached without the address check. */
  isTrustedOrigin(url: URL): boolean {
    return this.trusted.has(url.origin);
  }

  /**
   * Why `address` may not be reached, or undefined when it may. An IPv6 address that carries an
   * IPv4 address (IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`,
   * 6to4 `2002::/16`), in any notation, is judged by the IPv4 address it reaches.
   */
  refusal(address: string): string | undefined {
    const literal = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
    const embedded = isIP(literal) === 6 ? embeddedIpv4(literal) : undefined;
    const candidates = embedded === undefined ? [literal] : [literal, embedded];
    const isAllowed = candidates.some((ip) => this.allowed.check(ip, typeOf(ip)));
    const blocked = candidates.find((ip) => this.blocked.check(ip, typeOf(ip)));
    if (blocked === undefined || isAllowed) return undefined;
    const shown = embedded === undefined ? literal : `${literal} (${embedded})`;
    return `${shown} is a loopback, private or link-local address; add it to ${this.allowKey} to reach it`;
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

function typeOf(ip: string): 'ipv4' | 'ipv6' {
  return isIP(ip) === 6 ? 'ipv6' : 'ipv4';
}

/** The IPv4 address an IPv6 address embeds (mapped, compatible, NAT64 /96, 6to4), or undefined. */
export function embeddedIpv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  if (g === undefined) return undefined;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (SIIT translated).
  if (zeros(0, 5) && g[5] === 0xffff) return v4(g[6]!, g[7]!);
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return v4(g[6]!, g[7]!);
  // ::a.b.c.d (IPv4-compatible, deprecated); :: and ::1 are judged as themselves too.
  if (zeros(0, 6)) return v4(g[6]!, g[7]!);
  // NAT64 well-known prefix 64:ff9b::/96, and the /96 form inside the local-use 64:ff9b:1::/48.
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return v4(g[6]!, g[7]!);
  // 6to4: 2002:aabb:ccdd::/48.
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!);
  return undefined;
}

/** The eight 16-bit groups of an IPv6 address (any notation, dotted tail included), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted !== null) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    if ([a, b, c, d].some((n) => n > 255)) return undefined;
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((h) => (/^[0-9a-f]{1,4}$/.test(h) ? parseInt(h, 16) : NaN)));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.some((n) => Number.isNaN(n)) ? undefined : groups;
}
