import type { Environment, IncidentType, PublicStatus, Severity } from '../classification/index.js';

/** The actions a trigger may run when it fires, named as in the product description. */
export const TRIGGER_ACTION_NAMES = [
  'create_incident',
  'page_oncall_engineer',
  'update_status_page',
  'start_war_room',
  'create_security_incident',
  'alert_security_team',
  'begin_log_collection',
  'isolate_suspicious_sources',
  'failover',
  'reroute_traffic',
  'scale',
] as const;
export type TriggerActionName = (typeof TRIGGER_ACTION_NAMES)[number];

export type TriggerAction =
  | {
      readonly name: 'create_incident';
      readonly severity: Severity;
      readonly type?: IncidentType;
      readonly environment?: Environment;
      readonly service?: string;
      readonly title?: string;
    }
  | { readonly name: 'page_oncall_engineer'; readonly service?: string }
  | {
      readonly name: 'update_status_page';
      readonly status: PublicStatus;
      readonly message?: string;
      /** The public title (the incident's own title when absent; required for security incidents). */
      readonly title?: string;
      /** Status page component ids, comma-separated (the incident's service when it names a component). */
      readonly components?: string;
    }
  | { readonly name: 'start_war_room' }
  | {
      readonly name: 'create_security_incident';
      readonly severity?: Severity;
      readonly environment?: Environment;
      readonly service?: string;
      readonly title?: string;
    }
  | { readonly name: 'alert_security_team' }
  | { readonly name: 'begin_log_collection' }
  | { readonly name: 'isolate_suspicious_sources' }
  /** Remediations whose HTTP call or command is configured under detection.remediation. */
  | { readonly name: 'failover' }
  | { readonly name: 'reroute_traffic' }
  | { readonly name: 'scale' };

export const ACTION_PARAM_KINDS = ['severity', 'incident-type', 'environment', 'public-status', 'text'] as const;
export type ActionParamKind = (typeof ACTION_PARAM_KINDS)[number];

export interface ActionParam {
  readonly name: string;
  readonly kind: ActionParamKind;
  readonly isRequired: boolean;
}

const param = (name: string, kind: ActionParamKind, isRequired = false): ActionParam => ({ name, kind, isRequired });

/** Each action's parameters in positional order: `update_status_page('investigating')` sets `status`. */
export const ACTION_PARAMS: Record<TriggerActionName, readonly ActionParam[]> = {
  create_incident: [param('severity', 'severity', true), param('type', 'incident-type'), param('environment', 'environment'), param('service', 'text'), param('title', 'text')],
  page_oncall_engineer: [param('service', 'text')],
  update_status_page: [param('status', 'public-status', true), param('message', 'text'), param('title', 'text'), param('components', 'text')],
  start_war_room: [],
  create_security_incident: [param('severity', 'severity'), param('environment', 'environment'), param('service', 'text'), param('title', 'text')],
  alert_security_team: [],
  begin_log_collection: [],
  isolate_suspicious_sources: [],
  failover: [],
  reroute_traffic: [],
  scale: [],
};

/** The canonical call: `create_incident(severity='critical', type='outage')`. */
export function formatAction(action: TriggerAction): string {
  const values = action as unknown as Readonly<Record<string, string | undefined>>;
  const args = ACTION_PARAMS[action.name]
    .filter((p) => values[p.name] !== undefined)
    .map((p) => `${p.name}='${String(values[p.name]).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
  return `${action.name}(${args.join(', ')})`;
}
