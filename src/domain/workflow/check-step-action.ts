import { parseAction } from '../triggers/index.js';

/** Actions a step cannot run: the incident whose checklist it is exists already. */
const DECLARING = ['create_incident', 'create_security_incident'];

/**
 * Problems with a step's action, each naming the step: not an action call as trigger rules write
 * them (with the column and a "did you mean"), or one that would declare another incident.
 */
export function checkStepAction(stepKey: string, action: string | undefined): string[] {
  if (action === undefined) return [];
  const parsed = parseAction(action);
  if (!parsed.ok) return [`step '${stepKey}': ${parsed.error.message} in "${action}"`];
  if (DECLARING.includes(parsed.action.name)) return [`step '${stepKey}': ${parsed.action.name}() cannot run from a step, whose incident exists already; use it in a trigger rule`];
  return [];
}
