import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePhaseOffset, parsePhaseWindow } from './phase-window.js';

describe('parsePhaseWindow', () => {
  for (const [text, expected] of [
    ['0-15 minutes', { startMin: 0, endMin: 15 }],
    ['0 - 15 min', { startMin: 0, endMin: 15 }],
    ['15–60 minutes', { startMin: 15, endMin: 60 }],
    ['30 minutes-2 hours', { startMin: 30, endMin: 120 }],
    ['2-24h', { startMin: 120, endMin: 1440 }],
    ['1h to 1 day', { startMin: 60, endMin: 1440 }],
    ['From 60 Minutes', { startMin: 60 }],
    ['from 0m', { startMin: 0 }],
  ] as const) {
    it(`reads '${text}'`, () => assert.deepEqual(parsePhaseWindow(text), expected));
  }

  for (const [text, message] of [
    ['0-30', /'0-30' has no unit/],
    ['soon', /'soon' is not a phase window/],
    ['0-30 parsecs', /unknown unit 'parsecs'/],
    ['0-90s', /not a whole number of minutes/],
    ['from', /'from' is not a phase window/],
  ] as const) {
    it(`explains why '${text}' is not a window`, () => {
      const result = parsePhaseWindow(text);
      assert.equal(typeof result, 'string');
      assert.match(result as string, message);
    });
  }
});

describe('parsePhaseOffset', () => {
  for (const [value, expected] of [[0, 0], [45, 45], ['0', 0], ['0 minutes', 0], ['2h', 120]] as const) {
    it(`reads ${JSON.stringify(value)} as ${expected} min`, () => assert.equal(parsePhaseOffset(value), expected));
  }
  for (const value of [-5, 1.5, '0 parsecs', 'later']) {
    it(`rejects ${JSON.stringify(value)}`, () => assert.equal(typeof parsePhaseOffset(value), 'string'));
  }
});
