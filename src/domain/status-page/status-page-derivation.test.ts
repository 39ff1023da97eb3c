import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PublicImpact } from '../incident/index.js';
import { DAY, HOUR, epochMs, type EpochMs } from '../time/index.js';
import { computeComponentStatuses } from './compute-component-statuses.js';
import { computeIndicator } from './compute-indicator.js';
import { computeUptime } from './compute-uptime.js';
import { maintenanceStatusAt } from './maintenance-status.js';
import type { MaintenanceWindow, PublicIncident } from './status-page-model.js';
import type { ComponentStatus } from './status-page-words.js';

const NOW = epochMs(Date.UTC(2026, 2, 10, 12));
const COMPONENTS = [{ id: 'api', name: 'API' }, { id: 'web', name: 'Web' }];

function incident(impact: PublicImpact, componentIds: string[], from: number, to?: number): PublicIncident {
  return {
    id: `INC-${impact}-${from}`, title: 't', status: to === undefined ? 'investigating' : 'resolved', impact, componentIds,
    startedAt: epochMs(from), createdAt: epochMs(from), updatedAt: epochMs(to ?? from), monitoringAt: undefined,
    resolvedAt: to === undefined ? undefined : epochMs(to), nextUpdateAt: undefined, updates: [],
  };
}

function window(from: number, to: number, componentIds = ['api']): MaintenanceWindow {
  return { id: 'mnt', title: 'Upgrade', componentIds, startsAt: epochMs(from), endsAt: epochMs(to), createdAt: epochMs(from - DAY) };
}

describe('component status', () => {
  const cases: { name: string; incidents: PublicIncident[]; maintenances?: MaintenanceWindow[]; api: ComponentStatus; web: ComponentStatus }[] = [
    { name: 'nothing published: operational', incidents: [], api: 'operational', web: 'operational' },
    { name: 'minor → degraded_performance', incidents: [incident('minor', ['api'], NOW - HOUR)], api: 'degraded_performance', web: 'operational' },
    { name: 'major → partial_outage', incidents: [incident('major', ['api', 'web'], NOW - HOUR)], api: 'partial_outage', web: 'partial_outage' },
    { name: 'critical → major_outage', incidents: [incident('critical', ['web'], NOW - HOUR)], api: 'operational', web: 'major_outage' },
    { name: 'none → operational', incidents: [incident('none', ['api'], NOW - HOUR)], api: 'operational', web: 'operational' },
    { name: 'the worst unresolved incident wins', incidents: [incident('minor', ['api'], NOW - HOUR), incident('critical', ['api'], NOW - 2 * HOUR)], api: 'major_outage', web: 'operational' },
    { name: 'resolved incidents do not count', incidents: [incident('critical', ['api'], NOW - 2 * HOUR, NOW - HOUR)], api: 'operational', web: 'operational' },
    { name: 'an active maintenance window: under_maintenance', incidents: [], maintenances: [window(NOW - HOUR, NOW + HOUR)], api: 'under_maintenance', web: 'operational' },
    { name: 'a future or past window: operational', incidents: [], maintenances: [window(NOW + HOUR, NOW + 2 * HOUR), window(NOW - 2 * HOUR, NOW - HOUR)], api: 'operational', web: 'operational' },
    { name: 'an outage during maintenance shows the outage', incidents: [incident('major', ['api'], NOW - HOUR)], maintenances: [window(NOW - HOUR, NOW + HOUR)], api: 'partial_outage', web: 'operational' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(computeComponentStatuses(COMPONENTS, c.incidents, c.maintenances ?? [], NOW), { api: c.api, web: c.web });
    });
  }
});

