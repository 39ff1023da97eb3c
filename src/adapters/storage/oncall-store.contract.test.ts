// The on-call part of the Store, on SQLite and PostgreSQL: overrides made at runtime are kept with
// their admin audit line, read back by schedule and end, seen inside write transactions (where the
// paging engine decides who is on call), and deleted for the record; contact-method tests are kept.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { StoredOverride } from '../../domain/oncall/index.js';
import { epochMs } from '../../domain/time/index.js';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';

const at = (iso: string) => epochMs(Date.parse(iso));

function override(id: string, partial: Partial<StoredOverride> = {}): StoredOverride {
  return {
    id, scheduleId: 'primary', personId: 'dave', startAt: at('2026-11-10T00:00:00Z'), endAt: at('2026-11-11T00:00:00Z'),
    note: 'cover Tuesday night', createdBy: 'alice', createdAt: at('2026-11-01T00:00:00Z'), ...partial,
  };
}

for (const kind of STORE_KINDS) {
  describe(`on-call store contract (${kind})`, () => {
    let db: TestStore;
    before(async () => {
      db = await openTestStore(kind);
    });
    after(async () => {
      await db?.cleanup();
    });

    it('keeps an override with its audit line and reads it back as written', async () => {
      const o = override('ovr_1', { replacesPersonId: 'bob' });
      await db.store.createOverride(o, { at: o.createdAt, actor: 'alice', action: 'oncall.override.create', subject: 'ovr_1', detail: { schedule: 'primary' } });
      assert.deepEqual(await db.store.findOverride('ovr_1'), o);
      const audit = await db.store.readAdminAudit({ limit: 10 });
      assert.deepEqual(audit.map((a) => [a.action, a.subject, a.actor]), [['oncall.override.create', 'ovr_1', 'alice']]);
    });

    it('lists live overrides ending after an instant, of one schedule when asked, oldest made first', async () => {
      await db.store.createOverride(override('ovr_2', { scheduleId: 'secondary', createdAt: at('2026-11-02T00:00:00Z') }), { at: at('2026-11-02T00:00:00Z'), actor: 'alice', action: 'oncall.override.create', subject: 'ovr_2', detail: {} });
      await db.store.createOverride(override('ovr_3', { endAt: at('2026-11-05T00:00:00Z'), startAt: at('2026-11-04T00:00:00Z'), createdAt: at('2026-11-03T00:00:00Z') }), { at: at('2026-11-03T00:00:00Z'), actor: 'bob', action: 'oncall.override.create', subject: 'ovr_3', detail: {} });
      assert.deepEqual((await db.store.listOverrides({ endsAfter: at('2026-11-01T00:00:00Z') })).map((o) => o.id), ['ovr_1', 'ovr_2', 'ovr_3']);
      assert.deepEqual((await db.store.listOverrides({ endsAfter: at('2026-11-06T00:00:00Z') })).map((o) => o.id), ['ovr_1', 'ovr_2']);
      assert.deepEqual((await db.store.listOverrides({ endsAfter: at('2026-11-01T00:00:00Z'), scheduleId: 'secondary' })).map((o) => o.id), ['ovr_2']);
      // An override that ended exactly at the instant is over.
      assert.deepEqual((await db.store.listOverrides({ endsAfter: at('2026-11-11T00:00:00Z') })).map((o) => o.id), []);
    });

    it('shows the overrides inside a write transaction, where paging decides', async () => {
      const seen = await db.store.write((tx) => tx.paging.listOverrides(at('2026-11-06T00:00:00Z')));
      assert.deepEqual(seen.map((o) => o.id), ['ovr_1', 'ovr_2']);
    });

    it('deletes an override once, with an audit line, and keeps the row out of every read', async () => {
      const deleted = await db.store.deleteOverride('ovr_2', { at: at('2026-11-04T00:00:00Z'), actor: 'carol', action: 'oncall.override.delete', subject: 'ovr_2', detail: {} });
      assert.equal(deleted?.id, 'ovr_2');
      assert.equal(await db.store.findOverride('ovr_2'), undefined);
      assert.equal(await db.store.deleteOverride('ovr_2', { at: at('2026-11-04T00:00:00Z'), actor: 'carol', action: 'oncall.override.delete', subject: 'ovr_2', detail: {} }), undefined);
      assert.equal(await db.store.deleteOverride('unknown', { at: at('2026-11-04T00:00:00Z'), actor: 'carol', action: 'oncall.override.delete', subject: 'unknown', detail: {} }), undefined);
      const reopened = await db.reopen();
      assert.deepEqual((await reopened.listOverrides({ endsAfter: at('2026-11-01T00:00:00Z') })).map((o) => o.id), ['ovr_1', 'ovr_3']);
      // One audit line per change that happened: the refused deletes wrote none.
      const audit = await reopened.readAdminAudit({ limit: 10 });
      assert.deepEqual(audit.filter((a) => a.action === 'oncall.override.delete').map((a) => a.subject), ['ovr_2']);
    });

    it('keeps contact-method tests and lists those since an instant, newest first', async () => {
      const base = { personId: 'alice', contactMethodId: 'phone', method: 'sms' as const, requestedBy: 'alice' };
      await db.store.recordContactTest({ ...base, id: 'ct_1', at: at('2026-10-01T00:00:00Z'), outcome: 'failed', detail: 'Twilio answered 400' });
      await db.store.recordContactTest({ ...base, id: 'ct_2', at: at('2026-11-01T00:00:00Z'), outcome: 'delivered', detail: 'SM123' });
      assert.deepEqual(await db.store.listContactTests(at('2026-10-15T00:00:00Z')), [{ ...base, id: 'ct_2', at: at('2026-11-01T00:00:00Z'), outcome: 'delivered', detail: 'SM123' }]);
      assert.deepEqual((await db.store.listContactTests(at('2026-01-01T00:00:00Z'))).map((t) => t.id), ['ct_2', 'ct_1']);
    });
  });
}
