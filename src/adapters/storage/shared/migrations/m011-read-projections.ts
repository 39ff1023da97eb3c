import type { Migration } from './migration.js';

/**
 * Reserved for a list projection that has not been built; it changes nothing. Versions stay
 * contiguous, and a database migrated through it is the same as one that was not.
 */
export const MIGRATION_11: Migration = {
  version: 11,
  name: 'reserved (no change)',
  async up() {
    // Intentionally empty: see the comment above.
  },
};
