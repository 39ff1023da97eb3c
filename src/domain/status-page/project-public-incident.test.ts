import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_BUSINESS_CALENDAR } from '../calendar/index.js';
import {
  applyIncidentEvent, decideDeclare, type IncidentEvent, type IncidentEventData, type IncidentState,
} from '../incident/index.js';
import { DEFAULT_SEVERITY_POLICY } from '../policy/index.js';
import { MINUTE, epochMs } from '../time/index.js';
import { DEFAULT_WORKFLOWS } from '../workflow/index.js';
import { decidePublish, decideUnpublish } from './decide-publication.js';
import { projectPublicIncident, RESOLVED_BODY } from './project-public-incident.js';

const T0 = epochMs(Date.UTC(2026, 0, 15, 14, 30));
const ctx = { now: T0, policy: DEFAULT_SEVERITY_POLICY, calendar: DEFAULT_BUSINESS_CALENDAR, workflows: DEFAULT_WORKFLOWS };

function history(environment: 'production' | 'staging', type: 'outage' | 'security', more: IncidentEventData[]): { state: IncidentState; events: IncidentEvent[] } {
  const data = [decideDeclare({ severity: 'critical', incidentType: type, environment, title: 'internal title' }, ctx), ...more];
  const events = data.map((d, i): IncidentEvent => ({ incidentId: 'INC-2026-0115-001', version: i + 1, at: epochMs(T0 + i * MINUTE), actor: 'alice', data: d }));
  let state: IncidentState | undefined;
  for (const e of events) state = applyIncidentEvent(state, e);
  return { state: state!, events };
}

const published: IncidentEventData = { kind: 'published', title: 'API errors', componentIds: ['api'], impact: 'major' };

describe('what the public sees of an incident', () => {
  it('nothing until it is published, and nothing after it is unpublished', () => {
    assert.equal(projectPublicIncident(history('production', 'outage', []).state, []), undefined);
    const h = history('production', 'outage', [published, { kind: 'unpublished' }]);
    assert.equal(projectPublicIncident(h.state, h.events), undefined);
  });

  it('only public status updates; notes and the resolution summary stay internal', () => {
    const h = history('production', 'outage', [
      { kind: 'status-updated', publicStatus: 'investigating', message: 'Looking into it', nextUpdateDueAt: epochMs(T0 + 30 * MINUTE) },
      { kind: 'note-added', text: 'secret' },
      published,
      { kind: 'status-updated', publicStatus: 'monitoring', message: 'Fix deployed', nextUpdateDueAt: epochMs(T0 + 60 * MINUTE) },
      { kind: 'resolved', summary: 'replaced db-7' },
    ]);
    const p = projectPublicIncident(h.state, h.events)!;
    assert.deepEqual(p.updates.map((u) => [u.status, u.body]), [['resolved', RESOLVED_BODY], ['monitoring', 'Fix deployed'], ['investigating', 'Looking into it']]);
    assert.equal(p.title, 'API errors');
    assert.equal(p.status, 'resolved');
    assert.equal(p.monitoringAt, T0 + 4 * MINUTE);
    assert.equal(p.resolvedAt, T0 + 5 * MINUTE);
    assert.equal(p.nextUpdateAt, undefined);
    assert.ok(!JSON.stringify(p).includes('secret') && !JSON.stringify(p).includes('db-7') && !JSON.stringify(p).includes('alice'));
  });
});

describe('publishing decisions', () => {
  const known = ['api', 'web'];
  it('publishes a production incident once; the same again records nothing', () => {
    const { state } = history('production', 'outage', []);
    assert.deepEqual(decidePublish(state, { componentIds: ['api'], impact: 'major' }, known), [{ kind: 'published', title: 'internal title', componentIds: ['api'], impact: 'major' }]);
    const after = history('production', 'outage', [published]).state;
    assert.deepEqual(decidePublish(after, { title: 'API errors', componentIds: ['api'], impact: 'major' }, known), []);
    assert.equal(decidePublish(after, { title: 'API errors', componentIds: ['api'], impact: 'critical' }, known).length, 1);
  });
  it('refuses non-production incidents, unknown components, and security incidents without a public title', () => {
    assert.throws(() => decidePublish(history('staging', 'outage', []).state, { componentIds: [], impact: 'minor' }, known), /only production incidents/);
    assert.throws(() => decidePublish(history('production', 'outage', []).state, { componentIds: ['apu'], impact: 'minor' }, known), /did you mean 'api'/);
    assert.throws(() => decidePublish(history('production', 'security', []).state, { componentIds: [], impact: 'minor' }, known), /public title/);
  });
  it('unpublishing something not published records nothing', () => {
    assert.deepEqual(decideUnpublish(history('production', 'outage', []).state), []);
    assert.deepEqual(decideUnpublish(history('production', 'outage', [published]).state), [{ kind: 'unpublished' }]);
  });
});
