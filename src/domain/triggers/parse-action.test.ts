import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAction, parseAction, type TriggerAction } from './index.js';

function ok(text: string): TriggerAction {
  const r = parseAction(text);
  assert.ok(r.ok, `expected '${text}' to parse, got ${r.ok ? '' : r.error.message}`);
  return r.action;
}

describe('parseAction: the spec actions', () => {
  const cases: [string, TriggerAction][] = [
    ["create_incident(severity='critical')", { name: 'create_incident', severity: 'critical' }],
    ["create_incident(severity='critical', type='outage')", { name: 'create_incident', severity: 'critical', type: 'outage' }],
    ['create_incident(severity="high", type="performance", environment="prod", service="checkout", title="Slow checkout")',
      { name: 'create_incident', severity: 'high', type: 'performance', environment: 'production', service: 'checkout', title: 'Slow checkout' }],
    ["create_incident('sev2', 'data')", { name: 'create_incident', severity: 'high', type: 'data' }],
    ['create_incident(severity=critical, type=outage)', { name: 'create_incident', severity: 'critical', type: 'outage' }],
    ["create_incident(severity='low', title='It\\'s slow, again')", { name: 'create_incident', severity: 'low', title: "It's slow, again" }],
    ['page_oncall_engineer()', { name: 'page_oncall_engineer' }],
    ["page_oncall_engineer(service='payments')", { name: 'page_oncall_engineer', service: 'payments' }],
    ["update_status_page('investigating')", { name: 'update_status_page', status: 'investigating' }],
    ["update_status_page(status='Monitoring', message='Recovering')", { name: 'update_status_page', status: 'monitoring', message: 'Recovering' }],
    ['start_war_room()', { name: 'start_war_room' }],
    [' start_war_room ( ) ', { name: 'start_war_room' }],
    ['create_security_incident()', { name: 'create_security_incident' }],
    ["create_security_incident(severity='critical', environment='staging')", { name: 'create_security_incident', severity: 'critical', environment: 'staging' }],
    ['alert_security_team()', { name: 'alert_security_team' }],
    ['begin_log_collection()', { name: 'begin_log_collection' }],
    ['isolate_suspicious_sources()', { name: 'isolate_suspicious_sources' }],
  ];
  for (const [text, action] of cases) {
    it(`reads ${text}`, () => assert.deepEqual(ok(text), action));
  }
});

describe('parseAction: errors', () => {
  const cases: [string, number, string][] = [
    ['page_oncal_engineer()', 1, "unknown action 'page_oncal_engineer' at column 1 — did you mean 'page_oncall_engineer'? (create_incident, page_oncall_engineer, update_status_page, start_war_room, create_security_incident, alert_security_team, begin_log_collection, isolate_suspicious_sources, failover, reroute_traffic, scale)"],
    ['create_incident()', 17, "create_incident() needs 'severity' at column 17, e.g. create_incident(severity='critical')"],
    ["create_incident(severity='critcal')", 26, "unknown severity 'critcal' at column 26 — did you mean 'critical'? (critical, high, medium, low)"],
    ["create_incident(severity='high', type='outgae')", 39, "unknown type 'outgae' at column 39 — did you mean 'outage'? (outage, security, performance, data, integration)"],
    ["create_incident(severity='high', environment='stagin')", 46, "unknown environment 'stagin' at column 46 — did you mean 'staging'? (production, staging, development, all)"],
    ["create_incident(sevrity='high')", 17, "unknown argument 'sevrity' at column 17 — did you mean 'severity'? (severity, type, environment, service, title)"],
    ["create_incident(severity='high', severity='low')", 34, "'severity' is given twice at column 34"],
    ["create_incident(severity='high', 'outage')", 34, "a positional argument cannot follow a named one at column 34; write e.g. type='outage'"],
    ["update_status_page('investigatng')", 20, "unknown status 'investigatng' at column 20 — did you mean 'investigating'? (investigating, identified, monitoring, resolved)"],
    ["start_war_room('now')", 16, 'too many arguments to start_war_room() at column 16: it takes no arguments'],
    ["start_war_room(room='x')", 16, "unknown argument 'room' at column 16: start_war_room() takes no arguments"],
    ['page_oncall_engineer', 21, "expected '(' after 'page_oncall_engineer' at column 21, found the end of the action; write e.g. 'page_oncall_engineer()'"],
    ["create_incident(severity='high'", 32, "expected ',' or ')' at column 32, found the end of the action"],
    ["create_incident('high' 'outage')", 24, `expected ',' or ')' at column 24, found "'"`],
    ["create_incident(severity='high)", 26, "unterminated string at column 26; close it with '"],
    ['start_war_room(); page_oncall_engineer()', 17, "expected the end of the action at column 17, found ';'; give one action per list item"],
    ["create_incident(title='', severity='low')", 23, "'title' must not be empty at column 23"],
    ['', 1, 'expected an action name at column 1, found the end of the action'],
  ];
  for (const [text, column, message] of cases) {
    it(`rejects ${text || '(empty)'} at column ${column}`, () => {
      const r = parseAction(text);
      assert.ok(!r.ok);
      assert.deepEqual(r.error, { message, column });
    });
  }
});

describe('formatAction', () => {
  it('writes the canonical call, parameters in declared order, and reads back the same action', () => {
    for (const text of ["create_incident(type='outage', severity='sev1', title='Bob\\'s \\\\ box')", "update_status_page('identified')", 'alert_security_team()']) {
      const action = ok(text);
      assert.deepEqual(ok(formatAction(action)), action);
    }
    assert.equal(formatAction(ok("create_incident(type='outage', severity='sev1')")), "create_incident(severity='critical', type='outage')");
    assert.equal(formatAction(ok("update_status_page('identified')")), "update_status_page(status='identified')");
  });
});
