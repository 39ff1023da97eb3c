import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_BUSINESS_CALENDAR } from '../../domain/calendar/index.js';
import {
  applyIncidentEvent, decideAcknowledge, decideDeclare, decideResolve, type DeclareInput, type IncidentEvent, type IncidentEventData,
} from '../../domain/incident/index.js';
import { DEFAULT_SEVERITY_POLICY } from '../../domain/policy/index.js';
import { computeRcaDocument, parseCorrectiveAction } from '../../domain/rca/index.js';
import { computeIncidentFacts, computeMonthlyReport, computeReportMonth, previousReportMonth } from '../../domain/reporting/index.js';
import { MINUTE, epochMs } from '../../domain/time/index.js';
import { DEFAULT_WORKFLOWS } from '../../domain/workflow/index.js';
import { parseReportFormat, renderMonthlyReport, renderRcaDocument } from './index.js';

const ctx = (now: number) => ({ now: epochMs(now), policy: DEFAULT_SEVERITY_POLICY, calendar: DEFAULT_BUSINESS_CALENDAR, workflows: DEFAULT_WORKFLOWS });

function incident(id: string, iso: string, input: Partial<DeclareInput>, ackMin: number, resolveMin?: number, extra: IncidentEventData[] = []) {
  const at = Date.parse(iso);
  const declared: IncidentEvent = { incidentId: id, version: 1, at: epochMs(at), actor: 'alice', data: decideDeclare({ severity: 'high', incidentType: 'outage', environment: 'production', ...input }, ctx(at)) };
  let state = applyIncidentEvent(undefined, declared);
  const events = [declared];
  const push = (min: number, data: IncidentEventData[]) => {
    for (const d of data) {
      const e: IncidentEvent = { incidentId: id, version: state.version + 1, at: epochMs(at + min * MINUTE), actor: 'bob', data: d };
      state = applyIncidentEvent(state, e);
      events.push(e);
    }
  };
  push(ackMin, decideAcknowledge(state));
  if (resolveMin !== undefined) push(resolveMin, decideResolve(state, 'Pool "limits", restored'));
  push((resolveMin ?? ackMin) + 1, extra);
  return events.map((e, i) => ({ ...e, seq: 10 * Number(id.slice(-1)) + i }));
}

const nov = computeReportMonth('2026-11');
const report = computeMonthlyReport({
  month: nov,
  previousMonth: previousReportMonth(nov),
  generatedAt: epochMs(Date.parse('2026-12-01T08:00:00Z')),
  incidents: [
    incident('INC-2026-1005-001', '2026-10-05T10:00:00Z', {}, 20, 200),
    incident('INC-2026-1105-001', '2026-11-05T10:00:00Z', { service: 'checkout', title: '=cmd|x <script>' }, 17, 170),
    incident('INC-2026-1106-002', '2026-11-06T10:00:00Z', { severity: 'critical', environment: 'staging' }, 5),
  ].map(computeIncidentFacts),
});

