import type { Kysely } from 'kysely';
import type { SignedDelivery } from '../../../app/ports/index.js';
import type { EpochMs } from '../../../domain/time/index.js';
import type { Database } from './schema.js';

/**
 * Inside a write transaction: forgets deliveries whose window closed by `now`, then remembers this
 * one unless it is already there. True when it was new. The primary key (scope, id) decides, so two
 * instances claiming the same delivery cannot both win.
 */
export async function insertSignedDelivery(conn: Kysely<Database>, delivery: SignedDelivery, now: EpochMs): Promise<boolean> {
  await conn.deleteFrom('ir_signed_deliveries').where('expires_at', '<=', now).execute();
  const inserted = await conn
    .insertInto('ir_signed_deliveries')
    .values({ scope: delivery.scope, delivery_id: delivery.id, expires_at: delivery.expiresAt })
    .onConflict((oc) => oc.columns(['scope', 'delivery_id']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
}
