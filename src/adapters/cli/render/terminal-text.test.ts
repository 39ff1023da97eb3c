import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayWidth, fitToWidth, guardTerminalOutput, padToWidth, terminalBlock, terminalText } from './terminal-text.js';

const HOSTILE = 'DB \x1b[31mdown\x1b[0m\r\nnow \u009b2J \x1b]0;pwned\x07end\u202e';

describe('terminalText', () => {
  it('writes every control character of a one-line cell as a visible escape and line breaks as ⏎', () => {
    assert.equal(terminalText(HOSTILE), 'DB \\x1b[31mdown\\x1b[0m⏎now \\x9b2J \\x1b]0;pwned\\x07end\\u202e');
    assert.equal(terminalText('a\nb\rc\td\u2028e'), 'a⏎b⏎c d⏎e');
    assert.equal(terminalText('\x00\x7f'), '\\x00\\x7f');
  });

  it('keeps the line breaks of a block but removes escape sequences and shows stray controls', () => {
    assert.equal(terminalText(HOSTILE, 'block'), 'DB down\nnow  end\\u202e');
    assert.equal(terminalText('one\r\ntwo\rthree\n\tfour\x07\x1b', 'block'), 'one\ntwo\nthree\n\tfour\\x07\\x1b');
  });

  it('indents the lines of a block under its first', () => {
    assert.equal(terminalBlock('first\nsecond', 4), 'first\n    second');
  });

  it('leaves ordinary text, including non-Latin scripts and emoji, as it is', () => {
    const text = 'Zahlungsdienst gestört — 決済 🔥 «ok»';
    assert.equal(terminalText(text), text);
    assert.equal(terminalText(text, 'block'), text);
  });
});

describe('guardTerminalOutput', () => {
  it('escapes controls JSON-safely and keeps only our own colour sequences when colour is on', () => {
    assert.equal(guardTerminalOutput('a\x1b[31mred\x1b[39m\n\tb\u009b', true), 'a\x1b[31mred\x1b[39m\n\tb\\u009b');
    assert.equal(guardTerminalOutput('a\x1b[31mred\x1b[39m', false), 'a\\u001b[31mred\\u001b[39m');
    assert.equal(guardTerminalOutput('\x1b]0;title\x07', true), '\\u001b]0;title\\u0007');
    assert.equal(guardTerminalOutput('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', false), 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    assert.equal(guardTerminalOutput('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r', false), 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r');
    assert.equal(guardTerminalOutput('pay\rforged', false), 'pay\\u000dforged');
    const json = JSON.stringify({ title: 'x\u009b2J' });
    assert.deepEqual(JSON.parse(guardTerminalOutput(json, false)), { title: 'x\u009b2J' });
  });
});

describe('widths', () => {
  it('measures, cuts and pads by the columns a terminal shows', () => {
    assert.equal(displayWidth('決済'), 4);
    assert.equal(fitToWidth('Checkout API down', 10), 'Checkout …');
    assert.equal(displayWidth(fitToWidth('決済決済決済', 5)), 5);
    assert.equal(fitToWidth('short', 10), 'short');
    assert.equal(padToWidth('決', 4), '決  ');
  });
});
