import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../domain/errors/index.js';
import { parseConfig } from './index.js';

describe('server: in the config file', () => {
  it('pushes events to live streams unless event_push is false', () => {
    assert.equal(parseConfig('server:\n  trust_proxy: 1\n', 'c.yaml').server?.eventPush, true);
    assert.equal(parseConfig('server:\n  event_push: false\n', 'c.yaml').server?.eventPush, false);
  });

  it('names the file, line and key of an event_push that is not a boolean', () => {
    assert.throws(() => parseConfig('server:\n  event_push: sometimes\n', 'c.yaml'), (e) => {
      assert.ok(e instanceof AppError && e.code === 'CONFIG_INVALID');
      assert.match(e.message, /c\.yaml:2:\d+: server\.event_push: expected true or false/);
      return true;
    });
  });
});
