import type { Migration } from './migration.js';

export const MIGRATION_14: Migration = {
  version: 14,
  name: 'web push subscriptions of people, and status page subscribers with their notices',
  async up(db) {
    // A browser's push subscription for one person (RFC 8030 endpoint and the RFC 8291 keys). The
    // endpoint is the identity: a browser re-subscribing replaces its row, a 404/410 deletes it.
    await db.schema
      .createTable('ir_push_subscriptions')
      .addColumn('endpoint', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('p256dh', 'text', (c) => c.notNull())
      .addColumn('auth', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ir_push_subscriptions_person_idx').on('ir_push_subscriptions').column('person_id').execute();

    // A status page subscriber: an e-mail address or a webhook URL, to the whole page or one
    // component. Pending until the confirmation link is followed (double opt-in); unsubscribing
    // deletes the row. The token is in the confirmation and in every notice's unsubscribe link, so
    // it is kept as given; it can only confirm or end this one subscription.
    await db.schema
      .createTable('ir_status_subscribers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('component', 'text', (c) => c.notNull())
      .addColumn('token', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('confirmed_at', 'bigint')
      .addUniqueConstraint('ir_status_subscribers_address_key', ['kind', 'address', 'component'])
      .execute();

    // The public updates already announced to subscribers (one row per update), so a notice is
    // planned once however many servers or restarts see the update.
    await db.schema
      .createTable('ir_status_notices')
      .addColumn('update_key', 'text', (c) => c.primaryKey())
      .addColumn('planned_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
