import type { RemediationAction } from '../config/index.js';
import type { TriggerAction, TriggerActionName } from '../../domain/triggers/index.js';

/**
 * What running a trigger action means: `declare` opens (or finds) the rule's incident; `act` pages,
 * opens the war room or publishes to the status page (requested-actions.ts); `request` only records
 * a request on the timeline; `collect-logs` writes an evidence bundle; `remediate` runs a configured
 * HTTP call or command.
 */
export const ACTION_KINDS = ['declare', 'act', 'request', 'collect-logs', 'remediate'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_KIND: Record<TriggerActionName, ActionKind> = {
  create_incident: 'declare',
  create_security_incident: 'declare',
  page_oncall_engineer: 'act',
  update_status_page: 'act',
  start_war_room: 'act',
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
export const ACTION_EFFECTS = ['declares', 'acts', 'recorded-only', 'collects-logs', 'remediates'] as const;
export type ActionEffect = (typeof ACTION_EFFECTS)[number];

const EFFECT_OF_KIND: Record<ActionKind, ActionEffect> = {
  declare: 'declares',
  act: 'acts',
  request: 'recorded-only',
  'collect-logs': 'collects-logs',
  remediate: 'remediates',
};

/** In words, after the action in reports. */
export const ACTION_EFFECT_NOTE: Record<ActionEffect, string> = {
  declares: 'declares the incident (paging, war room and stakeholder messages follow from the configuration)',
  acts: "acts once per firing: pages through the service's escalation policy (or paging.default_escalation_policy), opens the war room (Slack), or publishes to the status page; the outcome goes on the timeline",
  'recorded-only': "recorded only: written on the incident's timeline as a request; the action itself sends nothing",
  'collects-logs': 'collects the log_collection sources into an evidence bundle',
  remediates: 'runs the detection.remediation entry of that name (skipped when none is configured)',
};

export function actionEffect(name: TriggerActionName): ActionEffect {
  return EFFECT_OF_KIND[ACTION_KIND[name]];
}
