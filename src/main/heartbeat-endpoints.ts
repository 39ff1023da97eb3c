import type { IntegrationService } from '../app/alerts/index.js';
import type { HeartbeatConfig } from '../app/config/index.js';
import type { Clock, HeartbeatStore } from '../app/ports/index.js';
import type { TokenService } from '../app/tokens/index.js';
import { hasPermission } from '../domain/access/index.js';
import type { RawAnswer, RawEndpoint, RawRequest } from '../adapters/http/index.js';

/** Integration keys of this source may ping the heartbeat whose name is the integration's name. */
export const HEARTBEAT_SOURCE = 'heartbeat';

export interface HeartbeatWiring {
  readonly heartbeats: readonly HeartbeatConfig[];
  readonly store: Pick<HeartbeatStore, 'recordPing'>;
  readonly tokens: Pick<TokenService, 'identify'>;
  readonly integrations: Pick<IntegrationService, 'authenticate'>;
  readonly clock: Clock;
}

const answer = (status: number, body: unknown): RawAnswer => ({ status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) });

/**
 * `POST /api/v1/heartbeats/{name}/ping` with a responder (or higher) token with the ingest scope, or
 * `POST /api/v1/heartbeats/{name}/ping/{key}` with an integration key of source heartbeat named like the
 * heartbeat (for cron jobs: `curl -X POST …`). 200 only once the ping is stored. None when no heartbeat is configured.
 */
export function heartbeatEndpoints(w: HeartbeatWiring): RawEndpoint[] {
  if (w.heartbeats.length === 0) return [];
  const names = new Set(w.heartbeats.map((h) => h.name));
  async function ping(request: RawRequest): Promise<RawAnswer> {
    const name = request.params['name'] ?? '';
    const key = request.params['key'];
    // The API's failed-authentication limit: a client locked out there is locked out here, and back.
    request.authLimit.refuseWhileLockedOut();
    let allowed: boolean;
    if (key !== undefined) {
      const integration = await w.integrations.authenticate(HEARTBEAT_SOURCE, key);
      allowed = integration !== undefined && integration.name === name;
      if (integration === undefined) await request.authLimit.recordFailure();
    } else {
      const header = request.headers['authorization'];
      const presented = typeof header === 'string' && header.trim() !== '';
      const token = typeof header === 'string' ? /^Bearer +(\S+) *$/i.exec(header)?.[1] : undefined;
      const identified = token === undefined ? undefined : await w.tokens.identify(token);
      const principal = identified?.principal;
      if (principal === undefined && presented) await request.authLimit.recordFailure();
      if (principal !== undefined && !hasPermission(principal, 'incident:work')) return answer(403, { error: { code: 'FORBIDDEN', message: 'pinging a heartbeat needs the responder role or higher' } });
      if (identified !== undefined && !identified.scopes.includes('ingest')) {
        return answer(403, { error: { code: 'FORBIDDEN', message: `This token is limited to ${identified.scopes.join(', ')}; pinging a heartbeat needs the ingest scope. Use a token created with "incident-response token create --scope ingest …".` } });
      }
      allowed = principal !== undefined;
    }
    if (!allowed) {
      return answer(401, { error: { code: 'UNAUTHENTICATED', message: 'a responder token (Authorization: Bearer …) or a heartbeat integration key named like the heartbeat is required' } });
    }
    if (!names.has(name)) return answer(404, { error: { code: 'NOT_FOUND', message: `no heartbeat '${name.slice(0, 64)}' is configured` } });
    const at = w.clock.now();
    await w.store.recordPing(name, at);
    return answer(200, { heartbeat: name, pingedAt: new Date(at).toISOString() });
  }
  return [
    { path: '/api/v1/heartbeats/:name/ping', bodyLimitBytes: 64 * 1024, handle: ping },
    { path: '/api/v1/heartbeats/:name/ping/:key', bodyLimitBytes: 64 * 1024, handle: ping },
  ];
}
