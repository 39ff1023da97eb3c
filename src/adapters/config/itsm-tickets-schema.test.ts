import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../domain/errors/index.js';
import { parseConfig } from './index.js';

function problems(yaml: string): string[] {
  try {
    parseConfig(yaml, 'ir.yaml');
  } catch (e) {
    assert.ok(e instanceof AppError && e.code === 'CONFIG_INVALID', String(e));
    return e.issues.map((i) => `${i.line ?? '?'}: ${i.path}: ${i.message}`);
  }
  return [];
}

describe('tickets.remedy and tickets.cherwell configuration', () => {
  it('reads both with their defaults', () => {
    const c = parseConfig([
      'tickets:',
      '  remedy: { base_url: "https://acme-restapi.onbmc.com/", username: ir-integration, password_env: REMEDY_PASSWORD, first_name: Incident, last_name: Response }',
      '  cherwell:',
      '    base_url: https://cherwell.example.com/CherwellAPI',
      '    username: ir-api',
      '    password_env: CHERWELL_PASSWORD',
      '    client_id_env: CHERWELL_CLIENT_ID',
      '    fields: { CustomerRecID: 93652d8c1f3e, Service: Payments }',
    ].join('\n'), 'ir.yaml');
    assert.deepEqual(c.tickets?.remedy, {
      baseUrl: 'https://acme-restapi.onbmc.com', username: 'ir-integration', passwordEnv: 'REMEDY_PASSWORD', firstName: 'Incident', lastName: 'Response',
      serviceType: 'Infrastructure Event', reportedSource: 'Systems Management', doneStatuses: ['resolved', 'closed', 'cancelled'],
    });
    assert.deepEqual(c.tickets?.cherwell, {
      baseUrl: 'https://cherwell.example.com/CherwellAPI', username: 'ir-api', passwordEnv: 'CHERWELL_PASSWORD', clientIdEnv: 'CHERWELL_CLIENT_ID',
      businessObject: 'Incident', fields: { CustomerRecID: '93652d8c1f3e', Service: 'Payments' }, doneStatuses: ['resolved', 'closed', 'cancelled'],
    });
  });

  it('refuses a secret written in place of its variable name, a bad service type and a missing customer, naming line and key', () => {
    const found = problems([
      'tickets:',
      '  remedy: { base_url: https://acme-restapi.onbmc.com, username: u, password_env: "hunter2!", first_name: A, service_type: Outage }',
    ].join('\n'));
    assert.ok(found.some((p) => /^2: tickets\.remedy\.password_env: give the name of an environment variable/.test(p)), found.join('\n'));
    assert.ok(found.some((p) => /^2: tickets\.remedy\.service_type: /.test(p)), found.join('\n'));
    assert.ok(found.some((p) => /tickets\.remedy\.last_name/.test(p)), found.join('\n'));
    assert.ok(problems('tickets: { cherwell: { base_url: https://c.example.com/CherwellAPI, username: u, password_env: P } }').some((p) => /tickets\.cherwell\.client_id_env/.test(p)));
  });
});
