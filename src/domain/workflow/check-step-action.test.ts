import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkStepAction } from './check-step-action.js';
import { DEFAULT_WORKFLOWS } from './default-workflows.js';

describe('checkStepAction', () => {
  it('accepts every action of the default workflows', () => {
    for (const template of Object.values(DEFAULT_WORKFLOWS)) {
      for (const step of template.phases.flatMap((p) => p.steps)) assert.deepEqual(checkStepAction(step.key, step.action), [], `${template.type}: ${step.key}`);
    }
  });

  it('names the step, the column and the nearest action for a misspelt one', () => {
    assert.deepEqual(checkStepAction('gather-logs', 'begin_log_colection()'), [
      `step 'gather-logs': unknown action 'begin_log_colection' at column 1 — did you mean 'begin_log_collection'? (create_incident, page_oncall_engineer, update_status_page, start_war_room, create_security_incident, alert_security_team, begin_log_collection, isolate_suspicious_sources, failover, reroute_traffic, scale) in "begin_log_colection()"`,
    ]);
  });

  it('refuses actions that declare an incident', () => {
    assert.match(checkStepAction('open', "create_incident(severity='high')")[0] ?? '', /^step 'open': create_incident\(\) cannot run from a step/);
  });
});
