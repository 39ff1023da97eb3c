// GET /api/v1/openapi.json checked by a real OpenAPI validator (@apidevtools/swagger-parser, OpenAPI
// 3.1 schema and references), and numbers typed as numbers: every query or path parameter taking a
// whole number is `type: integer` with its bounds, so generated clients send and check integers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { startHarness, type Harness } from '../http/http-harness.js';

interface Parameter { name: string; in: string; schema: Record<string, unknown> }
type Document = { openapi: string; paths: Record<string, Record<string, { parameters?: Parameter[] }>> };

/** Every parameter of the document, as "METHOD /path name". */
function parameters(doc: Document): [string, Parameter][] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).flatMap(([method, op]) => (op.parameters ?? []).map((p): [string, Parameter] => [`${method.toUpperCase()} ${path} ${p.name}`, p])));
}

describe('the OpenAPI document in a validator', () => {
  let h: Harness;
  let doc: Document;
  before(async () => {
    h = await startHarness('sqlite');
    const res = await h.request('GET', '/api/v1/openapi.json');
    assert.equal(res.statusCode, 200);
    doc = res.json() as Document;
  });
  after(() => h?.close());

  it('is a valid OpenAPI 3.1 document', async () => {
    assert.equal(doc.openapi, '3.1.0');
    // validate() dereferences in place: give it a copy.
    const validated = await SwaggerParser.validate(structuredClone(doc) as never);
    assert.equal((validated as { openapi?: string }).openapi, '3.1.0');
  });

  it('the validator does refuse a document against the 3.1 schema and for a dangling reference', async () => {
    const noIn = structuredClone(doc) as unknown as { paths: Record<string, Record<string, Record<string, unknown>>> };
    noIn.paths['/incidents']!['get']!['parameters'] = [{ name: 'limit', schema: { type: 'integer' } }];
    await assert.rejects(SwaggerParser.validate(noIn as never), /must have required property 'in'/);
    const dangling = structuredClone(doc) as unknown as { paths: Record<string, Record<string, unknown>> };
    dangling.paths['/incidents']!['get'] = { responses: { 200: { $ref: '#/components/responses/Nope' } } };
    await assert.rejects(SwaggerParser.validate(dangling as never));
  });

  it('types GET /incidents limit as an integer from 1 to 500', () => {
    const limit = doc.paths['/incidents']?.['get']?.parameters?.find((p) => p.name === 'limit');
    assert.deepEqual({ type: limit?.schema['type'], minimum: limit?.schema['minimum'], maximum: limit?.schema['maximum'] }, { type: 'integer', minimum: 1, maximum: 500 });
  });

  it('types every whole-number parameter as an integer with bounds, never as a string of digits', () => {
    for (const [where, p] of parameters(doc)) {
      const pattern = typeof p.schema['pattern'] === 'string' ? p.schema['pattern'] : '';
      assert.ok(!/^\^\\d(\{[\d,]+\}|\+)\$$/.test(pattern), `${where} is a number typed as a string (pattern ${pattern})`);
      if (p.schema['type'] === 'integer' || p.schema['type'] === 'number') {
        assert.equal(p.schema['type'], 'integer', `${where} is a whole number`);
        assert.equal(typeof p.schema['minimum'], 'number', `${where} has a minimum`);
        assert.equal(typeof p.schema['maximum'], 'number', `${where} has a maximum`);
      }
    }
    const integers = parameters(doc).filter(([, p]) => p.schema['type'] === 'integer').map(([where]) => where);
    assert.ok(integers.includes('GET /alerts limit') && integers.includes('GET /incidents limit'), integers.join(', '));
  });

  it('answers a limit that is not a whole number 1–500 with 400 naming limit', async () => {
    for (const value of ['0', '501', 'ten', '2.5']) {
      const res = await h.request('GET', `/api/v1/incidents?limit=${value}`, { as: 'viewer' });
      assert.equal(res.statusCode, 400, `limit=${value}: ${res.body}`);
      const error = (res.json() as { error: { code: string; details: { path: string }[] } }).error;
      assert.equal(error.code, 'VALIDATION');
      assert.deepEqual(error.details.map((d) => d.path), ['limit']);
    }
    assert.equal((await h.request('GET', '/api/v1/incidents?limit=500', { as: 'viewer' })).statusCode, 200);
  });
});
