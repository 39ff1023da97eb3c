import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatMatcher, matchesAll, parseLabelMatcher } from './label-matcher.js';
import { labelFingerprint } from './label-fingerprint.js';
import { severityFromWord } from './severity-word.js';
import { ordinal } from './ordinal.js';
import { isAppError } from '../errors/index.js';

describe('label matchers', () => {
  const labels = { alertname: 'HighErrorRate', severity: 'critical', team: 'payments' };
  const table: [string, boolean][] = [
    ['severity="critical"', true],
    ['severity=critical', true],
    ['severity!="critical"', false],
    ['team!=search', true],
    ['alertname=~"High.*"', true],
    ['alertname=~"Error"', false], // anchored: must match the whole value
    ['alertname!~"Low.*"', true],
    ['missing=""', true], // a missing label reads as ""
    ['missing!="x"', true],
    ['missing=~".+"', false],
    ['severity=~"critical|warning"', true],
  ];
  for (const [text, expected] of table) {
    it(`${text} → ${expected}`, () => assert.equal(matchesAll([parseLabelMatcher(text)], labels), expected));
  }

  it('unescapes quoted values and formats them back', () => {
    const m = parseLabelMatcher('msg="say \\"hi\\""');
    assert.deepEqual(m, { name: 'msg', op: '=', value: 'say "hi"' });
    assert.equal(formatMatcher(m), 'msg="say \\"hi\\""');
  });

  it('refuses text that is not a matcher and regexes that do not compile', () => {
    for (const bad of ['severity', '=x', 'sev ~ x', 'a=~"("']) {
      assert.throws(() => parseLabelMatcher(bad), (e) => isAppError(e) && e.code === 'VALIDATION' && e.issues.length === 1);
    }
  });
});

describe('labelFingerprint', () => {
  it("matches prometheus/common's own test vector (model.TestMetricToFingerprint)", () => {
    // 5799056148416392346 in decimal; Alertmanager prints fingerprints as %016x.
    assert.equal(labelFingerprint({ name: 'garland, briggs', fear: 'love is not enough' }), BigInt('5799056148416392346').toString(16).padStart(16, '0'));
  });
  it('is independent of key order and 16 hex digits for the empty set', () => {
    assert.equal(labelFingerprint({ a: '1', b: '2' }), labelFingerprint({ b: '2', a: '1' }));
    assert.equal(labelFingerprint({}), 'cbf29ce484222325');
  });
});

describe('severityFromWord and ordinal', () => {
  it('maps tool words onto our four levels', () => {
    assert.equal(severityFromWord('P1'), 'critical');
    assert.equal(severityFromWord('error'), 'high');
    assert.equal(severityFromWord('warning'), 'medium');
    assert.equal(severityFromWord('info'), 'low');
    assert.equal(severityFromWord('sev2'), 'high');
    assert.equal(severityFromWord('banana'), undefined);
  });
  it('writes English ordinals', () => {
    assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 103].map(ordinal), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '103rd']);
  });
});
