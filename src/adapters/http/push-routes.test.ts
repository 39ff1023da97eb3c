import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import type { Principal } from '../../domain/access/index.js';
import { toHttpFailure } from './http-error.js';
import { registerPushRoutes } from './push-routes.js';

const ALICE: Principal = { name: 'alice', role: 'responder', teams: [] };
const SUBSCRIPTION = { endpoint: 'https://push.example/abc', keys: { p256dh: 'B'.repeat(87), auth: 'a'.repeat(22) } };

function server() {
  const saved: { principal: Principal; endpoint: string }[] = [];
  const app = Fastify();
  app.setErrorHandler((error, request, reply) => {
    const failure = toHttpFailure(error, request.id, 1024 * 1024);
    return reply.code(failure.status).send(failure.body);
  });
  registerPushRoutes(app, {
    publicKey: 'BPublicKey',
    publicUrl: 'https://incidents.example.com',
    caller: {
      fromBearer: async (token) => (token === 'write' ? { principal: ALICE, canWrite: true } : token === 'read' ? { principal: ALICE, canWrite: false } : undefined),
      fromSessionCookie: async (cookie) => (cookie === 'ir_session=ok' ? ALICE : undefined),
    },
    subscribe: async (principal, input) => {
      saved.push({ principal, endpoint: input.endpoint });
      return { endpoint: input.endpoint, personId: principal.name };
    },
    unsubscribe: async () => undefined,
  });
  return { app, saved };
}

describe('push subscription routes', () => {
  it('accept a write token, and a session cookie only from the server\'s own origin', async () => {
    const { app, saved } = server();
    const post = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/api/v1/push/subscriptions', headers: { 'content-type': 'application/json', ...headers }, payload: SUBSCRIPTION });
    assert.equal((await post({ authorization: 'Bearer write' })).statusCode, 201);
    assert.equal((await post({ authorization: 'Bearer read' })).statusCode, 403);
    assert.equal((await post({ authorization: 'Bearer nope' })).statusCode, 401);
    assert.equal((await post({ cookie: 'ir_session=ok', origin: 'https://evil.example' })).statusCode, 403, 'another site cannot subscribe a signed-in browser');
    assert.equal((await post({ cookie: 'ir_session=ok' })).statusCode, 403, 'no Origin, no session write');
    assert.equal((await post({ cookie: 'ir_session=ok', origin: 'https://incidents.example.com' })).statusCode, 201);
    assert.equal((await post({})).statusCode, 401);
    assert.equal(saved.length, 2);
  });

  it('serves the VAPID public key without authentication, and names the fields of a malformed subscription', async () => {
    const { app } = server();
    const key = await app.inject({ method: 'GET', url: '/api/v1/push/key' });
    assert.deepEqual(key.json(), { publicKey: 'BPublicKey' });
    const bad = await app.inject({ method: 'POST', url: '/api/v1/push/subscriptions', headers: { authorization: 'Bearer write', 'content-type': 'application/json' }, payload: { endpoint: 5 } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /endpoint/);
    assert.match(bad.body, /keys/);
  });
});
