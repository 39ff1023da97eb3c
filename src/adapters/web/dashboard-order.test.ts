import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleIncidentDto, sampleIncidentSummaryDto } from '../../../test/support/incident-dto-fixture.js';
import { computePagingAlarms, orderForDashboard } from './dashboard-order.js';

function summary(id: string, severity: string, declaredAt: string, responseState = 'running', acknowledgedAt: string | null = null) {
  const dto = sampleIncidentDto({ id, severity, declaredAt, acknowledgedAt });
  return sampleIncidentSummaryDto({ ...dto, clocks: { ...dto.clocks, response: { ...dto.clocks.response, state: responseState } } });
}

describe('the dashboard order', () => {
  it('puts the most severe first, then those past an SLA, then the oldest', () => {
    const incidents = [
      summary('INC-1', 'medium', '2026-11-28T10:00:00.000Z'),
      summary('INC-2', 'critical', '2026-11-28T12:00:00.000Z'),
      summary('INC-3', 'high', '2026-11-28T09:00:00.000Z'),
      summary('INC-4', 'critical', '2026-11-28T13:00:00.000Z', 'overdue'),
      summary('INC-5', 'critical', '2026-11-28T11:00:00.000Z'),
      summary('INC-6', 'low', '2026-11-28T08:00:00.000Z', 'overdue'),
    ];
    assert.deepEqual(orderForDashboard(incidents).map((i) => i.id), ['INC-4', 'INC-5', 'INC-2', 'INC-3', 'INC-1', 'INC-6']);
  });
});

describe('the dashboard banners', () => {
  const delivery = (incidentId: string, at: string, recipient: string, channel: string, status: string, detail: string) => ({ incidentId, at, kind: 'message-delivery', data: { recipient, channel, status, detail, purpose: 'page' } });

  it('raises one banner per unacknowledged incident whose pages failed, naming each person and method once', () => {
    const active = [summary('INC-1', 'critical', '2026-11-28T10:00:00.000Z'), summary('INC-2', 'high', '2026-11-28T10:00:00.000Z', 'running', '2026-11-28T10:01:00.000Z')];
    const alarms = computePagingAlarms({
      active,
      events: [
        delivery('INC-1', '2026-11-28T10:00:01.000Z', 'Alice Adams', 'sms', 'failed', 'no SMS channel configured'),
        delivery('INC-1', '2026-11-28T10:00:02.000Z', 'Alice Adams', 'voice', 'delivered', 'ok'),
        delivery('INC-1', '2026-11-28T10:05:01.000Z', 'Alice Adams', 'sms', 'failed', 'no SMS channel configured'),
        delivery('INC-2', '2026-11-28T10:00:01.000Z', 'Bob Brown', 'sms', 'failed', 'no SMS channel configured'),
        { incidentId: 'INC-1', at: '2026-11-28T10:30:00.000Z', kind: 'escalation-step', data: { step: 1, unreachable: ['Carol Chen: no verified contact method'] } },
      ],
      unreachableOnCall: [],
    });
    assert.deepEqual(alarms.map((a) => [a.incidentId, a.text]), [
      ['INC-1', 'paging failed: step 2 could not reach Carol Chen: no verified contact method; Alice Adams by sms failed — no SMS channel configured'],
    ]);
  });

  it('raises a banner for an incident not acknowledged in time, and for an on-call person nobody can reach', () => {
    const alarms = computePagingAlarms({
      active: [summary('INC-1', 'critical', '2026-11-28T10:00:00.000Z', 'overdue'), summary('INC-2', 'high', '2026-11-28T10:00:00.000Z')],
      events: [],
      unreachableOnCall: [{ person: 'Bob Brown', schedule: 'Payments primary' }],
    });
    assert.deepEqual(alarms.map((a) => [a.incidentId, a.text]), [
      ['INC-1', 'not acknowledged in time'],
      [undefined, 'Bob Brown is on call for Payments primary but has no working contact method: pages to them reach nobody.'],
    ]);
  });
});
