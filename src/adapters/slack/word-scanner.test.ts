import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WordScanner } from './word-scanner.js';

const values = (text: string) => new WordScanner(text).words().map((w) => w.value);

describe('WordScanner', () => {
  it('splits on any whitespace, including non-breaking spaces and newlines', () => {
    assert.deepEqual(values('  a\tb\u00a0c\nd  '), ['a', 'b', 'c', 'd']);
  });

  it('groups double, single and typographic quotes', () => {
    assert.deepEqual(values(`"a b" 'c d' “e f” ‘g h’ "i j” „k l“`), ['a b', 'c d', 'e f', 'g h', 'i j', 'k l']);
  });

  it('keeps apostrophes inside words and inside quotes', () => {
    assert.deepEqual(values(`Checkout's down`), ["Checkout's", 'down']);
    assert.deepEqual(values(`‘Checkout’s API down’ "it's fine"`), ['Checkout’s API down', "it's fine"]);
  });

  it('opens a quote after = so --title="a b" is one word, but marks only leading quotes as quoted', () => {
    const [opt, plain] = new WordScanner(`--title="a b" "--service"`).words();
    assert.deepEqual([opt?.value, opt?.quoted, plain?.value, plain?.quoted], ['--title=a b', false, '--service', true]);
  });

  it('gives free text raw, unwrapping one fully quoted word', () => {
    const s = new WordScanner(`resolve it's "done" now`);
    const verb = s.next()!;
    assert.equal(s.rawFrom(verb.end), `it's "done" now`);
    assert.equal(new WordScanner('x "all of it"').rawFrom(1), 'all of it');
    assert.equal(new WordScanner('x "unbalanced').rawFrom(1), '"unbalanced');
  });

  it('refuses an unclosed quote', () => {
    assert.throws(() => values('"never closed'), { code: 'VALIDATION', message: 'a quote is not closed: "never closed — add the closing quote' });
  });
});
