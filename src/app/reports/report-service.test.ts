import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { T0, declareIncident } from '../../../test/support/incidents.js';
import { openTestStore, type TestStore } from '../../../test/support/stores.js';
import type { Principal } from '../../domain/access/index.js';
import { isAppError } from '../../domain/errors/index.js';
import { epochMs } from '../../domain/time/index.js';
import { DEFAULT_RESPONSE_CONFIG } from '../config/index.js';
import { IncidentService } from '../incidents/index.js';
import { RcaService } from '../rca/index.js';
import { ReportService } from './index.js';

const clock = { now: () => epochMs(T0 + 86_400_000) };
const viewer: Principal = { name: 'val', role: 'viewer', teams: [] };
const securityViewer: Principal = { name: 'sam', role: 'viewer', teams: ['security'] };

describe('reports and RCAs follow visibility', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore('sqlite');
  });
  afterEach(async () => {
    await t?.cleanup();
  });

  it('leaves security incidents out of the monthly report for people outside the security team', async () => {
    await declareIncident(t.store, {});
    await declareIncident(t.store, { incidentType: 'security' });
    const reports = new ReportService(t.store, clock, 'UTC');
    assert.equal((await reports.monthly('2026-11', viewer)).current.total, 1);
    const all = await reports.monthly('2026-11', securityViewer);
    assert.equal(all.current.total, 2);
    assert.deepEqual(all.breakdowns.type.map((b) => b.key), ['outage', 'security']);
    assert.equal((await reports.monthly(undefined, viewer)).month.key, '2026-11', 'defaults to the month of now');
  });

  it('answers NOT_FOUND for the RCA of a hidden incident, and refuses edits by viewers and responders', async () => {
    const security = await declareIncident(t.store, { incidentType: 'security' });
    const outage = await declareIncident(t.store, {});
    const rca = new RcaService(t.store, new IncidentService(t.store, clock, DEFAULT_RESPONSE_CONFIG), clock);
    await assert.rejects(rca.document(security.state.id, viewer), (e) => isAppError(e) && e.code === 'NOT_FOUND');
    assert.equal((await rca.document(security.state.id, securityViewer)).incidentType, 'security');
    await assert.rejects(rca.edit(outage.state.id, { rootCause: 'x' }, viewer), (e) => isAppError(e) && e.code === 'FORBIDDEN');
    await assert.rejects(rca.edit(outage.state.id, { rootCause: 'x' }, { name: 'rob', role: 'responder', teams: [] }), (e) => isAppError(e) && e.code === 'FORBIDDEN');
    await assert.rejects(rca.applyForm(outage.state.id, '', { name: 'rob', role: 'responder', teams: [] }), (e) => isAppError(e) && e.code === 'FORBIDDEN');
    const edited = await rca.edit(outage.state.id, { rootCause: 'Pool exhausted' }, { name: 'rita', role: 'commander', teams: [] });
    assert.equal(edited.changed, true);
    assert.equal(edited.document.rootCause, 'Pool exhausted');
    assert.equal(edited.document.lastEditedBy, 'rita');
  });
});
