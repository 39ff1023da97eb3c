import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splunkSource } from './splunk-source.js';
import { accepted, ctx, fixture, rejected } from '../../../../test/support/ingest.js';

const parse = (body: string) => splunkSource.parse(body, ctx({ integrationKey: 'int_splunk' }));

describe('splunk webhook alert action', () => {
  it('reads the documented example (an ad hoc search: no search_name) as one firing alert identified by its sid', () => {
    const s = accepted(parse(fixture('splunk-webhook.json'))).signals[0]!;
    assert.equal(s.action, 'trigger');
    assert.equal(s.summary, 'Splunk search scheduler_admin_search_W2_at_14232356_132');
    assert.equal(s.dedupKey, 'sid:scheduler_admin_search_W2_at_14232356_132');
    assert.equal(s.labels['sourcetype'], 'mongod');
    assert.equal(s.labels['splunk_app'], 'search');
    assert.deepEqual(s.details['result'], { sourcetype: 'mongod', count: '8' });
    assert.deepEqual(s.links, [{ href: 'http://web.example.local:8000/app/search/@go?sid=scheduler_admin_search_W2_at_14232356_132', text: 'Splunk search results' }]);
    assert.equal(s.integrationKey, 'int_splunk');
  });
  it('a saved search is the alert: its name is the grouping key and each run joins the same alert', () => {
    const first = accepted(parse(fixture('splunk-webhook-saved-search.json'))).signals[0]!;
    const next = JSON.parse(fixture('splunk-webhook-saved-search.json')) as Record<string, unknown>;
    next['sid'] = 'scheduler__admin__search__RMD5e8f1b2c3d4_at_1764950700_1240';
    const second = accepted(parse(JSON.stringify(next))).signals[0]!;
    assert.equal(first.alertName, 'Checkout 5xx spike');
    assert.equal(first.summary, 'Checkout 5xx spike');
    assert.equal(first.dedupKey, 'search:search:Checkout 5xx spike');
    assert.equal(second.dedupKey, first.dedupKey);
    assert.equal(first.service, 'checkout');
    assert.equal(first.severity, 'high');
    assert.equal(first.labels['host'], 'web-03');
    assert.equal(first.labels['search_name'], 'Checkout 5xx spike');
    assert.equal(first.startsAt, Date.UTC(2025, 11, 5, 16, 0, 0));
  });
  it('multi-value result fields are joined, null ones dropped', () => {
    const s = accepted(parse(JSON.stringify({ sid: 'x1', search_name: 'Disk', result: { host: ['a', 'b'], note: null } }))).signals[0]!;
    assert.equal(s.labels['host'], 'a,b');
    assert.deepEqual(s.details['result'], { host: 'a,b' });
  });
  it('refuses a body without a sid, naming the field, and bodies that are not JSON', () => {
    const missing = rejected(parse(JSON.stringify({ search_name: 'Disk', result: {} })));
    assert.equal(missing.reason, 'invalid');
    assert.equal(missing.errors[0]!.path, 'sid');
    assert.equal(splunkSource.rejected(missing, ctx()).status, 400);
    assert.match(rejected(parse('sid=1')).errors[0]!.message, /not JSON/);
  });
  it('answers 202 when accepted and 503 with Retry-After when overloaded', () => {
    assert.equal(splunkSource.accepted({ ok: true, signals: [] }, ctx()).status, 202);
    const busy = splunkSource.overloaded(5, ctx());
    assert.equal(busy.status, 503);
    assert.equal(busy.headers['retry-after'], '5');
  });
});
