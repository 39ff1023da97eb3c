import type { Migration } from './migration.js';

export const MIGRATION_11: Migration = {
  version: 11,
  name: 'read projections for lists',
  async up() {
    // Filled in by the change that needs it.
  },
};
