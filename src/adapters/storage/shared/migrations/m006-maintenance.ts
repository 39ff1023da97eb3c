import type { Migration } from './migration.js';

export const MIGRATION_6: Migration = {
  version: 6,
  name: 'status page maintenance windows',
  async up() {
    // Filled in with the tables of this capability.
  },
};
