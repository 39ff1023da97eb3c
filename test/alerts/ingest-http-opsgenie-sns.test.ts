// Opsgenie actions by alert id, and SNS message signatures checked against a fetched certificate,
// over HTTP on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { createSign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { snsMessageSchema, snsStringToSign } from '../../src/adapters/ingest/sns-cloudwatch/index.js';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Harness } from '../http/http-harness.js';

const fixtureText = (name: string) => readFile(new URL(`../fixtures/ingest/${name}`, import.meta.url), 'utf8');

interface ListedAlert { id: string; status: string; incidentId?: string; summary: string }

async function createIntegration(h: Harness, body: Record<string, unknown>): Promise<string> {
  const res = await h.request('POST', '/api/v1/integrations', { as: 'admin', body });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { key: string }).key;
}

async function alerts(h: Harness): Promise<ListedAlert[]> {
  const res = await h.request('GET', '/api/v1/alerts?limit=1000', { as: 'viewer' });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { items: ListedAlert[] }).items;
}

async function incidentStatus(h: Harness, id: string): Promise<string> {
  return ((await h.request('GET', `/api/v1/incidents/${id}`, { as: 'admin' })).json() as { status: string }).status;
}

async function timelineKinds(h: Harness, id: string): Promise<string[]> {
  const body = (await h.request('GET', `/api/v1/incidents/${id}/timeline`, { as: 'admin' })).json() as { items?: { kind: string }[]; events?: { kind: string }[] } | { kind: string }[];
  return (Array.isArray(body) ? body : (body.items ?? body.events ?? [])).map((e) => e.kind);
}

/** A local server standing in for sns.<region>.amazonaws.com: it serves the test certificate. */
let certServer: Server;
let certBase = '';
const fetched: string[] = [];
const fetchSigningCertificate = async (url: string): Promise<string> => {
  fetched.push(url);
  const res = await fetch(`${certBase}/cert.pem`);
  return res.text();
};

async function signedAlarm(edit: (m: Record<string, unknown>) => void = () => {}): Promise<Record<string, unknown>> {
  const raw = JSON.parse(await fixtureText('sns-cloudwatch-alarm.json')) as Record<string, unknown>;
  // Stamped now, as SNS does: an older message is a replay and has no effect.
  raw['Timestamp'] = new Date().toISOString();
  edit(raw);
  const m = snsMessageSchema.parse({ ...raw, SignatureVersion: '2' });
  const key = await fixtureText('sns-test-signing-key.pem');
  return { ...raw, SignatureVersion: '2', Signature: createSign('RSA-SHA256').update(snsStringToSign(m)).sign(key, 'base64') };
}

