import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createNotifier, pagerDutyDedupKey } from './index.js';
import { fixedClock, sampleMessage, startRecordingServer, type RecordingServer, type ScriptedReply } from './notify-test-support.js';

const ROUTING_KEY = 'R0UT1NGKEY0123456789abcdefABCDEF';
const servers: RecordingServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function pagerDuty(reply: ScriptedReply) {
  const s = await startRecordingServer(() => reply);
  servers.push(s);
  const { notifier } = createNotifier({ pagerduty: { eventsUrl: s.url, source: 'ir.example.com' }, allowPrivateAddresses: ['127.0.0.1/32'] }, { env: {}, clock: fixedClock });
  return { s, deliver: (overrides = {}) => notifier.deliver(sampleMessage({ channel: 'pagerduty', address: ROUTING_KEY, ...overrides }), 2000) };
}

describe('PagerDuty channel (Events API v2)', () => {
  it('triggers an event keyed on the incident and reads the dedup key back from the 202', async () => {
    const { s, deliver } = await pagerDuty({ status: 202, body: { status: 'success', message: 'Event processed', dedup_key: 'incident-response:INC-2026-1128-001' } });
    const outcome = await deliver();
    assert.deepEqual(outcome, { kind: 'delivered', detail: 'PagerDuty accepted the event (dedup key incident-response:INC-2026-1128-001)', providerId: 'incident-response:INC-2026-1128-001' });
    const [req] = s.requests;
    assert.equal(req?.url, '/v2/enqueue');
    assert.equal(req?.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(req!.body), {
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: 'incident-response:INC-2026-1128-001',
      payload: {
        summary: '[SEV-1] INC-2026-1128-001 Checkout API down',
        source: 'ir.example.com',
        severity: 'critical',
        timestamp: '2026-11-28T14:01:00.000Z',
        component: 'checkout-api',
        group: 'production',
        class: 'outage',
        custom_details: {
          text: 'Checkout API down (critical, production, checkout-api).\nAcknowledge: incident-response ack INC-2026-1128-001',
          incident: {
            id: 'INC-2026-1128-001', title: 'Checkout API down', severity: 'critical', severity_label: 'SEV-1', incident_type: 'outage',
            environment: 'production', service: 'checkout-api', status: 'investigating', declared_at: '2026-11-28T14:00:00.000Z',
            url: 'https://ir.example.com/incidents/INC-2026-1128-001',
          },
        },
      },
      client: 'incident-response',
      client_url: 'https://ir.example.com/incidents/INC-2026-1128-001',
      links: [{ href: 'https://ir.example.com/incidents/INC-2026-1128-001', text: 'Open INC-2026-1128-001' }],
    });
  });

  it('coalesces every page of one incident on one dedup key and maps severities', () => {
    const a = sampleMessage({ id: 'm1' });
    const b = sampleMessage({ id: 'm2', idempotencyKey: 'other' });
    assert.equal(pagerDutyDedupKey(a), pagerDutyDedupKey(b));
    assert.equal(pagerDutyDedupKey(sampleMessage({ id: 'm3', incident: undefined })), 'incident-response:m3');
  });

  it('maps high to error and cuts the summary to 1,024 characters', async () => {
    const { s, deliver } = await pagerDuty({ status: 202, body: { status: 'success', message: 'Event processed', dedup_key: 'x' } });
    const base = sampleMessage();
    await deliver({ subject: 'x'.repeat(1100), incident: { ...base.incident!, severity: 'high' } });
    const payload = (JSON.parse(s.requests[0]!.body) as { payload: { summary: string; severity: string } }).payload;
    assert.equal(payload.summary.length, 1024);
    assert.equal(payload.severity, 'error');
  });

  it('fails on 400 with PagerDuty\'s errors, never showing the routing key', async () => {
    const { deliver } = await pagerDuty({ status: 400, body: { status: 'invalid event', message: 'Event object is invalid', errors: ['Length of \'routing_key\' is incorrect (should be 32 characters)'] } });
    const outcome = await deliver();
    assert.deepEqual(outcome, { kind: 'failed', reason: 'PagerDuty answered 400: Event object is invalid; Length of \'routing_key\' is incorrect (should be 32 characters)' });
  });

  it('retries on 429 and on 5xx', async () => {
    assert.equal((await (await pagerDuty({ status: 429 })).deliver()).kind, 'retry');
    assert.equal((await (await pagerDuty({ status: 502, body: 'Bad Gateway' })).deliver()).kind, 'retry');
  });

  it('refuses an address that is not a routing key, without sending', async () => {
    const { s, deliver } = await pagerDuty({ status: 202 });
    const outcome = await deliver({ address: 'not-a-key' });
    assert.equal(outcome.kind, 'failed');
    assert.equal(s.requests.length, 0);
  });
});
