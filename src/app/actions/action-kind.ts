import type { RemediationAction } from '../config/index.js';
import type { TriggerAction, TriggerActionName } from '../../domain/triggers/index.js';

/**
 * What running a trigger action means: `declare` opens (or finds) the rule's incident; `request`
 * records a request that the paging or status-page capability fulfils; `collect-logs` writes an
 * evidence bundle; `remediate` runs a configured HTTP call or command.
 */
export const ACTION_KINDS = ['declare', 'request', 'collect-logs', 'remediate'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_KIND: Record<TriggerActionName, ActionKind> = {
  create_incident: 'declare',
  create_security_incident: 'declare',
  page_oncall_engineer: 'request',
  update_status_page: 'request',
  start_war_room: 'request',
  alert_security_team: 'request',
  begin_log_collection: 'collect-logs',
  isolate_suspicious_sources: 'remediate',
  failover: 'remediate',
  reroute_traffic: 'remediate',
  scale: 'remediate',
};

export type DeclareAction = Extract<TriggerAction, { name: 'create_incident' | 'create_security_incident' }>;

export function isDeclareAction(a: TriggerAction): a is DeclareAction {
  return ACTION_KIND[a.name] === 'declare';
}

export function isRemediationAction(name: TriggerActionName): name is RemediationAction {
  return ACTION_KIND[name] === 'remediate';
}

/** What a `request` action asks for, in words for the timeline. */
export function describeRequest(a: TriggerAction, service: string | undefined): string {
  switch (a.name) {
    case 'page_oncall_engineer': {
      const svc = a.service ?? service;
      return svc === undefined ? 'page the on-call engineer' : `page the on-call engineer for ${svc}`;
    }
    case 'update_status_page': return `set the public status page to ${a.status}${a.message ? `: ${a.message}` : ''}`;
    case 'start_war_room': return 'open a war room for the responders';
    case 'alert_security_team': return 'alert the security team';
    default: return a.name;
  }
}
