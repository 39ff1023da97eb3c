import type { Kysely, Selectable } from 'kysely';
import type { StatusSubscriber, SubscriberKind } from '../../../app/status-page/index.js';
import { epochMs } from '../../../domain/time/index.js';
import type { Database, StatusSubscribersTable } from './schema.js';

type Row = Selectable<StatusSubscribersTable>;

function toSubscriber(r: Row): StatusSubscriber {
  return {
    id: r.id, kind: r.kind as SubscriberKind, address: r.address, component: r.component, token: r.token, createdAt: epochMs(Number(r.created_at)),
    ...(r.confirmed_at === null ? {} : { confirmedAt: epochMs(Number(r.confirmed_at)) }),
  };
}

/** Inside a write transaction: the (kind, address, component) row gets this token and creation time; its id and confirmation stay. */
export async function upsertStatusSubscriber(conn: Kysely<Database>, s: StatusSubscriber): Promise<StatusSubscriber> {
  await conn
    .insertInto('ir_status_subscribers')
    .values({ id: s.id, kind: s.kind, address: s.address, component: s.component, token: s.token, created_at: s.createdAt, confirmed_at: s.confirmedAt ?? null })
    .onConflict((oc) => oc.columns(['kind', 'address', 'component']).doUpdateSet({ token: s.token, created_at: s.createdAt }))
    .execute();
  const row = await conn.selectFrom('ir_status_subscribers').selectAll().where('kind', '=', s.kind).where('address', '=', s.address).where('component', '=', s.component).executeTakeFirstOrThrow();
  return toSubscriber(row);
}

export async function selectStatusSubscriber(db: Kysely<Database>, kind: SubscriberKind, address: string, component: string): Promise<StatusSubscriber | undefined> {
  const row = await db.selectFrom('ir_status_subscribers').selectAll().where('kind', '=', kind).where('address', '=', address).where('component', '=', component).executeTakeFirst();
  return row === undefined ? undefined : toSubscriber(row);
}

export async function selectStatusSubscriberByToken(db: Kysely<Database>, token: string): Promise<StatusSubscriber | undefined> {
  const row = await db.selectFrom('ir_status_subscribers').selectAll().where('token', '=', token).executeTakeFirst();
  return row === undefined ? undefined : toSubscriber(row);
}

export async function markStatusSubscriberConfirmed(conn: Kysely<Database>, id: string, at: number): Promise<void> {
  await conn.updateTable('ir_status_subscribers').set({ confirmed_at: at }).where('id', '=', id).where('confirmed_at', 'is', null).execute();
}

export async function removeStatusSubscriber(conn: Kysely<Database>, id: string): Promise<boolean> {
  const deleted = await conn.deleteFrom('ir_status_subscribers').where('id', '=', id).executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}

export async function selectConfirmedStatusSubscribers(db: Kysely<Database>): Promise<StatusSubscriber[]> {
  const rows = await db.selectFrom('ir_status_subscribers').selectAll().where('confirmed_at', 'is not', null).orderBy('created_at').orderBy('id').execute();
  return rows.map(toSubscriber);
}

/** Inside a write transaction: true when this update had not been announced yet. */
export async function insertStatusNotice(conn: Kysely<Database>, updateKey: string, at: number): Promise<boolean> {
  const inserted = await conn.insertInto('ir_status_notices').values({ update_key: updateKey, planned_at: at }).onConflict((oc) => oc.column('update_key').doNothing()).executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
}
