import type { Severity } from '../../domain/classification/index.js';
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
  /** Severities whose incidents get an issue when declared (`auto_create`); empty: only by hand. */
  readonly autoCreateFor: readonly Severity[];
  /** The transition (or its target status) that closes an issue when the incident resolves; default: the first into a done status. */
  readonly doneTransition?: string;
  /** The resolution set when closing (e.g. "Done"), for workflows whose close screen asks for one. */
  readonly resolution?: string;
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

/** BMC Helix ITSM / Remedy (`tickets.remedy`): the AR System REST API, a JWT from the user's password. */
export interface RemedyTicketsConfig {
  /** The AR REST server (https://your-tenant-restapi.onbmc.com), without a trailing slash. */
  readonly baseUrl: string;
  readonly username: string;
  readonly passwordEnv: string;
  /** The customer the incident is raised for (a person record in Remedy). */
  readonly firstName: string;
  readonly lastName: string;
  readonly serviceType: string;
  readonly reportedSource: string;
  readonly assignedGroup?: string;
  readonly company?: string;
  /** Status values that count as done. */
  readonly doneStatuses: readonly string[];
}

/** Cherwell Service Management (`tickets.cherwell`): the REST API with a password-grant token. */
export interface CherwellTicketsConfig {
  /** The CherwellAPI root (https://cherwell.example.com/CherwellAPI), without a trailing slash. */
  readonly baseUrl: string;
  readonly username: string;
  readonly passwordEnv: string;
  /** The REST API client id (Cherwell Administrator → Security → REST API client settings). */
  readonly clientIdEnv: string;
  /** The business object tickets are saved as. */
  readonly businessObject: string;
  /** Further fields set on every ticket, by field name (e.g. CustomerRecID, Service, Category). */
  readonly fields: Readonly<Record<string, string>>;
  readonly doneStatuses: readonly string[];
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
  readonly remedy?: RemedyTicketsConfig;
  readonly cherwell?: CherwellTicketsConfig;
  readonly webhook?: WebhookTicketsConfig;
  /** Private addresses a ticket request may be redirected to (the configured URLs' origins need none). */
  readonly allowPrivateAddresses?: AddressAllowList;
}
