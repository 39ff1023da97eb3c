import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PushSubscriptionInput } from '../../app/push/index.js';
import type { Principal } from '../../domain/access/index.js';
import { AppError } from '../../domain/errors/index.js';

/** Who is calling: a bearer token's principal (it needs the write scope), or a signed-in browser's. */
export interface PushCaller {
  fromBearer(token: string): Promise<{ readonly principal: Principal; readonly canWrite: boolean } | undefined>;
  fromSessionCookie(cookieHeader: string | undefined): Promise<Principal | undefined>;
}

export interface PushRoutesDeps {
  /** The VAPID public key (base64url), the web app's `applicationServerKey`. */
  readonly publicKey: string;
  /** The server's public URL: a browser's session is accepted only from a page of this origin. */
  readonly publicUrl?: string;
  readonly caller: PushCaller;
  subscribe(principal: Principal, input: PushSubscriptionInput): Promise<{ readonly endpoint: string; readonly personId: string }>;
  unsubscribe(principal: Principal, endpoint: string): Promise<void>;
}

export const PUSH_KEY_PATH = '/api/v1/push/key';
export const PUSH_SUBSCRIPTIONS_PATH = '/api/v1/push/subscriptions';

const subscriptionBody = z.object({
  endpoint: z.string().max(2048),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({ p256dh: z.string().max(200), auth: z.string().max(100) }),
});
const endpointBody = z.object({ endpoint: z.string().max(2048) });

/**
 * Web Push subscriptions of the signed-in person: `GET /api/v1/push/key` (the VAPID public key,
 * public), `POST` and `DELETE /api/v1/push/subscriptions`. A caller is a bearer token with the write
 * scope or the web app's session cookie; with the cookie, the request must come from a page of the
 * server's own origin (`Origin`) as JSON, which a cross-site form cannot send, so another site
 * cannot subscribe a browser on a person's behalf.
 */
export function registerPushRoutes(app: FastifyInstance, deps: PushRoutesDeps): void {
  const origin = deps.publicUrl === undefined ? undefined : new URL(deps.publicUrl).origin;

  async function callerOf(request: FastifyRequest): Promise<Principal> {
    const header = request.headers.authorization;
    if (header !== undefined && header.trim() !== '') {
      const token = /^Bearer +(\S+) *$/i.exec(header)?.[1];
      const found = token === undefined ? undefined : await deps.caller.fromBearer(token);
      if (found === undefined) throw new AppError('UNAUTHENTICATED', 'The API token is not valid: it is malformed, unknown or revoked. Ask an admin for a new one.');
      if (!found.canWrite) throw new AppError('FORBIDDEN', 'This token is read-only: subscribing to push notifications needs a token with the write scope.');
      return found.principal;
    }
    const principal = await deps.caller.fromSessionCookie(request.headers.cookie);
    if (principal === undefined) throw new AppError('UNAUTHENTICATED', 'Authentication required: sign in to the web app, or send "Authorization: Bearer <token>".');
    const from = request.headers.origin;
    if (origin === undefined || from !== origin) {
      throw new AppError('FORBIDDEN', `A signed-in browser may change push subscriptions only from the web app's own pages (Origin ${origin ?? 'set by paging.app_url'}).`);
    }
    return principal;
  }

  function parse<T>(schema: z.ZodType<T>, body: unknown): T {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
    throw new AppError('VALIDATION', `The request body is not a push subscription: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}. Send PushSubscription.toJSON() as JSON.`, { issues });
  }

  app.get(PUSH_KEY_PATH, async (_request, reply) => reply.header('cache-control', 'public, max-age=3600').send({ publicKey: deps.publicKey }));

  app.post(PUSH_SUBSCRIPTIONS_PATH, async (request, reply) => {
    const principal = await callerOf(request);
    const body = parse(subscriptionBody, request.body);
    const saved = await deps.subscribe(principal, { endpoint: body.endpoint, keys: body.keys });
    request.log.info({ person: saved.personId }, 'push subscription saved');
    return reply.code(201).header('cache-control', 'no-store').send({ endpoint: saved.endpoint, personId: saved.personId });
  });

  app.delete(PUSH_SUBSCRIPTIONS_PATH, async (request, reply) => {
    const principal = await callerOf(request);
    const body = parse(endpointBody, request.body);
    await deps.unsubscribe(principal, body.endpoint);
    return reply.code(204).send();
  });
}
