import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** A webhook that answers in its sender's own format (PagerDuty, Alertmanager, …), given by src/main. */
export interface RawEndpoint {
  /** Outside /api/v1 or beside it, Fastify form: `/api/v1/alertmanager/:key`. */
  readonly path: string;
  /** Bodies above this are refused by the server itself (the endpoint reports smaller excesses in its own format). */
  readonly bodyLimitBytes: number;
  handle(request: RawRequest): Promise<RawAnswer>;
}

export interface RawRequest {
  readonly rawBody: string;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly log: FastifyBaseLogger;
  /** The API's failed-authentication limit for this request's client. */
  readonly authLimit: AuthLimit;
}

/** What an endpoint that checks credentials itself does with the API's failed-authentication limit. */
export interface AuthLimit {
  /** Throws the API's RATE_LIMITED answer (429 with Retry-After) while the client is locked out. */
  refuseWhileLockedOut(): void;
  /** Counts a presented but wrong credential (a missing one guesses nothing and is not counted); resolves once counted. */
  recordFailure(): Promise<void>;
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Serves raw endpoints: every body is read as text whatever its content type (SNS posts JSON as
 * text/plain), in a scope of its own so the JSON API keeps refusing other media types with 415.
 */
export function registerRawEndpoints(app: FastifyInstance, endpoints: readonly RawEndpoint[], authLimit: (request: FastifyRequest, reply: FastifyReply) => AuthLimit): void {
  if (endpoints.length === 0) return;
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    for (const endpoint of endpoints) {
      scope.post(endpoint.path, { bodyLimit: endpoint.bodyLimitBytes }, async (request, reply) => {
        const answer = await endpoint.handle({
          rawBody: typeof request.body === 'string' ? request.body : '',
          headers: request.headers,
          params: (request.params ?? {}) as Record<string, string>,
          query: (request.query ?? {}) as Record<string, string>,
          log: request.log,
          authLimit: authLimit(request, reply),
        });
        return reply.code(answer.status).headers(answer.headers).send(answer.body);
      });
    }
  });
}
