import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findConfigPath } from './index.js';

function dirWith(...files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ir-find-config-'));
  for (const f of files) writeFileSync(join(dir, f), '');
  return dir;
}

describe('findConfigPath', () => {
  it('uses IR_CONFIG, relative to the working directory, even over a file in it', () => {
    const dir = dirWith('incident-response.yaml');
    assert.equal(findConfigPath(dir, { IR_CONFIG: 'conf/ir.yaml' }), join(dir, 'conf/ir.yaml'));
    assert.equal(findConfigPath(dir, { IR_CONFIG: '/etc/ir.yaml' }), '/etc/ir.yaml');
  });

  it('finds incident-response.yaml, then incident-response.yml, in the working directory', () => {
    const both = dirWith('incident-response.yaml', 'incident-response.yml');
    assert.equal(findConfigPath(both, {}), join(both, 'incident-response.yaml'));
    const yml = dirWith('incident-response.yml');
    assert.equal(findConfigPath(yml, {}), join(yml, 'incident-response.yml'));
  });

  it('ignores an empty IR_CONFIG', () => {
    const dir = dirWith('incident-response.yaml');
    assert.equal(findConfigPath(dir, { IR_CONFIG: '  ' }), join(dir, 'incident-response.yaml'));
  });

  it('finds nothing when there is no file (a directory of that name does not count)', () => {
    const dir = dirWith();
    mkdirSync(join(dir, 'incident-response.yaml'));
    assert.equal(findConfigPath(dir, {}), undefined);
  });
});
