import type { Migration } from './migration.js';

export const MIGRATION_8: Migration = {
  version: 8,
  name: 'compliance clocks and signed audit checkpoints',
  async up() {
    // Filled in with the tables of this capability.
  },
};
