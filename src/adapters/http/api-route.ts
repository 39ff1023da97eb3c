import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { IncidentApi } from '../../app/incidents/index.js';
import type { TokenScope } from '../../app/ports/index.js';
import { requiredScope } from '../../app/tokens/index.js';
import type { Permission, Principal } from '../../domain/access/index.js';
import type { ServerDeps } from './server-deps.js';

/** A route's handler has taken over the raw response (the event stream). */
export const HIJACKED = Symbol('hijacked');

export interface RouteContext<P, Q, B> {
  /** The authenticated caller; absent only on public routes. */
  readonly principal: Principal;
  readonly api: IncidentApi;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly deps: ServerDeps;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteSpec<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined> {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Below /api/v1, in OpenAPI form: `/incidents/{id}`. */
  readonly path: string;
  readonly summary: string;
  /** 'public' routes need no token. */
  readonly permission: Permission | 'public';
  /** The token scope the route needs when it is not the method's (GET: read, else write): ingest routes say `ingest`. */
  readonly scope?: TokenScope;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly status: number;
  readonly response: z.ZodType;
  /** A second success answer, chosen when `matches` says the result is of that shape (a declaration receipt: 202). */
  readonly alternative?: AlternativeAnswer;
  /** Defaults to application/json. */
  readonly produces?: 'text/event-stream' | 'text/calendar';
  handle(ctx: RouteContext<Infer<P>, Infer<Q>, Infer<B>>): Promise<unknown>;
}

export interface AlternativeAnswer {
  readonly status: number;
  readonly response: z.ZodType;
  /** For the OpenAPI document: when this answer is given. */
  readonly description: string;
  matches(result: unknown): boolean;
}

/** A route of the v1 table with its types erased, as the server and the OpenAPI generator see it. */
export interface ApiRoute {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly summary: string;
  readonly permission: Permission | 'public';
  /** The token scope the route needs (read, ingest, write). */
  readonly scope: TokenScope;
  readonly params: z.ZodType | undefined;
  readonly query: z.ZodType | undefined;
  readonly body: z.ZodType | undefined;
  readonly status: number;
  readonly response: z.ZodType;
  readonly alternative: AlternativeAnswer | undefined;
  readonly produces: 'application/json' | 'text/event-stream' | 'text/calendar';
  handle(ctx: RouteContext<unknown, unknown, unknown>): Promise<unknown>;
}

/** Checks a route's handler against its own schemas, then erases the types for the table. */
export function defineRoute<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  spec: RouteSpec<P, Q, B>,
): ApiRoute {
  return {
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    permission: spec.permission,
    scope: requiredScope(spec.method, spec.scope),
    params: spec.params,
    query: spec.query,
    body: spec.body,
    status: spec.status,
    response: spec.response,
    alternative: spec.alternative,
    produces: spec.produces ?? 'application/json',
    handle: spec.handle as ApiRoute['handle'],
  };
}