before(async () => {
  const pem = await fixtureText('sns-test-signing-cert.pem');
  certServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(pem));
  await new Promise<void>((resolve) => certServer.listen(0, '127.0.0.1', resolve));
  certBase = `http://127.0.0.1:${(certServer.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise<void>((resolve) => certServer.close(() => resolve()));
});

for (const kind of STORE_KINDS) {
  describe(`Opsgenie by id and SNS signatures over HTTP: ${kind}`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(kind, {}, { fetchSigningCertificate });
    });
    after(async () => {
      await h?.close();
    });

    it('closes, acknowledges and notes an Opsgenie alert by our alert id; unknown ids are accepted and dropped', async () => {
      const key = await createIntegration(h, { source: 'opsgenie', name: 'og-ids' });
      const genie = { authorization: `GenieKey ${key}` };
      const created = await h.request('POST', '/v2/alerts', { headers: genie, body: { message: 'Queue backlog by id', alias: 'backlog-1', priority: 'P2' } });
      assert.equal(created.statusCode, 202, created.body);
      const alert = (await alerts(h)).find((a) => a.summary === 'Queue backlog by id')!;
      assert.ok(alert.incidentId !== undefined);

      const note = await h.request('POST', `/v2/alerts/${alert.id}/notes?identifierType=id`, { headers: genie, body: { note: 'looking', user: 'ana' } });
      assert.equal(note.statusCode, 202, note.body);
      // Opsgenie's default identifierType is id.
      assert.equal((await h.request('POST', `/v2/alerts/${alert.id}/acknowledge`, { headers: genie, body: {} })).statusCode, 202);
      assert.equal((await alerts(h)).find((a) => a.id === alert.id)!.status, 'acknowledged');

      // Opsgenie answers 202 for an alert that does not exist (the request fails later: "Alert does not exist").
      const unknown = await h.request('POST', '/v2/alerts/no-such-alert/close?identifierType=id', { headers: genie, body: {} });
      assert.equal(unknown.statusCode, 202, unknown.body);
      assert.equal((await alerts(h)).find((a) => a.id === alert.id)!.status, 'acknowledged');

      // Another integration's key cannot act on this alert by its id.
      const other = await createIntegration(h, { source: 'opsgenie', name: 'og-other' });
      assert.equal((await h.request('POST', `/v2/alerts/${alert.id}/close?identifierType=id`, { headers: { authorization: `GenieKey ${other}` }, body: {} })).statusCode, 202);
      assert.equal((await alerts(h)).find((a) => a.id === alert.id)!.status, 'acknowledged');

      const close = await h.request('POST', `/v2/alerts/${alert.id}/close?identifierType=id`, { headers: genie, body: { user: 'ana' } });
      assert.equal(close.statusCode, 202, close.body);
      assert.equal((await alerts(h)).find((a) => a.id === alert.id)!.status, 'resolved');
      assert.equal(await incidentStatus(h, alert.incidentId), 'resolved');
      const kinds = await timelineKinds(h, alert.incidentId);
      assert.ok(kinds.includes('note-added') && kinds.includes('alert-resolved'), kinds.join());

      // A closed alert's id no longer acts on the alias's next life.
      assert.equal((await h.request('POST', '/v2/alerts', { headers: genie, body: { message: 'Queue backlog again', alias: 'backlog-1' } })).statusCode, 202);
      assert.equal((await h.request('POST', `/v2/alerts/${alert.id}/close`, { headers: genie, body: {} })).statusCode, 202);
      assert.equal((await alerts(h)).find((a) => a.summary === 'Queue backlog again')!.status, 'open');
    });

    it('refuses identifierType=tiny with 422 in Opsgenie\'s shape', async () => {
      const key = await createIntegration(h, { source: 'opsgenie', name: 'og-tiny' });
      const res = await h.request('POST', '/v2/alerts/1791/close?identifierType=tiny', { headers: { authorization: `GenieKey ${key}` }, body: {} });
      assert.equal(res.statusCode, 422);
      const body = res.json() as { message: string; requestId: string; took: number };
      assert.match(body.message, /identifierType 'tiny' is not supported/);
      assert.equal(typeof body.requestId, 'string');
      assert.equal(typeof body.took, 'number');
    });

    it('a correctly signed CloudWatch notification opens an incident; the certificate is fetched once', async () => {
      const key = await createIntegration(h, { source: 'sns-cloudwatch', name: 'sns-good' });
      const before = fetched.length;
      const body = await signedAlarm();
      for (let i = 0; i < 2; i++) {
        const res = await h.request('POST', `/integrations/sns/${key}`, { payload: JSON.stringify(body), headers: { 'content-type': 'text/plain; charset=UTF-8' } });
        assert.equal(res.statusCode, 200, res.body);
      }
      assert.deepEqual(fetched.slice(before), [body['SigningCertURL']]);
      const alert = (await alerts(h)).find((a) => a.summary === body['Subject'] && a.status === 'open');
      assert.ok(alert?.incidentId !== undefined);
      assert.equal(await incidentStatus(h, alert.incidentId), 'triggered');
    });

    it('refuses a notification with one changed byte and stores nothing', async () => {
      const key = await createIntegration(h, { source: 'sns-cloudwatch', name: 'sns-tampered' });
      const body = await signedAlarm((m) => {
        m['Subject'] = 'ALARM: tampered test alarm';
      });
      body['Subject'] = 'ALARM: tampered test alarn';
      const countBefore = (await alerts(h)).length;
      const res = await h.request('POST', `/integrations/sns/${key}`, { payload: JSON.stringify(body), headers: { 'content-type': 'text/plain' } });
      assert.equal(res.statusCode, 401, res.body);
      assert.equal((await alerts(h)).length, countBefore);
      assert.equal((await alerts(h)).filter((a) => a.summary.startsWith('ALARM: tampered')).length, 0);
      // Unsigned (the fixture's own signature) is refused too.
      const unsigned = JSON.parse(await fixtureText('sns-subscription-confirmation.json')) as Record<string, unknown>;
      assert.equal((await h.request('POST', `/integrations/sns/${key}`, { payload: JSON.stringify(unsigned), headers: { 'content-type': 'text/plain' } })).statusCode, 401);
    });

    it('refuses a SigningCertURL on another host without fetching anything', async () => {
      const key = await createIntegration(h, { source: 'sns-cloudwatch', name: 'sns-elsewhere' });
      const before = fetched.length;
      for (const url of ['https://evil.example/SimpleNotificationService-x.pem', `${certBase}/cert.pem`, 'http://sns.us-east-2.amazonaws.com/SimpleNotificationService-x.pem', 'https://sns.us-east-2.amazonaws.com.evil.example/x.pem']) {
        const body = await signedAlarm((m) => {
          m['SigningCertURL'] = url;
          m['Subject'] = 'ALARM: elsewhere';
        });
        const res = await h.request('POST', `/integrations/sns/${key}`, { payload: JSON.stringify(body), headers: { 'content-type': 'text/plain' } });
        assert.equal(res.statusCode, 400, res.body);
        assert.match(res.body, /SigningCertURL/);
      }
      assert.equal(fetched.length, before);
      assert.equal((await alerts(h)).filter((a) => a.summary === 'ALARM: elsewhere').length, 0);
    });
  });
}
