import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { epochMs, minutes } from '../time/index.js';
import type { EpochMs } from '../time/index.js';
import type { AlertSignal } from './alert-signal.js';
import { decideDedup } from './decide-dedup.js';
import type { AlertRecord } from './decide-dedup.js';
import { computeGroupLabels, decideGrouping } from './decide-grouping.js';
import type { IncidentGroup } from './decide-grouping.js';
import { STABLE, decideFlap } from './decide-flap.js';
import type { FlapState } from './decide-flap.js';
import { decideSilence } from './decide-silence.js';
import type { MaintenanceWindow, Silence } from './decide-silence.js';
import { decideAutoResolve } from './decide-auto-resolve.js';
import { parseLabelMatcher } from './label-matcher.js';
import { routeSignal } from './route-signal.js';
import type { RoutingTable } from './route-signal.js';

const T0 = epochMs(Date.UTC(2026, 10, 28, 12, 0, 0));
const at = (m: number): EpochMs => epochMs(T0 + minutes(m));

function signal(action: AlertSignal['action'], over: Partial<AlertSignal> = {}): AlertSignal {
  return {
    source: 'pagerduty-events', integrationKey: 'rk1', dedupKey: 'disk-full', fingerprint: '0', action, summary: 'Disk full',
    labels: {}, annotations: {}, details: {}, links: [], receivedAt: T0, ...over,
  };
}
function record(status: AlertRecord['status'], over: Partial<AlertRecord> = {}): AlertRecord {
  return { id: 'A1', source: 'pagerduty-events', integrationKey: 'rk1', dedupKey: 'disk-full', status, occurrences: 2, openedAt: T0, lastSeenAt: T0, ...over };
}

describe('decideDedup (PagerDuty semantics)', () => {
  const cases: { name: string; action: AlertSignal['action']; records: AlertRecord[]; kind: string; reason: RegExp; sig?: Partial<AlertSignal> }[] = [
    { name: 'first trigger opens an alert', action: 'trigger', records: [], kind: 'open', reason: /^new alert for "disk-full"$/ },
    { name: 'trigger on an open key appends', action: 'trigger', records: [record('open')], kind: 'append', reason: /^deduplicated into alert A1 \(3rd occurrence\)$/ },
    { name: 'trigger on an acknowledged key appends', action: 'trigger', records: [record('acknowledged', { occurrences: 1 })], kind: 'append', reason: /2nd occurrence/ },
    { name: 'trigger after resolve opens a new alert', action: 'trigger', records: [record('resolved')], kind: 'open', reason: /previous one was resolved/ },
    { name: 'acknowledge of an open alert', action: 'acknowledge', records: [record('open')], kind: 'acknowledge', reason: /A1 acknowledged/ },
    { name: 'acknowledge twice is dropped', action: 'acknowledge', records: [record('acknowledged')], kind: 'drop', reason: /already acknowledged/ },
    { name: 'acknowledge of an unknown key is dropped', action: 'acknowledge', records: [], kind: 'drop', reason: /no open alert/ },
    { name: 'resolve of a resolved key is dropped', action: 'resolve', records: [record('resolved')], kind: 'drop', reason: /no open alert/ },
    { name: 'resolve of an acknowledged alert', action: 'resolve', records: [record('acknowledged')], kind: 'resolve', reason: /A1 resolved/ },
    { name: 'same key under another integration is another alert', action: 'trigger', records: [record('open', { integrationKey: 'rk2' })], kind: 'open', reason: /^new alert/ },
    { name: 'same key from another source is another alert', action: 'resolve', records: [record('open', { source: 'opsgenie' })], kind: 'drop', reason: /no open alert/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = decideDedup(signal(c.action, c.sig), c.records);
      assert.equal(d.kind, c.kind);
      assert.match(d.reason, c.reason);
    });
  }
});

