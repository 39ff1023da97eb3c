import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { declare, startHarness, type Caller, type Harness } from './http-harness.js';
import { openSse, type SseReader } from './sse-reader.js';

const data = (f: { data?: string }) => JSON.parse(f.data ?? '{}') as { incidentId: string; kind: string; seq: number; actor: string };

for (const kind of STORE_KINDS) {
  describe(`live event stream (${kind})`, () => {
    let h: Harness;
    let base: string;
    const open: SseReader[] = [];
    const connect = async (as: Caller, headers: Record<string, string> = {}) => {
      const r = await openSse(`${base}/api/v1/events/stream`, { authorization: `Bearer ${h.tokens[as]}`, ...headers });
      open.push(r);
      return r;
    };
    before(async () => {
      h = await startHarness(kind, { heartbeatMs: 100 });
      base = await h.listen();
    });
    after(async () => {
      for (const r of open) r.close();
      await h.close();
    });

    // How fast is measured in bench/stream-latency.ts; here only that it arrives, complete.
    it('delivers a declaration to a client connected before it', async () => {
      const stream = await connect('viewer');
      assert.equal(stream.status, 200);
      assert.match(String(stream.headers['content-type']), /^text\/event-stream/);
      assert.equal(stream.headers['x-content-type-options'], 'nosniff');
      await stream.waitFor((f) => f.some((x) => x.comment === 'connected'), 10_000, 'the connected comment');
      const id = await declare(h, { severity: 'high', type: 'outage', environment: 'production' }, 'responder');
      await stream.waitFor(() => stream.events().some((e) => data(e).incidentId === id), 10_000, `the declaration of ${id}`);
      const frame = stream.events().find((e) => data(e).incidentId === id)!;
      assert.equal(frame.event, 'declared');
      assert.equal(frame.id, String(data(frame).seq));
      assert.equal(data(frame).actor, 'responder');
    });

    it('sends heartbeats on an idle stream', async () => {
      const stream = await connect('viewer');
      await stream.waitFor((f) => f.filter((x) => x.comment === 'heartbeat').length >= 2, 10_000, 'two heartbeats');
    });

    it('replays exactly the missed events after Last-Event-ID', async () => {
      const first = await connect('viewer');
      const id = await declare(h, { severity: 'low', type: 'data', environment: 'staging' });
      await first.waitFor(() => first.events().some((e) => data(e).incidentId === id), 10_000, 'the declaration');
      const lastSeen = first.events().at(-1)!.id!;
      first.close();
      const missed: number[] = [];
      const missedKinds: string[] = [];
      for (const path of ['acknowledge', 'notes']) {
        const res = await h.request('POST', `/api/v1/incidents/${id}/${path}`, { as: 'admin', body: path === 'notes' ? { text: 'while away' } : {} });
        const recorded = (res.json() as { recorded: { seq: number; kind: string }[] }).recorded;
        missed.push(...recorded.map((r) => r.seq));
        missedKinds.push(...recorded.map((r) => r.kind));
      }
      const again = await connect('viewer', { 'last-event-id': lastSeen });
      await again.waitFor(() => again.events().length >= missed.length, 10_000, 'the missed events');
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(again.events().map((e) => Number(e.id)), missed);
      assert.deepEqual(again.events().map((e) => e.event), missedKinds);
      assert.equal(missedKinds[0], 'acknowledged');
    });

    it('never sends a security incident\'s events outside the security team', async () => {
      const outsider = await connect('commander');
      const team = await connect('security-viewer');
      const admin = await connect('admin');
      const secret = await declare(h, { severity: 'critical', type: 'security', environment: 'production', title: 'Credential leak' });
      await h.request('POST', `/api/v1/incidents/${secret}/notes`, { as: 'admin', body: { text: 'rotating keys' } });
      const marker = await declare(h, { severity: 'low', type: 'outage', environment: 'staging' });
      for (const r of [team, admin]) await r.waitFor(() => r.events().filter((e) => data(e).incidentId === secret).length === 2, 10_000, 'the security events');
      await outsider.waitFor(() => outsider.events().some((e) => data(e).incidentId === marker), 10_000, 'the later outage');
      assert.equal(outsider.events().filter((e) => data(e).incidentId === secret).length, 0);
      assert.ok(!outsider.frames.some((f) => (f.data ?? '').includes('Credential leak')));
      const replay = await connect('commander', { 'last-event-id': '0' });
      await replay.waitFor(() => replay.events().some((e) => data(e).incidentId === marker), 10_000, 'the replay');
      assert.equal(replay.events().filter((e) => data(e).incidentId === secret).length, 0);
    });

    it('refuses a Last-Event-ID that is not a sequence number', async () => {
      const res = await h.request('GET', '/api/v1/events/stream', { as: 'viewer', headers: { 'last-event-id': 'abc' } });
      assert.equal(res.statusCode, 400);
    });
  });
}
