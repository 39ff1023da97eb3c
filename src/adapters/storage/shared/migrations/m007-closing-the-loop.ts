import type { Migration } from './migration.js';

export const MIGRATION_7: Migration = {
  version: 7,
  name: 'post-incident reviews, action items and tickets',
  async up() {
    // Filled in with the tables of this capability.
  },
};