describe('page indicator', () => {
  const cases: { statuses: ComponentStatus[]; incidents: PublicIncident[]; indicator: string; description: string }[] = [
    { statuses: ['operational', 'operational'], incidents: [], indicator: 'none', description: 'All Systems Operational' },
    { statuses: ['degraded_performance', 'operational'], incidents: [], indicator: 'minor', description: 'Minor Service Outage' },
    { statuses: ['partial_outage', 'degraded_performance'], incidents: [], indicator: 'major', description: 'Partial System Outage' },
    { statuses: ['major_outage', 'partial_outage'], incidents: [], indicator: 'critical', description: 'Major Service Outage' },
    { statuses: ['under_maintenance', 'operational'], incidents: [], indicator: 'none', description: 'Service Under Maintenance' },
    { statuses: ['operational'], incidents: [incident('critical', [], NOW - HOUR)], indicator: 'critical', description: 'Major Service Outage' },
    { statuses: ['operational'], incidents: [incident('critical', [], NOW - 2 * HOUR, NOW - HOUR)], indicator: 'none', description: 'All Systems Operational' },
  ];
  for (const c of cases) {
    it(`${c.statuses.join('+')} with ${c.incidents.length} incident(s) → ${c.indicator}`, () => {
      assert.deepEqual(computeIndicator(c.statuses, c.incidents), { indicator: c.indicator, description: c.description });
    });
  }
});

describe('uptime over 90 days', () => {
  const periodMs = 89 * DAY + (NOW % DAY);
  const pct = (downMs: number) => Math.round(((periodMs - downMs) / periodMs) * 10_000) / 100;
  const cases: { name: string; incidents: PublicIncident[]; percent: number }[] = [
    { name: 'no incidents: 100 %', incidents: [], percent: 100 },
    { name: 'a 10-hour major outage (critical) counts fully', incidents: [incident('critical', ['api'], NOW - 20 * HOUR, NOW - 10 * HOUR)], percent: pct(10 * HOUR) },
    { name: 'a partial outage (major) counts 30 %', incidents: [incident('major', ['api'], NOW - 20 * HOUR, NOW - 10 * HOUR)], percent: pct(3 * HOUR) },
    { name: 'degraded performance (minor) does not count', incidents: [incident('minor', ['api'], NOW - 20 * HOUR, NOW - 10 * HOUR)], percent: 100 },
    { name: 'an unresolved outage counts up to now', incidents: [incident('critical', ['api'], NOW - 5 * HOUR)], percent: pct(5 * HOUR) },
    { name: 'overlapping incidents count once, at the worst weight', incidents: [incident('critical', ['api'], NOW - 10 * HOUR, NOW - 5 * HOUR), incident('major', ['api'], NOW - 8 * HOUR, NOW - 2 * HOUR)], percent: pct(5 * HOUR + 0.3 * 3 * HOUR) },
    { name: 'another component\'s incident does not count', incidents: [incident('critical', ['web'], NOW - 20 * HOUR, NOW - 10 * HOUR)], percent: 100 },
    { name: 'an incident before the period does not count', incidents: [incident('critical', ['api'], NOW - 200 * DAY, NOW - 199 * DAY)], percent: 100 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const u = computeUptime('api', c.incidents, NOW, 90);
      assert.equal(u.percent, c.percent);
      assert.equal(u.days.length, 90);
    });
  }

  it('marks each day with the worst status of that day', () => {
    const u = computeUptime('api', [incident('minor', ['api'], NOW - DAY - HOUR, NOW - DAY + HOUR), incident('critical', ['api'], NOW - DAY, NOW - DAY + 2 * HOUR)], NOW, 90);
    const yesterday = u.days[88]!;
    assert.equal(yesterday.worst, 'major_outage');
    assert.equal(u.days[89]!.worst, 'operational');
    assert.equal(u.days[87]!.worst, 'operational');
  });
});

describe('maintenance status', () => {
  const w = window(NOW, NOW + HOUR);
  const cases: [EpochMs, string][] = [[epochMs(NOW - 1), 'scheduled'], [NOW, 'in_progress'], [epochMs(NOW + HOUR - 1), 'in_progress'], [epochMs(NOW + HOUR), 'completed']];
  for (const [at, status] of cases) it(`${status} at ${new Date(at).toISOString()}`, () => assert.equal(maintenanceStatusAt(w, at), status));
});
