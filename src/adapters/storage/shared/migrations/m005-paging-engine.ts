import type { Migration } from './migration.js';

export const MIGRATION_5: Migration = {
  version: 5,
  name: 'the paging engine: escalations, timers, outbox messages and endpoints',
  async up() {
    // Filled in with the tables of this capability.
  },
};
