import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openTestStore, type TestStore } from '../../../test/support/stores.js';
import { isAppError } from '../../domain/errors/index.js';
import { epochMs, type EpochMs } from '../../domain/time/index.js';
import { DEFAULT_RESPONSE_CONFIG } from '../config/index.js';
import { IncidentService } from '../incidents/index.js';
import { FollowUpService } from './index.js';

const ADMIN = { name: 'alice', role: 'admin' as const, teams: [] };
const VIEWER = { name: 'val', role: 'viewer' as const, teams: [] };

// The follow-up use cases on a real store with a manual clock.
describe('FollowUpService', () => {
  let t: TestStore;
  let now: EpochMs;
  let incidents: IncidentService;
  let followUp: FollowUpService;
  beforeEach(async () => {
    t = await openTestStore('sqlite');
    now = epochMs(Date.parse('2026-11-27T14:30:00Z'));
    const clock = { now: () => now };
    incidents = new IncidentService(t.store, clock, DEFAULT_RESPONSE_CONFIG);
    followUp = new FollowUpService(t.store, incidents, clock, DEFAULT_RESPONSE_CONFIG);
  });
  afterEach(async () => {
    await t?.cleanup();
  });

  it('plans overdue reminders across incidents, hiding security incidents from others', async () => {
    const outage = (await incidents.declare({ severity: 'critical', incidentType: 'outage', environment: 'production' }, ADMIN)).view.incident.id;
    const breach = (await incidents.declare({ severity: 'high', incidentType: 'security', environment: 'production' }, ADMIN)).view.incident.id;
    await followUp.addActionItem(outage, { title: 'Pool monitoring', category: 'immediate', owner: 'alice', dueOn: '2026-11-30' }, ADMIN);
    await followUp.addActionItem(breach, { title: 'Rotate keys', category: 'immediate', owner: 'sec', dueOn: '2026-11-29' }, ADMIN);
    assert.deepEqual(await followUp.dueReminders(ADMIN), []);
    now = epochMs(Date.parse('2026-12-01T08:00:00Z'));
    assert.deepEqual((await followUp.dueReminders(ADMIN)).map((r) => [r.ref, r.owner, r.daysOverdue]), [[`${breach}-A1`, 'sec', 2], [`${outage}-A1`, 'alice', 1]]);
    assert.deepEqual((await followUp.dueReminders(VIEWER)).map((r) => r.ref), [`${outage}-A1`]);
    await followUp.updateActionItem(`${outage}-A1`, { status: 'done' }, ADMIN);
    assert.deepEqual((await followUp.dueReminders(VIEWER)), []);
  });

  it('needs the commander role to finish a review, and a resolved incident', async () => {
    const id = (await incidents.declare({ severity: 'critical', incidentType: 'outage', environment: 'production' }, ADMIN)).view.incident.id;
    const responder = { name: 'rita', role: 'responder' as const, teams: [] };
    await assert.rejects(followUp.finishReview(id, undefined, responder), (e: unknown) => isAppError(e) && e.code === 'FORBIDDEN');
    await assert.rejects(followUp.finishReview(id, undefined, ADMIN), (e: unknown) => isAppError(e) && e.code === 'INVALID_TRANSITION');
    await incidents.resolve(id, 'fixed', ADMIN);
    assert.equal((await followUp.finishReview(id, 'held', ADMIN)).changed, true);
    assert.equal((await incidents.close(id, ADMIN)).view.incident.status, 'closed');
  });
});
