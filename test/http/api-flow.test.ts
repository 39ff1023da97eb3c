import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { declare, startHarness, type Harness } from './http-harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

for (const kind of STORE_KINDS) {
  describe(`HTTP API: an incident from declaration to timeline (${kind})`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(kind);
    });
    after(() => h.close());

    const post = async (url: string, body: unknown, as: 'responder' | 'commander' = 'commander') => {
      const res = await h.request('POST', `/api/v1${url}`, { as, body });
      return { status: res.statusCode, json: res.json() as Json };
    };

    it('declares, works, resolves, refuses a late acknowledge, reopens, and keeps the timeline', async () => {
      const declared = await post('/incidents', { severity: 'critical', type: 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout' }, 'responder');
      assert.equal(declared.status, 201);
      const id = declared.json.incident.id as string;
      assert.equal(declared.json.incident.declaredBy, 'responder');
      assert.equal(declared.json.changed, true);

      const got = await h.request('GET', `/api/v1/incidents/${id.toLowerCase()}`, { as: 'viewer' });
      assert.equal(got.statusCode, 200);
      assert.equal(got.json().title, 'Checkout API down');

      assert.equal((await post(`/incidents/${id}/acknowledge`, {}, 'responder')).json.incident.status, 'acknowledged');
      assert.equal((await post(`/incidents/${id}/acknowledge`, {}, 'responder')).json.changed, false);
      const updated = await post(`/incidents/${id}/status-updates`, { status: 'identified', message: 'Connection pool exhausted' }, 'responder');
      assert.equal(updated.json.incident.lastUpdate.message, 'Connection pool exhausted');
      assert.equal((await post(`/incidents/${id}/roles`, { role: 'commander', person: 'cam' })).json.incident.roles.commander, 'cam');
      const step = (declared.json.incident.checklist.phases[0].steps[0].key) as string;
      assert.equal((await post(`/incidents/${id}/steps/${step}`, { done: true }, 'responder')).json.incident.checklist.done, 1);
      assert.equal((await post(`/incidents/${id}/severity`, { severity: 'high', reason: 'partial' })).json.incident.severity, 'high');
      assert.equal((await post(`/incidents/${id}/type`, { type: 'performance' })).json.incident.type, 'performance');
      assert.equal((await post(`/incidents/${id}/mitigate`, { note: 'pool resized' }, 'responder')).json.incident.status, 'mitigated');
      assert.equal((await post(`/incidents/${id}/notes`, { text: 'watching' }, 'responder')).status, 200);
      assert.equal((await post(`/incidents/${id}/resolve`, { summary: 'Pool size restored' })).json.incident.status, 'resolved');

      const late = await post(`/incidents/${id}/acknowledge`, {}, 'responder');
      assert.equal(late.status, 409);
      assert.equal(late.json.error.code, 'INVALID_TRANSITION');
      assert.match(late.json.error.message, new RegExp(`^Cannot acknowledge ${id}: it is already resolved\\.`));

      assert.equal((await post(`/incidents/${id}/reopen`, { reason: 'came back' })).json.incident.status, 'triggered');
      const timeline = await h.request('GET', `/api/v1/incidents/${id}/timeline`, { as: 'viewer' });
      const kinds = (timeline.json() as Json).items.map((e: Json) => e.kind);
      assert.deepEqual(kinds.slice(0, 2), ['declared', 'acknowledged']);
      assert.ok(kinds.includes('resolved') && kinds.includes('reopened'), kinds.join(','));
      const seqs = (timeline.json() as Json).items.map((e: Json) => e.seq);
      assert.deepEqual(seqs, [...seqs].sort((a: number, b: number) => a - b));
    });

    it('pages through a filtered list with a cursor: every incident once, none skipped', async () => {
      const mine = new Set<string>();
      for (let i = 0; i < 7; i++) mine.add(await declare(h, { severity: i % 2 ? 'low' : 'medium', type: 'data', environment: 'staging', service: 'ledger' }));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await h.request('GET', `/api/v1/incidents?service=ledger&severity=low,medium&status=open&limit=3${cursor ? `&cursor=${cursor}` : ''}`, { as: 'viewer' });
        assert.equal(res.statusCode, 200, res.body);
        const page = res.json() as { items: { id: string }[]; nextCursor: string | null };
        assert.ok(page.items.length <= 3);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      assert.deepEqual([...seen].sort(), [...mine].sort());
      assert.equal(new Set(seen).size, seen.length);
      const onlyLow = await h.request('GET', '/api/v1/incidents?service=ledger&severity=low', { as: 'viewer' });
      assert.equal((onlyLow.json() as Json).items.length, 3);
    });

    it('lists summaries, not whole incidents: no checklist, compliance obligations or review in a list item', async () => {
      const id = await declare(h, { severity: 'high', type: 'outage', environment: 'production', service: 'summaries' });
      const res = await h.request('GET', '/api/v1/incidents?service=summaries', { as: 'viewer' });
      assert.equal(res.statusCode, 200, res.body);
      const item = ((res.json() as Json).items as Json[])[0]!;
      assert.equal(item.id, id);
      assert.equal(item.severityLabel, 'SEV-2');
      assert.equal(item.clocks.response.state, 'running');
      for (const whole of ['checklist', 'compliance', 'review', 'policy', 'roles', 'lastUpdate']) assert.equal(item[whole], undefined, whole);
    });

    it('rejects bad enums, unknown fields and mass-assigned ids with the failing fields listed', async () => {
      const bad = await post('/incidents', { severity: 'critcal', type: 'outage', environment: 'production', id: 'INC-1', declaredAt: 'x', declaredBy: 'mallory' }, 'responder');
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error.code, 'VALIDATION');
      assert.deepEqual(bad.json.error.details.map((d: Json) => d.path).sort(), ['declaredAt', 'declaredBy', 'id', 'severity']);
      const query = await h.request('GET', '/api/v1/incidents?severity=urgent&colour=red', { as: 'viewer' });
      assert.equal(query.statusCode, 400);
      assert.deepEqual((query.json() as Json).error.details.map((d: Json) => d.path), ['colour']);
      const badValue = await h.request('GET', '/api/v1/incidents?severity=urgent', { as: 'viewer' });
      assert.equal(badValue.statusCode, 400);
      assert.match((badValue.json() as Json).error.message, /unknown severity 'urgent'/);
      const step = await post('/incidents/INC-2026-0101-001/steps/x', { done: 'yes' }, 'responder');
      assert.deepEqual(step.json.error.details, [{ path: 'done', message: 'Invalid input: expected boolean, received string' }]);
      const notAnId = await h.request('GET', '/api/v1/incidents/42', { as: 'viewer' });
      assert.equal(notAnId.statusCode, 400);
    });

    it('answers 413 for a body over the limit and 415 for a body that is not JSON, in the envelope', async () => {
      const big = await h.request('POST', '/api/v1/incidents', { as: 'responder', payload: JSON.stringify({ severity: 'low', type: 'data', environment: 'staging', summary: 'x'.repeat(300 * 1024) }) });
      assert.equal(big.statusCode, 413);
      assert.equal((big.json() as Json).error.code, 'PAYLOAD_TOO_LARGE');
      const form = await h.request('POST', '/api/v1/incidents', { as: 'responder', payload: 'severity=low', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(form.statusCode, 415);
      assert.equal((form.json() as Json).error.code, 'VALIDATION');
      const nothing = await h.server.inject({ method: 'POST', url: `/api/v1/incidents/INC-2026-0101-001/acknowledge`, headers: { authorization: `Bearer ${h.tokens.responder}` } });
      assert.equal(nothing.statusCode, 404, 'no body reads as {}');
      const jsonNull = await h.request('POST', '/api/v1/incidents/INC-2026-0101-001/acknowledge', { as: 'responder', payload: 'null' });
      assert.equal(jsonNull.statusCode, 400);
      const broken = await h.request('POST', '/api/v1/incidents', { as: 'responder', payload: '{"severity":' });
      assert.equal(broken.statusCode, 400);
      assert.equal((broken.json() as Json).error.message, 'The request body is not valid JSON.');
    });

    it('manages tokens over the API: created once, listed without secrets, revoked and refused', async () => {
      const created = await h.request('POST', '/api/v1/tokens', { as: 'admin', body: { name: 'bot', role: 'responder', teams: ['security'] } });
      assert.equal(created.statusCode, 201);
      const { token, record } = created.json() as Json;
      const listed = await h.request('GET', '/api/v1/tokens', { as: 'admin' });
      assert.ok(!listed.body.includes(token.slice(12)), 'the secret is never listed');
      assert.ok((listed.json() as Json).items.some((r: Json) => r.id === record.id && r.secretHash === undefined));
      const asBot = () => h.server.inject({ method: 'GET', url: '/api/v1/incidents', headers: { authorization: `Bearer ${token}` } });
      assert.equal((await asBot()).statusCode, 200);
      assert.equal((await h.request('DELETE', '/api/v1/tokens/bot', { as: 'admin' })).statusCode, 200);
      assert.equal((await asBot()).statusCode, 401);
    });
  });
}
