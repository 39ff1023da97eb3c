import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { AppError } from '../../domain/errors/index.js';

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * A webhook that posts a form and signs its bytes with a shared secret instead of sending a bearer
 * token (Slack's slash commands). src/main builds it from the integration's adapter.
 */
export interface SignedFormEndpoint {
  /** Outside /api/v1, e.g. /integrations/slack/commands. */
  readonly path: string;
  readonly bodyLimitBytes: number;
  /** Whether these exact bytes were signed by the sender; the reason is logged, never sent back. */
  verify(headers: IncomingHttpHeaders, rawBody: Buffer): SignatureCheck;
  /**
   * The JSON answer (HTTP 200) to an authentic request, given its headers too (a replay of a
   * signature already acted on is recognised by them). Expected not to throw.
   */
  answer(rawBody: Buffer, log: FastifyBaseLogger, headers: IncomingHttpHeaders): Promise<unknown>;
}

/**
 * Serves one signed form endpoint. The form parser lives in this route's own scope and keeps the
 * raw bytes (the signature covers them), so the JSON API still refuses form bodies with 415.
 * Failed signatures are not counted by the failed-auth limiter: HMAC-SHA256 cannot be guessed, and
 * behind a proxy a count per address could lock Slack itself out.
 */
export function registerSignedFormRoute(app: FastifyInstance, endpoint: SignedFormEndpoint): void {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.post(endpoint.path, { bodyLimit: endpoint.bodyLimitBytes }, async (request, reply) => {
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const check = endpoint.verify(request.headers, rawBody);
      if (!check.ok) {
        request.log.warn({ reason: check.reason, path: endpoint.path }, 'signed request refused');
        throw new AppError('UNAUTHENTICATED', 'The request signature is missing, expired or not valid.');
      }
      const answer = await endpoint.answer(rawBody, request.log, request.headers);
      return reply.code(200).type('application/json; charset=utf-8').send(answer);
    });
  });
}
