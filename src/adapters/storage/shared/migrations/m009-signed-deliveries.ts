import type { Migration } from './migration.js';

export const MIGRATION_9: Migration = {
  version: 9,
  name: 'signed inbound deliveries already seen (replay protection)',
  async up() {
    // Filled in by the change that needs it.
  },
};