describe('decideGrouping', () => {
  const policy = { windowMs: minutes(10), groupBy: ['alertname'] };
  const group: IncidentGroup = { incidentId: 'INC-2026-1128-001', service: 'checkout', groupLabels: { alertname: 'HighErrorRate' }, firstAlertAt: T0 };
  const alert = { service: 'checkout', labels: { alertname: 'HighErrorRate', instance: 'b' }, identity: 'alertmanager-webhook 1f2e' };

  it('groups a related alert inside the window, naming the key', () => {
    const d = decideGrouping(alert, [group], policy, at(10));
    assert.deepEqual(d, { kind: 'group', incidentId: 'INC-2026-1128-001', reason: 'grouped into INC-2026-1128-001 by service=checkout, alertname=HighErrorRate' });
  });
  it('opens a new incident once the window has passed', () => {
    const d = decideGrouping(alert, [group], policy, at(11));
    assert.equal(d.kind, 'new-incident');
    assert.match(d.reason, /INC-2026-1128-001 has the same service=checkout, alertname=HighErrorRate but its 10m grouping window has passed/);
  });
  it('does not group another service or another group-by value', () => {
    assert.equal(decideGrouping({ ...alert, service: 'search' }, [group], policy, at(1)).kind, 'new-incident');
    assert.equal(decideGrouping({ service: 'checkout', labels: { alertname: 'Latency' }, identity: 'x 1' }, [group], policy, at(1)).kind, 'new-incident');
  });
  it("uses the source's own alert name when the alertname label is missing", () => {
    const named = { service: 'checkout', labels: {}, alertName: 'HighErrorRate', identity: 'datadog 77' };
    const d = decideGrouping(named, [group], policy, at(1));
    assert.deepEqual(d, { kind: 'group', incidentId: 'INC-2026-1128-001', reason: 'grouped into INC-2026-1128-001 by service=checkout, alertname=HighErrorRate' });
  });
  it('never groups on an empty value: an alert lacking a group-by label groups with nothing but itself', () => {
    const bare = { service: 'checkout', labels: { alertname: '' }, identity: 'pagerduty-events k1' };
    const empty: IncidentGroup = { ...group, groupLabels: { alertname: '' } };
    const d = decideGrouping(bare, [empty], policy, at(1));
    assert.equal(d.kind, 'new-incident');
    assert.match(d.reason, /alertname=\(this alert: pagerduty-events k1\)/);
    assert.deepEqual(computeGroupLabels(bare, ['alertname', 'cluster']), { alertname: '(this alert: pagerduty-events k1)', cluster: '(this alert: pagerduty-events k1)' });
  });
  it('prefers the earliest live incident', () => {
    const later = { ...group, incidentId: 'INC-2026-1128-002', firstAlertAt: at(5) };
    const d = decideGrouping(alert, [later, group], policy, at(8));
    assert.equal(d.kind === 'group' && d.incidentId, 'INC-2026-1128-001');
    const d2 = decideGrouping(alert, [later, group], policy, at(12));
    assert.equal(d2.kind === 'group' && d2.incidentId, 'INC-2026-1128-002');
  });
});

describe('decideFlap', () => {
  const policy = { maxChanges: 4, windowMs: minutes(10) };
  function run(steps: [number, AlertSignal['action']][]): { kinds: string[]; last: FlapState; reasons: (string | undefined)[] } {
    let state = STABLE;
    const kinds: string[] = [];
    const reasons: (string | undefined)[] = [];
    for (const [m, action] of steps) {
      const d = decideFlap(state, action, at(m), policy);
      kinds.push(d.kind);
      reasons.push(d.reason);
      state = d.state;
    }
    return { kinds, last: state, reasons };
  }
  it('passes an alert that fires and resolves once', () => {
    assert.deepEqual(run([[0, 'trigger'], [5, 'resolve']]).kinds, ['pass', 'pass']);
  });
  it('suppresses on the 4th change within 10 minutes, with a note', () => {
    const r = run([[0, 'trigger'], [1, 'resolve'], [2, 'trigger'], [3, 'resolve'], [4, 'trigger']]);
    assert.deepEqual(r.kinds, ['pass', 'pass', 'pass', 'pass', 'suppress']);
    assert.match(r.reasons[4]!, /changed state 4 times within 10m \(flapping\)/);
  });
  it('repeated triggers are not changes, acknowledgements are ignored', () => {
    assert.deepEqual(run([[0, 'trigger'], [1, 'trigger'], [2, 'acknowledge'], [3, 'trigger'], [4, 'trigger']]).kinds, ['pass', 'pass', 'pass', 'pass', 'pass']);
  });
  it('passes again once old changes leave the window', () => {
    const r = run([[0, 'trigger'], [1, 'resolve'], [2, 'trigger'], [3, 'resolve'], [4, 'trigger'], [30, 'resolve']]);
    assert.deepEqual(r.kinds.slice(-2), ['suppress', 'pass']);
    assert.match(r.reasons[5]!, /^stable again/);
    assert.equal(r.last.isSuppressed, false);
  });
});

