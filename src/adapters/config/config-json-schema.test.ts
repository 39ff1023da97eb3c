import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { configJsonSchema } from './index.js';

// docs/config.schema.json is generated from the zod schema; this test keeps the committed copy in
// step. To regenerate it: UPDATE_CONFIG_SCHEMA=1 node scripts/run-tests.mjs config-json-schema
const COMMITTED = fileURLToPath(new URL('../../../docs/config.schema.json', import.meta.url));

describe('configJsonSchema', () => {
  it('matches the committed docs/config.schema.json', () => {
    const generated = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
    if (process.env['UPDATE_CONFIG_SCHEMA'] === '1') writeFileSync(COMMITTED, generated);
    const committed = readFileSync(COMMITTED, 'utf8');
    assert.ok(
      committed === generated,
      'docs/config.schema.json is out of date; regenerate it with: UPDATE_CONFIG_SCHEMA=1 node scripts/run-tests.mjs config-json-schema',
    );
  });

  it('rejects unknown keys at every level, as the loader does', () => {
    const schema = configJsonSchema() as { additionalProperties?: unknown; $defs?: Record<string, { additionalProperties?: unknown }> };
    assert.equal(schema.additionalProperties, false);
    assert.equal(schema.$defs?.['WorkflowPhase']?.additionalProperties, false);
    assert.equal(schema.$defs?.['WorkflowStep']?.additionalProperties, false);
  });
});
