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

/** What an action does when its rule fires, as `rules test` and `config validate` say it. */
export const ACTION_EFFECTS = ['declares', 'recorded-only', 'collects-logs', 'remediates'] as const;
export type ActionEffect = (typeof ACTION_EFFECTS)[number];

const EFFECT_OF_KIND: Record<ActionKind, ActionEffect> = {
  declare: 'declares',
  request: 'recorded-only',
  'collect-logs': 'collects-logs',
  remediate: 'remediates',
};

/** In words, after the action in reports. */
export const ACTION_EFFECT_NOTE: Record<ActionEffect, string> = {
  declares: 'declares the incident (paging, war room and stakeholder messages follow from the configuration)',
  'recorded-only': "recorded only: written on the incident's timeline as a request; the action itself sends nothing",
  'collects-logs': 'collects the log_collection sources into an evidence bundle',
  remediates: 'runs the detection.remediation entry of that name (skipped when none is configured)',
};

export function actionEffect(name: TriggerActionName): ActionEffect {
  return EFFECT_OF_KIND[ACTION_KIND[name]];
}
