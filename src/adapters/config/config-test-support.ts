// For the config tests: YAML from lines, and the problems a rejected config reports as "line:column path: message".
import assert from 'node:assert/strict';
import { AppError } from '../../domain/errors/index.js';
import { parseConfig } from './load-config.js';

export const lines = (...l: string[]) => `${l.join('\n')}\n`;

export function problems(yaml: string): string[] {
  try {
    parseConfig(yaml, 'ir.yaml');
  } catch (e) {
    assert.ok(e instanceof AppError && e.code === 'CONFIG_INVALID', String(e));
    return e.issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);
  }
  assert.fail('expected the config to be rejected');
}
