import type { IncidentType } from '../../domain/classification/index.js';
import type { DeclareInput, IncidentState } from '../../domain/incident/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import type { TriggerRule } from '../../domain/triggers/index.js';
import type { IncidentStore } from '../ports/index.js';
import { isDeclareAction, type DeclareAction } from './action-kind.js';

const OPEN = ['triggered', 'acknowledged', 'mitigated'] as const;

/** The actor a rule acts as on the timeline. */
export const ruleActor = (rule: string) => ({ name: `rule:${rule}` });

/**
 * The rule's incident that is still open (declared by `rule:<name>`, not yet resolved), newest
 * first. Read from the store, so it survives a restart of the process.
 */
export async function findOpenRuleIncident(store: Pick<IncidentStore, 'listIncidents'>, rule: string): Promise<IncidentState | undefined> {
  const actor = ruleActor(rule).name;
  const open = await store.listIncidents({ statuses: OPEN, limit: 1000 });
  return open.find((i) => i.declaredBy === actor);
}

/** The type of incident the rule declares when it fires; undefined when it declares none. */
export function ruleIncidentType(rule: TriggerRule): IncidentType | undefined {
  const action = rule.actions.find(isDeclareAction);
  return action === undefined ? undefined : declaredType(action);
}

const declaredType = (action: DeclareAction): IncidentType => (action.name === 'create_security_incident' ? 'security' : action.type ?? 'outage');

/** The declaration a firing asks for: the action's fields, the rule's words, the impact start. */
export function ruleDeclaration(rule: TriggerRule, action: DeclareAction, holding: readonly string[], activeAt: EpochMs | undefined): DeclareInput {
  const title = action.title ?? `${rule.name}: ${holding.length > 0 ? holding.join(', ') : rule.conditions.map((c) => c.text).join(', ')}`;
  return {
    severity: action.severity ?? 'high',
    incidentType: declaredType(action),
    environment: action.environment ?? 'production',
    title,
    ...(action.service === undefined ? {} : { service: action.service }),
    summary: `Opened by trigger rule ${rule.name}${rule.description ? ` (${rule.description})` : ''}: ${holding.join(', ') || 'its conditions held'}.`,
    ...(activeAt === undefined ? {} : { impactStartedAt: activeAt }),
  };
}
