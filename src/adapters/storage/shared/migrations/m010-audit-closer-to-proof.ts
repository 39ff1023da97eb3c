import type { Migration } from './migration.js';

export const MIGRATION_10: Migration = {
  version: 10,
  name: 'admin audit in the chain and checkpoint bookkeeping',
  async up() {
    // Filled in by the change that needs it.
  },
};
