import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MIGRATIONS } from './migrations.js';

describe('MIGRATIONS', () => {
  it('numbers migrations 1, 2, 3, … without gaps, as the runner applies them by position', () => {
    assert.deepEqual(MIGRATIONS.map((m) => m.version), MIGRATIONS.map((_, i) => i + 1));
  });
});
