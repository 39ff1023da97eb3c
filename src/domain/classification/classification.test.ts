import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors/index.js';
import { parseEnvironment, parseIncidentRole, parseIncidentType, parsePublicStatus, parseSeverity, severityLabel } from './index.js';

describe('severity words', () => {
  const accepted: [string, string][] = [
    ['critical', 'critical'], ['HIGH', 'high'], ['medium', 'medium'], ['low', 'low'],
    ['sev1', 'critical'], ['SEV2', 'high'], ['sev-3', 'medium'], ['Sev4', 'low'], [' critical ', 'critical'],
  ];
  for (const [input, want] of accepted) {
    it(`reads '${input}' as ${want}`, () => assert.equal(parseSeverity(input), want));
  }

  it('suggests the closest word for a typo and lists the choices', () => {
    assert.throws(() => parseSeverity('critcal'), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION'
      && e.message === "unknown severity 'critcal' — did you mean 'critical'? (critical, high, medium, low)");
  });

  it('does not guess when nothing is close', () => {
    assert.throws(() => parseSeverity('banana'), { message: "unknown severity 'banana' (critical, high, medium, low)" });
  });

  it('labels severities as in the product description', () => {
    assert.equal(severityLabel('critical'), 'SEV-1 Critical');
    assert.equal(severityLabel('low'), 'SEV-4 Low');
  });
});

describe('types, environments, roles, public status', () => {
  it('accepts every documented type', () => {
    for (const t of ['outage', 'security', 'performance', 'data', 'integration']) assert.equal(parseIncidentType(t), t);
  });
  it('rejects an unknown type with a suggestion', () => {
    assert.throws(() => parseIncidentType('secuirty'), { message: "unknown type 'secuirty' — did you mean 'security'? (outage, security, performance, data, integration)" });
  });
  it('accepts environments and their short forms', () => {
    assert.equal(parseEnvironment('production'), 'production');
    assert.equal(parseEnvironment('prod'), 'production');
    assert.equal(parseEnvironment('dev'), 'development');
    assert.equal(parseEnvironment('all'), 'all');
    assert.throws(() => parseEnvironment('produciton'), /did you mean 'production'/);
  });
  it('accepts the six incident roles only', () => {
    for (const r of ['commander', 'communications', 'scribe', 'technical', 'security', 'liaison']) assert.equal(parseIncidentRole(r), r);
    assert.throws(() => parseIncidentRole('comander'), /did you mean 'commander'/);
  });
  it('accepts the four public statuses only', () => {
    for (const s of ['investigating', 'identified', 'monitoring', 'resolved']) assert.equal(parsePublicStatus(s), s);
    assert.throws(() => parsePublicStatus('fixed'), /unknown status 'fixed'/);
  });
});