describe('monthly report renderers', () => {
  it('terminal: the template tree with its four sections', () => {
    const lines = renderMonthlyReport(report, 'terminal').split('\n');
    for (const key of [
      'Monthly Incident Report',
      '[STATS] Incident Statistics (November 2026, UTC)',
      '├── Total Incidents: 2',
      '├── SEV-1 (Critical): 1 incident',
      '├── SEV-2 (High): 1 incident',
      '[TIME] Response Time Metrics',
      '├── Mean Time to Acknowledge (MTTA): 11.0 minutes (median 11.0 minutes, 2 acknowledged incidents)',
      '└── Mean Time to Resolution (MTTR): 2.8 hours (median 2.8 hours, 1 resolved incident)',
      '[METRICS] Trends and Improvements',
      '├── Response time improved by 45% vs. October',
      '├── 50% of incidents resolved within SLA (1 of 2)',
      '├── Customer satisfaction: no survey answers this month',
      '└── Business impact: no impact assessed or configured',
      '[TARGET] Key Improvements This Month',
      '[BREAKDOWN] By environment',
    ]) assert.ok(lines.includes(key), `missing line: ${key}\n${lines.join('\n')}`);
  });

  it('markdown: headings and tables', () => {
    const md = renderMonthlyReport(report, 'markdown');
    assert.match(md, /^# Monthly Incident Report: November 2026$/m);
    assert.match(md, /^\| Time to acknowledge \(MTTA\) \| 11\.0 minutes \| 11\.0 minutes \| 2 \| 20\.0 minutes \|$/m);
    assert.match(md, /^\| \*\*Total\*\* \| \*\*2\*\* \| 1 \|$/m);
    assert.match(md, /^- Customer satisfaction: no survey answers this month$/m);
    assert.match(md, /^- Business impact: no impact assessed or configured$/m);
  });

  it('html: inline SVG charts, escaped text, no script', () => {
    const html = renderMonthlyReport(report, 'html');
    assert.ok((html.match(/<svg /g) ?? []).length >= 3);
    assert.ok(!/<script/i.test(html));
    assert.match(html, /<title>Incidents by severity<\/title>/);
  });

  it('csv: one row per incident, quoted and defused', () => {
    const rows = renderMonthlyReport(report, 'csv').trimEnd().split('\r\n');
    assert.equal(rows.length, 3);
    assert.equal(rows[0], 'id,declared_at,severity,type,environment,service,status,detect_minutes,acknowledge_minutes,resolve_minutes,response_met,within_sla,reopen_count,title');
    assert.equal(rows[1], "INC-2026-1105-001,2026-11-05T10:00:00.000Z,high,outage,production,checkout,resolved,,17,170,true,true,0,'=cmd|x <script>");
  });

  it('json: numbers in minutes and instants in ISO', () => {
    const json = JSON.parse(renderMonthlyReport(report, 'json')) as { current: { mtta: unknown; slaShare: number }; month: { startAt: string } };
    assert.deepEqual(json.current.mtta, { count: 2, meanMinutes: 11, medianMinutes: 11 });
    assert.equal(json.current.slaShare, 0.5);
    assert.equal(json.month.startAt, '2026-11-01T00:00:00.000Z');
  });

  it('refuses an unknown format', () => assert.throws(() => parseReportFormat('pdf'), /terminal, markdown, html, json, csv/));
});

describe('RCA renderers', () => {
  const events = incident('INC-2026-1105-001', '2026-11-05T10:00:00Z', { title: 'Checkout down' }, 3, 45, [{
    kind: 'rca-updated', rootCause: 'Pool misconfiguration', rootCauseDetails: ['Deploy changed limits'], factors: ['No load test'],
    actions: [parseCorrectiveAction('[Immediate] Add pool monitoring @alice due 2026-12-05')],
  }]);
  const doc = computeRcaDocument(events);

  it('markdown: the template sections in order', () => {
    const md = renderRcaDocument(doc, 'markdown', 'UTC');
    const order = ['# Root Cause Analysis: INC-2026-1105-001', '## Incident Summary', '- Duration: 45m', '## Timeline (UTC, 2026-11-05)', '- 10:00 - Incident declared', '## Root Cause', 'Pool misconfiguration', '- Deploy changed limits', '## Contributing Factors', '1. No load test', '## Corrective Actions', '1. [Immediate] Add pool monitoring @alice due 2026-12-05'];
    let from = 0;
    for (const key of order) {
      const at = md.indexOf(key, from);
      assert.ok(at >= 0, `"${key}" missing or out of order in\n${md}`);
      from = at;
    }
  });

  it('html and json', () => {
    const html = renderRcaDocument(doc, 'html', 'Europe/Berlin');
    assert.match(html, /<h2>Timeline \(Europe\/Berlin\)<\/h2>/);
    assert.match(html, /<td>11:00<\/td>/);
    const json = JSON.parse(renderRcaDocument(doc, 'json', 'UTC')) as { correctiveActions: unknown[]; durationMinutes: number };
    assert.deepEqual(json.correctiveActions, [{ category: 'immediate', text: 'Add pool monitoring', owner: 'alice', dueOn: '2026-12-05' }]);
    assert.equal(json.durationMinutes, 45);
  });
});
