import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochMs } from '../../domain/time/index.js';
import { renderDashboardLive } from './dashboard-page.js';

const NONE = { anomalies: [], remediation: [] };

describe('dashboard system health', () => {
  it('says so when no metric source is configured', () => {
    assert.match(renderDashboardLive([], [], undefined, false, NONE), /No metric source configured/);
  });

  it('shows each metric against its baseline with the change, known families first', () => {
    const html = renderDashboardLive([], [], {
      at: epochMs(Date.parse('2026-11-28T14:30:00Z')),
      samples: { memory_percent: 76, error_rate_percent: 12.3, response_time_ms: 2400 },
      baselines: { error_rate_percent: 4.2, response_time_ms: 600 },
      recentFirings: [{ rule: 'high_error_rate', at: epochMs(Date.parse('2026-11-28T14:25:00Z')), holding: ['error_rate > 5%'] }],
    }, true, NONE);
    assert.ok(html.indexOf('Error rate') < html.indexOf('Response time') && html.indexOf('Response time') < html.indexOf('Memory usage'));
    assert.match(html, /Error rate<\/b> <span class="muted">error_rate_percent<\/span>: 12\.3 \(<span class="up">▲ up<\/span> 8\.10, 193% from baseline 4\.20\)/);
    assert.match(html, /Memory usage<\/b> <span class="muted">memory_percent<\/span>: 76\.0<\/li>/);
  });

  it('escapes what it shows', () => {
    const html = renderDashboardLive([], [], undefined, true, { anomalies: [{ at: '2026-11-28T14:25:00.000Z', text: '<img src=x onerror=alert(1)>' }], remediation: [] });
    assert.ok(!html.includes('<img'));
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });
});

describe('dashboard compliance deadlines', () => {
  it('lists open obligations with a ticking clock, and nothing once they are notified', async () => {
    const { sampleIncidentDto, sampleIncidentSummaryDto } = await import('../../../test/support/incident-dto-fixture.js');
    const obligation = { regime: 'gdpr', key: 'authority', title: 'Notify the supervisory authority', basis: 'GDPR Art. 33', dueAt: '2026-12-01T03:00:00.000Z', status: 'pending', firstNotifiedAt: null, contacts: [], notifications: [] };
    const flagged = sampleIncidentDto({ id: 'INC-2026-1128-007', compliance: { flags: [], obligations: [obligation] } });
    const html = renderDashboardLive([sampleIncidentSummaryDto(flagged)], [flagged], undefined, false, NONE);
    assert.match(html, /Compliance Deadlines/);
    assert.match(html, /<a href="\/app\/incidents\/INC-2026-1128-007">INC-2026-1128-007<\/a> <b>Notify the supervisory authority<\/b> <span class="muted">\(GDPR Art\. 33\)<\/span> <span class="clock" data-due="2026-12-01T03:00:00.000Z"/);
    const done = sampleIncidentDto({ compliance: { flags: [], obligations: [{ ...obligation, status: 'done' }] } });
    assert.doesNotMatch(renderDashboardLive([sampleIncidentSummaryDto(done)], [done], undefined, false, NONE), /Compliance Deadlines/);
  });
});
