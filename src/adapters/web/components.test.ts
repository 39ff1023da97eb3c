import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleIncidentDto, sampleIncidentSummaryDto } from '../../../test/support/incident-dto-fixture.js';
import { SlaClock, When, html } from './components.js';
import { DashboardLive, type DashboardView } from './pages/dashboard-page.js';
import { WebTime } from './web-time.js';

const LONDON = new WebTime('Europe/London');

function view(overrides: Partial<DashboardView> = {}): DashboardView {
  return {
    principal: { name: 'rita', role: 'responder', teams: [] }, csrf: 'csrf-token', incidents: [], flagged: [], alarms: [], health: undefined,
    isHealthConfigured: false, activity: { anomalies: [], remediation: [] }, time: LONDON, ...overrides,
  };
}

describe('web components', () => {
  it('shows an instant in the display zone with its offset, and UTC on hover, across a DST change', () => {
    assert.equal(html(When({ at: '2026-07-01T13:05:00.000Z', time: LONDON })), '<time datetime="2026-07-01T13:05:00.000Z" title="2026-07-01 13:05:00 UTC">1 Jul 14:05 +01:00</time>');
    assert.equal(html(When({ at: '2026-12-01T13:05:00.000Z', time: LONDON, isTimeOnly: true })), '<time datetime="2026-12-01T13:05:00.000Z" title="2026-12-01 13:05:00 UTC">13:05 +00:00</time>');
  });

  it('marks an SLA clock amber from the domain\'s due-soon instant and red once overdue', () => {
    const running = html(SlaClock({ dueAt: '2026-12-01T11:00:00.000Z', fromAt: '2026-12-01T10:00:00.000Z', state: 'running', label: 'ack ', time: LONDON }));
    assert.match(running, /class="clock" datetime="2026-12-01T11:00:00.000Z" data-due="2026-12-01T11:00:00.000Z" data-soon="2026-12-01T10:48:00.000Z"/);
    assert.match(html(SlaClock({ dueAt: '2026-12-01T11:00:00.000Z', fromAt: '2026-12-01T10:00:00.000Z', state: 'due-soon', label: '', time: LONDON })), /class="clock amber"/);
    assert.match(html(SlaClock({ dueAt: '2026-12-01T11:00:00.000Z', fromAt: '2026-12-01T10:00:00.000Z', state: 'overdue', label: '', time: LONDON })), /class="clock red"[^>]*>overdue 11:00 \+00:00</);
  });

  it('escapes what the dashboard shows', () => {
    const out = html(DashboardLive({ view: view({ activity: { anomalies: [{ at: '2026-11-28T14:25:00.000Z', text: '<img src=x onerror=alert(1)>' }], remediation: [] } }) }));
    assert.ok(!out.includes('<img'));
    assert.match(out, /&lt;img src=x onerror=alert\(1\)>/);
  });

  it('shows a viewer no acknowledge button, and a responder one per unacknowledged incident', () => {
    const incidents = [sampleIncidentSummaryDto(sampleIncidentDto({ id: 'INC-2026-1128-001', status: 'triggered' }))];
    assert.doesNotMatch(html(DashboardLive({ view: view({ incidents, principal: { name: 'victor', role: 'viewer', teams: [] } }) })), /Acknowledge/);
    assert.match(html(DashboardLive({ view: view({ incidents }) })), /<button type="submit" aria-label="Acknowledge INC-2026-1128-001">Acknowledge<\/button>/);
  });

  it('lists open compliance obligations with their clock, and nothing once they are notified', () => {
    const obligation = { regime: 'gdpr', key: 'authority', title: 'Notify the supervisory authority', basis: 'GDPR Art. 33', dueAt: '2026-12-01T03:00:00.000Z', status: 'pending', firstNotifiedAt: null, contacts: [], notifications: [] };
    const flagged = sampleIncidentDto({ id: 'INC-2026-1128-007', compliance: { flags: [], obligations: [obligation] } });
    const out = html(DashboardLive({ view: view({ incidents: [sampleIncidentSummaryDto(flagged)], flagged: [flagged] }) }));
    assert.match(out, /Compliance Deadlines/);
    assert.match(out, /<a href="\/app\/incidents\/INC-2026-1128-007" class="id">INC-2026-1128-007<\/a> <b>Notify the supervisory authority<\/b> <span class="muted">\(GDPR Art\. 33\)<\/span> <time class="clock" datetime="2026-12-01T03:00:00.000Z"/);
    const done = sampleIncidentDto({ compliance: { flags: [], obligations: [{ ...obligation, status: 'done' }] } });
    assert.doesNotMatch(html(DashboardLive({ view: view({ incidents: [sampleIncidentSummaryDto(done)], flagged: [done] }) })), /Compliance Deadlines/);
  });
});
