import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../../domain/errors/index.js';
import { FORMS, parseForm } from './web-forms.js';

function refusal(fn: () => unknown): { message: string; issues: unknown } {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return { message: error.message, issues: error.issues };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('web forms', () => {
  it('reads a declaration: trimmed text, an empty optional field absent, the first of a repeated field', () => {
    assert.deepEqual(parseForm(FORMS.declare, { severity: ['critical', 'low'], type: 'outage', environment: 'production', title: '  Checkout down ', service: '', summary: 'x', _csrf: 't' }), {
      severity: 'critical', type: 'outage', environment: 'production', title: 'Checkout down', service: undefined, summary: 'x',
    });
  });

  it('refuses a declaration without a title, naming the field', () => {
    const r = refusal(() => parseForm(FORMS.declare, { severity: 'high', type: 'outage', environment: 'production', title: '   ' }));
    assert.equal(r.message, 'Fill in the title.');
    assert.deepEqual(r.issues, [{ path: 'title', message: 'required' }]);
  });

  it('refuses a value outside the choices, text that is too long, and a NUL character', () => {
    assert.match(refusal(() => parseForm(FORMS.declare, { severity: 'sev0', type: 'outage', environment: 'production', title: 'x' })).message, /^Check severity: choose one of the listed values\.$/);
    assert.match(refusal(() => parseForm(FORMS.note, { text: 'x'.repeat(4001) })).message, /^Check the note: longer than 4000 characters\.$/);
    assert.match(refusal(() => parseForm(FORMS.note, { text: 'a\u0000b' })).message, /'text' contains a NUL character/);
  });

  it('reads the lines of an RCA form, dropping empty ones', () => {
    assert.deepEqual(parseForm(FORMS.rca, { rootCause: '', addFactors: 'one\r\n\r\n two \n', addActions: '' }), { rootCause: undefined, addFactors: ['one', 'two'], addActions: [] });
  });
});
