import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { EXIT_CODE } from '../src/adapters/cli/index.js';
import { ERROR_CODES } from '../src/domain/errors/index.js';

describe('docs/errors.md', () => {
  const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
  it('lists every error code with its exit status, and no others', () => {
    const rows = [...doc.matchAll(/^\| `([A-Z_]+)` \| (\d+) \|/gm)].map((m) => [m[1], Number(m[2])]);
    assert.deepEqual(rows, ERROR_CODES.map((c) => [c, EXIT_CODE[c]]));
  });
});
