import type { ActionItemPriority } from '../../domain/incident/index.js';
import type { AddressAllowList } from './detection-config.js';

/** Jira Cloud (`tickets.jira`): REST v3, basic auth with the account e-mail and an API token from the environment. */
export interface JiraTicketsConfig {
  /** https://your-site.atlassian.net, without a trailing slash. */
  readonly baseUrl: string;
  readonly projectKey: string;
  readonly issueType: string;
  readonly email: string;
  readonly apiTokenEnv: string;
  /** Jira priority names by severity / action-item priority; empty when priority mapping is off. */
  readonly priorities: Readonly<Partial<Record<ActionItemPriority, string>>>;
  /** Status category keys (or status names) that count as done. */
  readonly doneStatuses: readonly string[];
}

/** ServiceNow (`tickets.servicenow`): the Table API with basic auth, password from the environment. */
export interface ServiceNowTicketsConfig {
  /** https://your-instance.service-now.com, without a trailing slash. */
  readonly instanceUrl: string;
  /** incident or problem. */
  readonly table: 'incident' | 'problem';
  readonly username: string;
  readonly passwordEnv: string;
  readonly assignmentGroup?: string;
  /** `state` values that count as done. */
  readonly doneStates: readonly string[];
}

/** Any other ITSM (`tickets.webhook`): a JSON POST, signed per Standard Webhooks when a secret is named. */
export interface WebhookTicketsConfig {
  readonly url: string;
  /** Environment variable holding the whsec_… secret; without it requests are unsigned. */
  readonly signingSecretEnv?: string;
  readonly doneStatuses: readonly string[];
}

/** Where tickets for incidents and action items are created (`tickets:`); each system is optional. */
export interface TicketsConfig {
  readonly jira?: JiraTicketsConfig;
  readonly servicenow?: ServiceNowTicketsConfig;
  readonly webhook?: WebhookTicketsConfig;
  /** Private addresses a ticket request may be redirected to (the configured URLs' origins need none). */
  readonly allowPrivateAddresses?: AddressAllowList;
}