describe('decideSilence', () => {
  const silence: Silence = { id: 'S1', matchers: [parseLabelMatcher('alertname="DiskFull"')], startsAt: at(0), endsAt: at(60), comment: 'disk swap' };
  const window: MaintenanceWindow = { id: 'M1', name: 'DB upgrade', services: ['billing'], matchers: [], startsAt: at(0), endsAt: at(120) };
  const cases: { name: string; alert: { labels: Record<string, string>; service?: string }; now: number; silences?: Silence[]; expected: string; reason?: RegExp }[] = [
    { name: 'matching silence', alert: { labels: { alertname: 'DiskFull' } }, now: 30, expected: 'silenced', reason: /^silenced by S1 \(alertname="DiskFull"\) until 2026-11-28T13:00:00Z: disk swap$/ },
    { name: 'silence expired', alert: { labels: { alertname: 'DiskFull' } }, now: 60, expected: 'active' },
    { name: 'silence not started', alert: { labels: { alertname: 'DiskFull' } }, now: -1, expected: 'active' },
    { name: 'other alert', alert: { labels: { alertname: 'CPU' } }, now: 30, expected: 'active' },
    { name: 'silence without matchers matches nothing', alert: { labels: {} }, now: 30, silences: [{ ...silence, matchers: [] }], expected: 'active' },
    { name: 'maintenance window for the service', alert: { labels: {}, service: 'billing' }, now: 90, expected: 'silenced', reason: /maintenance window "DB upgrade"/ },
    { name: 'maintenance window, other service', alert: { labels: {}, service: 'checkout' }, now: 90, expected: 'active' },
    { name: 'maintenance window over', alert: { labels: {}, service: 'billing' }, now: 120, expected: 'active' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = decideSilence(c.alert, c.silences ?? [silence], [window], at(c.now));
      assert.equal(d.kind, c.expected);
      if (c.reason) assert.match(d.kind === 'silenced' ? d.reason : '', c.reason);
    });
  }
  it('matches the service as a label', () => {
    const s: Silence = { ...silence, matchers: [parseLabelMatcher('service="checkout"')] };
    assert.equal(decideSilence({ labels: {}, service: 'checkout' }, [s], [], at(1)).kind, 'silenced');
  });
});

describe('decideAutoResolve', () => {
  it('resolves when every alert resolved and the policy allows it', () => {
    const d = decideAutoResolve([{ id: 'A1', status: 'resolved' }, { id: 'A2', status: 'resolved' }], { isEnabled: true });
    assert.deepEqual(d, { kind: 'resolve-incident', reason: 'auto-resolved: all 2 linked alerts resolved' });
  });
  it('keeps the incident open while an alert is open, or when the policy is off', () => {
    assert.match(decideAutoResolve([{ id: 'A1', status: 'resolved' }, { id: 'A2', status: 'acknowledged' }], { isEnabled: true }).reason, /1 of 2 alerts still open \(A2\)/);
    assert.equal(decideAutoResolve([{ id: 'A1', status: 'resolved' }], { isEnabled: false }).kind, 'keep-open');
    assert.equal(decideAutoResolve([], { isEnabled: true }).kind, 'keep-open');
  });
});

describe('routeSignal', () => {
  const table: RoutingTable = {
    rules: [
      { name: 'payments pages', matchers: [parseLabelMatcher('team="payments"'), parseLabelMatcher('severity=~"critical|page"')], severity: 'critical', incidentType: 'outage', service: 'checkout' },
      { matchers: [parseLabelMatcher('alertname=~".*Latency.*"')], incidentType: 'performance' },
      { matchers: [parseLabelMatcher('team="payments"')], severity: 'high' },
    ],
    defaults: { severity: 'medium', incidentType: 'outage', environment: 'production' },
  };
  it('first matching rule wins', () => {
    const r = routeSignal({ labels: { team: 'payments', severity: 'critical', alertname: 'APILatency' } }, table);
    assert.deepEqual(r, {
      severity: 'critical', incidentType: 'outage', environment: 'production', service: 'checkout', ruleIndex: 0,
      reason: 'routed by rule "payments pages" (team="payments", severity=~"critical|page"): severity=critical, type=outage, environment=production, service=checkout',
    });
  });
  it("fills what the rule leaves open from the source, then the defaults", () => {
    const r = routeSignal({ labels: { alertname: 'APILatency' }, severity: 'low', environment: 'staging' }, table);
    assert.equal(r.ruleIndex, 1);
    assert.equal(r.severity, 'low');
    assert.equal(r.incidentType, 'performance');
    assert.equal(r.environment, 'staging');
    assert.match(r.reason, /^routed by rule #2/);
  });
  it('uses defaults when nothing matches', () => {
    const r = routeSignal({ labels: { alertname: 'Other' } }, table);
    assert.equal(r.ruleIndex, undefined);
    assert.match(r.reason, /^no routing rule matched; severity=medium, type=outage, environment=production$/);
  });
});
