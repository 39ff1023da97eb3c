import { defineRoute, type ApiRoute } from './api-route.js';
import { createTokenBody, createdToken, tokenList, tokenParams, tokenRecord } from './api-schemas.js';

/** Managing API tokens over the API (admins); the CLI's `token` verbs do the same locally. */
export const TOKEN_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'POST', path: '/tokens', summary: 'Create a token (shown once)', permission: 'token:manage',
    body: createTokenBody, status: 201, response: createdToken,
    handle: ({ deps, principal, body }) => deps.tokens.create(body, principal),
  }),
  defineRoute({
    method: 'GET', path: '/tokens', summary: 'List tokens, revoked included', permission: 'token:manage',
    status: 200, response: tokenList,
    handle: async ({ deps, principal }) => ({ items: await deps.tokens.list(principal) }),
  }),
  defineRoute({
    method: 'DELETE', path: '/tokens/{idOrName}', summary: 'Revoke a token', permission: 'token:manage',
    params: tokenParams, status: 200, response: tokenRecord,
    handle: async ({ deps, principal, params }) => ({ record: await deps.tokens.revoke(params.idOrName, principal) }),
  }),
];
