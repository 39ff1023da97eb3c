/**
 * Which proxies in front of `serve` to believe about the client (`server.trust_proxy`): false (none,
 * the default: X-Forwarded-* are ignored), true (any), a number of proxy hops, or the proxies'
 * addresses and CIDR ranges. The client's address then keys rate limits, and X-Forwarded-Proto
 * decides whether the session cookie is Secure.
 */
export type TrustProxy = boolean | number | readonly string[];

export interface ServerConfig {
  readonly trustProxy: TrustProxy;
  /**
   * On PostgreSQL, live event streams are woken by LISTEN/NOTIFY (`server.event_push`, default
   * true); false leaves them polling, for a connection pooler that cannot hold a LISTEN.
   */
  readonly eventPush: boolean;
}
