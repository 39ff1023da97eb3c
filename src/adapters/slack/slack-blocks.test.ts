import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { escapeSlack, fields, header, limitText, section, slackDate } from './slack-blocks.js';

describe('Slack text', () => {
  it('escapes &, < and > and nothing else', () => {
    assert.equal(escapeSlack(`<!channel> A & B > "C" 'd' *e*`), `&lt;!channel&gt; A &amp; B &gt; "C" 'd' *e*`);
  });

  it('leaves text within the limit alone and cuts longer text to exactly the limit with …', () => {
    assert.equal(limitText('abc', 3), 'abc');
    assert.equal(limitText('abcdef', 4), 'abc…');
  });

  it('never cuts an entity, a <…> token or a surrogate pair in half', () => {
    assert.equal(limitText('ab &amp; cd', 6), 'ab …');
    assert.equal(limitText('see <!date^1^{time}|x> now', 10), 'see …');
    assert.equal(limitText('ab😀cd', 4), 'ab…');
  });

  it('keeps any escaped text within any limit, ending in … when cut', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 8, max: 200 }), (raw, max) => {
      const escaped = escapeSlack(raw);
      const out = limitText(escaped, max);
      assert.ok(out.length <= max);
      if (out !== escaped) {
        assert.ok(out.endsWith('…'));
        assert.ok(escaped.startsWith(out.slice(0, -1)));
        assert.doesNotMatch(out, /&(a|am|l|g|lt|gt)?…$/);
      }
    }));
  });

  it('writes date tokens with a UTC fallback', () => {
    assert.equal(slackDate('2026-11-28T14:45:00.000Z'), '<!date^1795877100^{date_short_pretty} at {time}|2026-11-28 14:45 UTC>');
    assert.equal(slackDate('2026-11-28T14:45:30.500Z', '{time}'), '<!date^1795877130^{time}|2026-11-28 14:45 UTC>');
  });

  it('holds headers to 150, sections to 3000 and fields to 2000 characters', () => {
    const long = 'x'.repeat(5000);
    const h = header(long);
    assert.ok(h.type === 'header' && h.text.text.length === 150 && h.text.text.endsWith('…'));
    const s = section(long);
    assert.ok(s.type === 'section' && 'text' in s && s.text.text.length === 3000);
    const f = fields(Array.from({ length: 12 }, (_, i) => [`L${i}`, long] as const));
    assert.ok(f.type === 'section' && 'fields' in f && f.fields.length === 10 && f.fields.every((x) => x.text.length === 2000));
  });
});
