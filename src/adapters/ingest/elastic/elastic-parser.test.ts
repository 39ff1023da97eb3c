import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { elasticSource } from './elastic-source.js';
import { accepted, ctx, fixture, rejected } from '../../../../test/support/ingest.js';

const parse = (body: string) => elasticSource.parse(body, ctx());

describe('elastic / kibana webhook connector', () => {
  it('a firing rule is one alert named by the rule, with its tags as labels and the Kibana link', () => {
    const s = accepted(parse(fixture('elastic-webhook-firing.json'))).signals[0]!;
    assert.equal(s.action, 'trigger');
    assert.equal(s.summary, 'Checkout error logs above 50 in 5m');
    assert.equal(s.alertName, 'Checkout error logs above 50 in 5m');
    assert.equal(s.dedupKey, '0d1e3a6f-7c4b-4e2a-9f61-3b1c5d2e8a90:query matched');
    assert.equal(s.service, 'checkout');
    assert.equal(s.severity, 'high');
    assert.equal(s.labels['environment'], 'production');
    assert.match(s.annotations['description'] ?? '', /Document count is 312/);
    assert.equal(s.startsAt, Date.parse('2026-12-05T14:02:11.482Z'));
    assert.equal(s.links[0]!.href, 'https://kibana.example.com/app/discover#/viewAlert/0d1e3a6f-7c4b-4e2a-9f61-3b1c5d2e8a90');
  });
  it('the recovered action group resolves the alert its firing opened', () => {
    const firing = accepted(parse(fixture('elastic-webhook-firing.json'))).signals[0]!;
    const recovered = accepted(parse(fixture('elastic-webhook-recovered.json'))).signals[0]!;
    assert.equal(recovered.action, 'resolve');
    assert.equal(recovered.dedupKey, firing.dedupKey);
    assert.equal(recovered.endsAt, Date.parse('2026-12-05T14:31:40.007Z'));
    // An empty {{context.link}} falls back to {{rule.url}}.
    assert.equal(recovered.links[0]!.href, 'https://kibana.example.com/app/observability/alerts/rules/0d1e3a6f-7c4b-4e2a-9f61-3b1c5d2e8a90');
  });
  it('tags may also arrive as a JSON list', () => {
    const body = JSON.parse(fixture('elastic-webhook-firing.json')) as { rule: { tags: unknown } };
    body.rule.tags = ['service:search', 'team:core'];
    const s = accepted(parse(JSON.stringify(body))).signals[0]!;
    assert.equal(s.service, 'search');
    assert.equal(s.labels['team'], 'core');
  });
  it('refuses a body whose template lost {{alert.actionGroup}} or {{rule.name}}, naming the field', () => {
    const body = JSON.parse(fixture('elastic-webhook-firing.json')) as { alert: Record<string, unknown>; rule: Record<string, unknown> };
    body.alert['action_group'] = '';
    const out = rejected(parse(JSON.stringify(body)));
    assert.equal(out.errors[0]!.path, 'alert.action_group');
    assert.match(out.errors[0]!.message, /alert\.actionGroup/);
    delete body.rule['name'];
    body.alert['action_group'] = 'query matched';
    assert.equal(rejected(parse(JSON.stringify(body))).errors[0]!.path, 'rule.name');
    assert.equal(elasticSource.rejected(out, ctx()).status, 400);
  });
});
