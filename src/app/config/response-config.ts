import { DEFAULT_BUSINESS_CALENDAR, type BusinessCalendar } from '../../domain/calendar/index.js';
import { DEFAULT_SEVERITY_POLICY, type SeverityPolicy } from '../../domain/policy/index.js';
import { DEFAULT_WORKFLOWS, type WorkflowSet } from '../../domain/workflow/index.js';

export interface ServiceConfig {
  readonly name: string;
  readonly description?: string;
  readonly ownerTeam?: string;
}

/** Everything the use cases need from configuration, already validated. */
export interface ResponseConfig {
  readonly policy: SeverityPolicy;
  readonly calendar: BusinessCalendar;
  readonly workflows: WorkflowSet;
  /** Known services by id; empty = any service name is accepted. */
  readonly services: Readonly<Record<string, ServiceConfig>>;
  /** IANA zone the CLI shows times in (UTC unless configured). */
  readonly displayTimeZone: string;
}

/** The product with no configuration file: the severity table and workflows of the product description. */
export const DEFAULT_RESPONSE_CONFIG: ResponseConfig = {
  policy: DEFAULT_SEVERITY_POLICY,
  calendar: DEFAULT_BUSINESS_CALENDAR,
  workflows: DEFAULT_WORKFLOWS,
  services: {},
  displayTimeZone: 'UTC',
};
