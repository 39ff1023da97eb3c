import type { FastifyInstance, FastifyReply } from 'fastify';
import type { StatusSubscriber, SubscribeInput, SubscriptionLinkOutcome } from '../../app/status-page/index.js';
import { AppError, isAppError } from '../../domain/errors/index.js';
import { html, htmlPage } from './escaped-html.js';

/** What the subscription routes act through (`StatusSubscriptions`). */
export interface StatusSubscriptionActions {
  subscribe(input: SubscribeInput): Promise<void>;
  find(token: string): Promise<StatusSubscriber | undefined>;
  confirm(token: string): Promise<SubscriptionLinkOutcome>;
  unsubscribe(token: string): Promise<SubscriptionLinkOutcome>;
}

export const STATUS_SUBSCRIPTIONS_PATH = '/status/subscriptions';
const FORM_LIMIT_BYTES = 16 * 1024;

export interface StatusSubscriptionLimits {
  /** Subscription requests one client address may make per window (the form sends e-mail to whatever address it is given). */
  readonly perAddress: number;
  readonly windowMs: number;
  /** Milliseconds on any monotonic scale. */
  readonly now: () => number;
}

const DEFAULT_LIMITS: StatusSubscriptionLimits = { perAddress: 10, windowMs: 60 * 60 * 1000, now: () => performance.now() };

function send(reply: FastifyReply, status: number, title: string, body: ReturnType<typeof html>): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8').send(htmlPage(title, body));
}

const describe = (s: StatusSubscriber): string => `${s.kind === 'email' ? s.address : 'the webhook'}${s.component === '' ? '' : ` (component ${s.component})`}`;

/**
 * Public subscription routes of the status page: `POST /status/subscriptions` (a form or JSON:
 * kind, address, component) answers 202 and sends a confirmation link; the confirm and unsubscribe
 * links show a page on GET (mail scanners fetch links) and act on POST. The answer to subscribing
 * is the same whether or not the address was known, so the form tells nobody who subscribes.
 */
export function registerStatusSubscriptionRoutes(app: FastifyInstance, actions: StatusSubscriptionActions, limits: StatusSubscriptionLimits = DEFAULT_LIMITS): void {
  // Per client address, in fixed windows, in this process: it bounds how many confirmation messages
  // one client can make us send to addresses of its choosing.
  const windows = new Map<string, { count: number; resetAt: number }>();
  const allow = (ip: string): number | undefined => {
    const now = limits.now();
    for (const [key, w] of windows) if (w.resetAt <= now) windows.delete(key);
    const w = windows.get(ip) ?? { count: 0, resetAt: now + limits.windowMs };
    w.count += 1;
    windows.set(ip, w);
    return w.count > limits.perAddress ? w.resetAt - now : undefined;
  };
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(null, undefined);
      }
    });
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    scope.post(STATUS_SUBSCRIPTIONS_PATH, { bodyLimit: FORM_LIMIT_BYTES }, async (request, reply) => {
      const waitMs = allow(request.ip);
      if (waitMs !== undefined) {
        const minutes = Math.ceil(waitMs / 60_000);
        reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
        throw new AppError('RATE_LIMITED', `Too many subscription requests from your address; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
      }
      const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
      const wantsJson = String(request.headers['content-type'] ?? '').startsWith('application/json');
      const input: SubscribeInput = {
        kind: typeof body['kind'] === 'string' ? body['kind'] : 'email',
        address: typeof body['address'] === 'string' ? body['address'] : '',
        ...(typeof body['component'] === 'string' ? { component: body['component'] } : {}),
      };
      try {
        await actions.subscribe(input);
      } catch (e) {
        if (!isAppError(e) || e.code !== 'VALIDATION') throw e;
        if (wantsJson) return reply.code(400).send({ error: { code: e.code, message: e.message, details: e.issues } });
        return send(reply, 400, 'Not subscribed', html`<p>${e.message}</p><p><a href="/status">Back to the status page</a></p>`);
      }
      request.log.info({ kind: input.kind }, 'status page subscription requested');
      const text = `If ${input.kind === 'webhook' ? 'that webhook' : 'that address'} is not subscribed yet, a confirmation link is on its way. Nothing is sent until it is followed.`;
      if (wantsJson) return reply.code(202).send({ status: 'confirmation-sent', message: text });
      return send(reply, 202, 'Check your inbox', html`<p>${text}</p><p><a href="/status">Back to the status page</a></p>`);
    });

    for (const action of ['confirm', 'unsubscribe'] as const) {
      const verb = action === 'confirm' ? 'Confirm the subscription' : 'Unsubscribe';
      scope.get<{ Params: { token: string } }>(`${STATUS_SUBSCRIPTIONS_PATH}/${action}/:token`, async (request, reply) => {
        const subscriber = await actions.find(request.params.token);
        if (subscriber === undefined) return send(reply, 404, 'Link not valid', html`<p>This link is not valid or the subscription has ended. Subscribe again from the status page.</p>`);
        return send(reply, 200, verb, html`<p>${verb} of ${describe(subscriber)}.</p><form method="post" action=""><button type="submit">${verb}</button></form>`);
      });
      scope.post<{ Params: { token: string } }>(`${STATUS_SUBSCRIPTIONS_PATH}/${action}/:token`, { bodyLimit: FORM_LIMIT_BYTES }, async (request, reply) => {
        const outcome = action === 'confirm' ? await actions.confirm(request.params.token) : await actions.unsubscribe(request.params.token);
        if (outcome.kind === 'unknown') return send(reply, 404, 'Link not valid', html`<p>This link is not valid or the subscription has ended. Subscribe again from the status page.</p>`);
        request.log.info({ action }, 'status page subscription changed');
        return outcome.kind === 'confirmed'
          ? send(reply, 200, 'Subscribed', html`<p>${describe(outcome.subscriber)} will receive a notice for every public update. Each notice has a link to unsubscribe.</p>`)
          : send(reply, 200, 'Unsubscribed', html`<p>${describe(outcome.subscriber)} will receive no more notices.</p>`);
      });
    }
  });
}
