import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { toHttpFailure } from './http-error.js';
import { registerStatusSubscriptionRoutes } from './status-subscription-routes.js';

describe('status page subscription routes', () => {
  it('refuse a client address past its budget with 429 and Retry-After, and take it again in the next window', async () => {
    let now = 0;
    const asked: string[] = [];
    const app = Fastify();
    app.setErrorHandler((error, request, reply) => {
      const failure = toHttpFailure(error, request.id, 1024 * 1024);
      return reply.code(failure.status).headers(failure.headers).send(failure.body);
    });
    registerStatusSubscriptionRoutes(app, {
      subscribe: async (input) => {
        asked.push(input.address);
      },
      find: async () => undefined,
      confirm: async () => ({ kind: 'unknown' }),
      unsubscribe: async () => ({ kind: 'unknown' }),
    }, { perAddress: 2, windowMs: 60_000, now: () => now });
    const post = (address: string) => app.inject({ method: 'POST', url: '/status/subscriptions', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `kind=email&address=${encodeURIComponent(address)}` });
    assert.equal((await post('a@example.com')).statusCode, 202);
    assert.equal((await post('b@example.com')).statusCode, 202);
    const refused = await post('c@example.com');
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.headers['retry-after'], '60');
    assert.match(refused.body, /Too many subscription requests from your address; try again in 1 minute\./);
    now = 60_000;
    assert.equal((await post('c@example.com')).statusCode, 202);
    assert.deepEqual(asked, ['a@example.com', 'b@example.com', 'c@example.com']);
  });
});
