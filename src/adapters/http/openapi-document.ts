import { z } from 'zod';
import type { ApiRoute } from './api-route.js';
import { NAMED_SCHEMAS } from './api-schemas.js';
import { HTTP_STATUS } from './http-error.js';

type JsonSchema = Record<string, unknown>;

const REF = (id: string) => `#/components/schemas/${id}`;

/**
 * The OpenAPI 3.1 document of the v1 API, generated from the very zod schemas that validate the
 * requests. Every body and response schema becomes a component (named ones keep their names), so
 * a schema used in many places, IncidentDto above all, is written once and referenced.
 */
export function buildOpenApiDocument(routes: readonly ApiRoute[], version: string): JsonSchema {
  const registry = z.registry<{ id: string }>();
  const operationIds = new Map(routes.map((r) => [r, operationId(r)]));
  for (const route of routes) {
    const op = operationIds.get(route)!;
    if (route.body && !registry.has(route.body)) registry.add(route.body, { id: `${capitalise(op)}Body` });
    if (!registry.has(route.response)) registry.add(route.response, { id: `${capitalise(op)}Response` });
    if (route.alternative && !registry.has(route.alternative.response)) registry.add(route.alternative.response, { id: `${capitalise(op)}Response${route.alternative.status}` });
  }
  // Named last, so a shared schema is published under its own name.
  for (const [id, schema] of Object.entries(NAMED_SCHEMAS)) {
    if (registry.has(schema)) registry.remove(schema);
    registry.add(schema, { id });
  }
  const ref = (schema: z.ZodType) => ({ $ref: REF(registry.get(schema)!.id) });
  // Request schemas are published as the client writes them (input), the rest as the server sends them.
  const components = {
    ...(z.toJSONSchema(registry, { uri: REF, io: 'output', unrepresentable: 'any' }).schemas as Record<string, JsonSchema>),
    ...Object.fromEntries(routes.filter((r) => r.body).map((r) => {
      const id = registry.get(r.body!)!.id;
      return [id, z.toJSONSchema(r.body!, { io: 'input', unrepresentable: 'any' }) as JsonSchema];
    })),
  };
  const errorStatuses = [...new Set([...Object.values(HTTP_STATUS), 415])].sort().map(String);

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters = [
      ...fields(route.params).map(([name, schema]) => parameter(name, 'path', schema)),
      ...fields(route.query).map(([name, schema]) => parameter(name, 'query', schema)),
      ...(route.produces === 'text/event-stream' ? [{ name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' }, description: 'resume after this event id' }] : []),
    ];
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: operationIds.get(route),
      summary: route.summary,
      ...(route.permission === 'public'
        ? { security: [] }
        : { description: `Needs the ${route.permission} permission and a token with the ${route.scope} scope.`, security: [{ bearer: [route.scope] }] }),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(route.body) } } } } : {}),
      responses: {
        [String(route.status)]: { description: 'OK', content: { [route.produces]: { schema: ref(route.response) } } },
        ...(route.alternative ? { [String(route.alternative.status)]: { description: route.alternative.description, content: { 'application/json': { schema: ref(route.alternative.response) } } } } : {}),
        ...Object.fromEntries(errorStatuses.map((s) => [s, { $ref: '#/components/responses/Error' }])),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'incident-response', version, description: 'Declare, work and audit incidents. Errors are {"error":{"code","message","details","requestId"}}.' },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http', scheme: 'bearer',
          description: 'A token from "incident-response token create". Each operation lists the scope it needs: read (GET), ingest (alerts, metric samples, heartbeats) or write (every other change); a token has the scopes it was created with (--scope), every scope by default.',
        },
      },
      responses: { Error: { description: 'An error in the common envelope', content: { 'application/json': { schema: { $ref: REF('ErrorEnvelope') } } } } },
      schemas: Object.fromEntries(Object.entries(components).map(([id, s]) => [id, clean(s)])),
    },
  };
}

function operationId(route: ApiRoute): string {
  const words = route.path.replace(/[{}]/g, '').split(/[^A-Za-z0-9]+/).filter(Boolean);
  return route.method.toLowerCase() + words.map(capitalise).join('');
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function parameter(name: string, where: 'path' | 'query', schema: z.ZodType) {
  return {
    name,
    in: where,
    required: where === 'path' || !schema.safeParse(undefined).success,
    schema: clean(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema),
    ...(schema.description ? { description: schema.description } : {}),
  };
}

function fields(schema: z.ZodType | undefined): [string, z.ZodType][] {
  return schema instanceof z.ZodObject ? Object.entries(schema.shape as Record<string, z.ZodType>) : [];
}

/** Drops the JSON Schema dialect markers that OpenAPI schema objects do not need. */
function clean(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}
