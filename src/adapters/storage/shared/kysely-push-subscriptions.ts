import type { Kysely } from 'kysely';
import type { PushSubscriptionRecord } from '../../../app/push/index.js';
import { epochMs } from '../../../domain/time/index.js';
import type { Database } from './schema.js';

/** Inside a write transaction: the endpoint's row becomes this one (a browser re-subscribing replaces its keys and owner). */
export async function upsertPushSubscription(conn: Kysely<Database>, r: PushSubscriptionRecord): Promise<void> {
  await conn
    .insertInto('ir_push_subscriptions')
    .values({ endpoint: r.endpoint, person_id: r.personId, p256dh: r.p256dh, auth: r.auth, created_at: r.createdAt })
    .onConflict((oc) => oc.column('endpoint').doUpdateSet({ person_id: r.personId, p256dh: r.p256dh, auth: r.auth, created_at: r.createdAt }))
    .execute();
}

export async function removePushSubscription(conn: Kysely<Database>, endpoint: string, personId: string | undefined): Promise<boolean> {
  let q = conn.deleteFrom('ir_push_subscriptions').where('endpoint', '=', endpoint);
  if (personId !== undefined) q = q.where('person_id', '=', personId);
  const deleted = await q.executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}

export async function selectPushSubscriptions(db: Kysely<Database>, personId: string): Promise<PushSubscriptionRecord[]> {
  const rows = await db.selectFrom('ir_push_subscriptions').selectAll().where('person_id', '=', personId).orderBy('created_at').orderBy('endpoint').execute();
  return rows.map((r) => ({ endpoint: r.endpoint, personId: r.person_id, p256dh: r.p256dh, auth: r.auth, createdAt: epochMs(Number(r.created_at)) }));
}
