import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';
import type { AdminAuditRecord, IntegrationRecord, SilenceRecord, StoredAlert } from '../../app/ports/index.js';
import { STABLE, parseLabelMatcher } from '../../domain/alerts/index.js';
import { epochMs } from '../../domain/time/index.js';

const T0 = epochMs(Date.parse('2026-11-28T14:30:00Z'));
const audit = (action: string, subject: string, at = T0): AdminAuditRecord => ({ at, actor: 'ada', action, subject, detail: { n: 1 } });

const integration = (overrides: Partial<IntegrationRecord> = {}): IntegrationRecord => ({
  id: 'int_1', source: 'pagerduty-events', name: 'prom', service: 'checkout', keyHash: 'hash-1', prefix: 'iri_abcdef',
  routing: [{ matchers: [parseLabelMatcher('severity="critical"')], severity: 'critical' }], createdAt: T0, createdBy: 'ada', revokedAt: undefined, ...overrides,
});

const alert = (overrides: Partial<StoredAlert> = {}): StoredAlert => ({
  id: 'alr_1', source: 'pagerduty-events', integrationKey: 'int_1', dedupKey: 'disk', fingerprint: 'f', status: 'open', occurrences: 1,
  openedAt: T0, lastSeenAt: T0, summary: 'Disk full', severity: 'high', service: 'checkout', labels: { host: 'db-1' }, resolvedAt: undefined,
  reportedOccurrences: 1, reportedAt: T0, flap: STABLE, silencedBy: undefined, groupKey: '["checkout",[""]]', ...overrides,
});

for (const kind of STORE_KINDS) {
  describe(`AlertStore contract: ${kind}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await openTestStore(kind);
    });
    afterEach(async () => {
      await t?.cleanup();
    });

    it('stores integrations by key hash, refuses a second live name, revokes with an audit line', async () => {
      await t.store.createIntegration(integration(), audit('integration.create', 'int_1'));
      assert.deepEqual(await t.store.findIntegrationByHash('hash-1'), integration());
      await assert.rejects(t.store.createIntegration(integration({ id: 'int_2', keyHash: 'hash-2' }), audit('integration.create', 'int_2')), { code: 'CONFLICT' });
      const revoked = await t.store.revokeIntegration('prom', audit('integration.revoke', 'prom', epochMs(T0 + 5)));
      assert.equal(revoked?.revokedAt, T0 + 5);
      assert.deepEqual((await t.store.listAdminAudit(10)).map((a) => a.action).sort(), ['integration.create', 'integration.revoke']);
    });

    it('saves alerts in the write transaction and finds the newest life of each identity', async () => {
      await t.store.writeAlerts(async (tx) => {
        await tx.saveAlert(alert({ id: 'alr_old', status: 'resolved', resolvedAt: epochMs(T0 + 1) }));
        await tx.saveAlert(alert({ id: 'alr_new', openedAt: epochMs(T0 + 2) }));
        await tx.saveAlert(alert({ id: 'alr_other', integrationKey: 'int_2' }));
      });
      const found = await t.store.writeAlerts((tx) => tx.findLatestAlerts([{ source: 'pagerduty-events', integrationKey: 'int_1', dedupKey: 'disk' }]));
      assert.deepEqual(found, [alert({ id: 'alr_new', openedAt: epochMs(T0 + 2) })]);
    });

    it('refuses a second live alert for one identity (the backstop against duplicates)', async () => {
      await t.store.writeAlerts((tx) => tx.saveAlert(alert()));
      await assert.rejects(t.store.writeAlerts((tx) => tx.saveAlert(alert({ id: 'alr_2' }))));
      assert.equal((await t.store.listAlerts({})).length, 1);
    });

    it('lists silences live at an instant, and expires one with an audit line', async () => {
      const silence: SilenceRecord = {
        id: 'sil_1', matchers: [parseLabelMatcher('alertname=Foo')], startsAt: T0, endsAt: epochMs(T0 + 3_600_000), comment: 'deploy', reason: 'deploy',
        createdBy: 'ada', createdAt: T0, expiredAt: undefined,
      };
      await t.store.createSilence(silence, audit('silence.create', 'sil_1'));
      assert.deepEqual(await t.store.writeAlerts((tx) => tx.liveSilences(epochMs(T0 + 1))), [silence]);
      const expired = await t.store.expireSilence('sil_1', audit('silence.expire', 'sil_1', epochMs(T0 + 10)));
      assert.equal(expired?.endsAt, T0 + 10);
      assert.deepEqual(await t.store.writeAlerts((tx) => tx.liveSilences(epochMs(T0 + 11))), []);
      assert.equal(await t.store.expireSilence('sil_nope', audit('silence.expire', 'sil_nope')), undefined);
    });
  });
}
