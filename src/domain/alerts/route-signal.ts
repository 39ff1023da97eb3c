import type { Environment, IncidentType, Severity } from '../classification/index.js';
import { formatMatcher, matchesAll } from './label-matcher.js';
import type { LabelMatcher } from './label-matcher.js';

/** One row of the routing table: when every matcher holds, these values apply. */
export interface RoutingRule {
  readonly name?: string;
  readonly matchers: readonly LabelMatcher[];
  readonly severity?: Severity;
  readonly incidentType?: IncidentType;
  readonly environment?: Environment;
  readonly service?: string;
}

export interface RoutingTable {
  readonly rules: readonly RoutingRule[];
  readonly defaults: {
    readonly severity: Severity;
    readonly incidentType: IncidentType;
    readonly environment: Environment;
    readonly service?: string;
  };
}

export interface RoutedSignal {
  readonly severity: Severity;
  readonly incidentType: IncidentType;
  readonly environment: Environment;
  readonly service?: string;
  /** Index of the rule that matched, undefined when none did. */
  readonly ruleIndex?: number;
  readonly reason: string;
}

export interface RoutableSignal {
  readonly labels: Readonly<Record<string, string>>;
  readonly severity?: Severity;
  readonly incidentType?: IncidentType;
  readonly environment?: Environment;
  readonly service?: string;
}

/**
 * First matching rule wins. For each field the rule's value wins over what the source said, and what
 * the source said wins over the table's defaults. The service — the one the source named, else the
 * table's default (an integration's service) — is also matchable as the `service` label when the
 * labels do not carry one.
 */
export function routeSignal(signal: RoutableSignal, table: RoutingTable): RoutedSignal {
  const knownService = signal.service ?? table.defaults.service;
  const labels = knownService !== undefined && hasLabel(signal.labels, 'service') === false
    ? { ...signal.labels, service: knownService }
    : signal.labels;
  const index = table.rules.findIndex((r) => r.matchers.length > 0 && matchesAll(r.matchers, labels));
  const rule = index >= 0 ? table.rules[index] : undefined;
  const severity = rule?.severity ?? signal.severity ?? table.defaults.severity;
  const incidentType = rule?.incidentType ?? signal.incidentType ?? table.defaults.incidentType;
  const environment = rule?.environment ?? signal.environment ?? table.defaults.environment;
  const service = rule?.service ?? signal.service ?? table.defaults.service;
  const what = `severity=${severity}, type=${incidentType}, environment=${environment}${service !== undefined ? `, service=${service}` : ''}`;
  const reason = rule === undefined
    ? `no routing rule matched; ${what}`
    : `routed by rule ${rule.name !== undefined ? `"${rule.name}"` : `#${index + 1}`} (${rule.matchers.map(formatMatcher).join(', ')}): ${what}`;
  return { severity, incidentType, environment, ...(service !== undefined ? { service } : {}), ...(rule !== undefined ? { ruleIndex: index } : {}), reason };
}

function hasLabel(labels: Readonly<Record<string, string>>, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, name);
}
