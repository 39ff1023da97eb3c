import { z } from 'zod';
import type { JiraTicketsConfig, ServiceNowTicketsConfig, TicketsConfig, WebhookTicketsConfig } from '../../app/config/index.js';
import { DEFAULT_DONE_STATUSES } from '../../domain/action-items/index.js';
import { SEVERITIES } from '../../domain/classification/index.js';
import { unknownValueMessage } from '../../domain/errors/index.js';
import { DEFAULT_REVIEW_POLICY, type ReviewPolicy } from '../../domain/review/index.js';
import { expectedError } from './config-error-map.js';
import { cidrSchema } from './detection-schema.js';

const ENV_NAME_PATTERN = /^[A-Z_][A-Z0-9_]*$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The product description's integration example: `priority_mapping: true` maps severity to Jira's priorities. */
export const DEFAULT_JIRA_PRIORITIES = { critical: 'Highest', high: 'High', medium: 'Medium', low: 'Low' } as const;

function text() {
  return z.string({ error: expectedError('text') }).trim().min(1, 'must not be empty');
}

function envName(example: string, description: string) {
  return z
    .string({ error: expectedError(`the name of an environment variable such as ${example}`) })
    .regex(ENV_NAME_PATTERN, `give the name of an environment variable (capital letters, digits and "_", e.g. ${example}), not the secret itself`)
    .meta({ description, examples: [example] });
}

function baseUrl(example: string, description: string) {
  return z
    .string({ error: expectedError(`a URL such as ${example}`) })
    .refine((u) => /^https?:\/\//.test(u) && URL.canParse(u), `expected an http(s) URL such as ${example}`)
    .transform((u) => u.replace(/\/+$/, ''))
    .meta({ description, examples: [example] });
}

/** `reviews:` — which severities need a post-incident review, and within how many business days of resolution. */
export function reviewsSchema() {
  return z
    .strictObject({
      required_for: z
        .array(z.enum(SEVERITIES, { error: (iss) => unknownValueMessage('severity', String(iss.input), SEVERITIES) }), { error: expectedError('a list of severities such as [critical, high]') })
        .meta({ description: `Severities whose incidents close only after their review is done. Default: [${DEFAULT_REVIEW_POLICY.requiredFor.join(', ')}].` })
        .optional(),
      within_business_days: z
        .number({ error: expectedError('a number of business days such as 5') })
        .int('a whole number of business days')
        .min(1, 'at least 1 business day')
        .max(60, 'at most 60 business days')
        .meta({ description: `Business days (of business_hours) after resolution by which the review is due. Default: ${DEFAULT_REVIEW_POLICY.withinBusinessDays}.` })
        .optional(),
    })
    .meta({ description: 'Post-incident reviews (docs/reviews.md).' })
    .transform((r): ReviewPolicy => ({
      requiredFor: r.required_for ?? DEFAULT_REVIEW_POLICY.requiredFor,
      withinBusinessDays: r.within_business_days ?? DEFAULT_REVIEW_POLICY.withinBusinessDays,
    }));
}

const jiraSchema = z
  .strictObject({
    base_url: baseUrl('https://example.atlassian.net', 'Your Jira Cloud site.'),
    project_key: z
      .string({ error: expectedError('a Jira project key such as INC') })
      .regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'a Jira project key is 2-10 capital letters, digits or "_", starting with a letter (e.g. INC)')
      .meta({ description: 'The project tickets are created in.' }),
    issue_type: text().meta({ description: 'Issue type name. Default: Task.' }).optional(),
    email: z.string({ error: expectedError('an e-mail address') }).trim().regex(EMAIL_PATTERN, 'expected an e-mail address such as bot@example.com').meta({ description: 'The Atlassian account the API token belongs to.' }),
    api_token_env: envName('JIRA_API_TOKEN', 'Environment variable holding the API token.'),
    priority_mapping: z.boolean({ error: expectedError('true or false') }).meta({ description: 'Set priority from severity (Highest, High, Medium, Low). Default: true.' }).optional(),
    priorities: z
      .strictObject(Object.fromEntries(SEVERITIES.map((s) => [s, text().optional()])) as Record<(typeof SEVERITIES)[number], z.ZodOptional<ReturnType<typeof text>>>)
      .meta({ description: 'Jira priority names per severity, overriding the defaults.' })
      .optional(),
    done_statuses: z.array(text()).meta({ description: 'Status category keys or status names that count as done. Default: [done].' }).optional(),
    auto_create: z.array(z.enum(SEVERITIES, { error: expectedError(`a severity: ${SEVERITIES.join(', ')}`) }), { error: expectedError('a list of severities such as [critical, high]') })
      .meta({ description: 'Open an issue when an incident of these severities is declared, keep its status in step and link it back. Default: none.' }).optional(),
    done_transition: text().meta({ description: 'The transition (or its target status) that closes the issue when the incident resolves. Default: the first into a done status.' }).optional(),
    resolution: text().meta({ description: 'The resolution set when closing (e.g. Done), for workflows whose close screen asks for one.' }).optional(),
  })
  .transform((j): JiraTicketsConfig => ({
    baseUrl: j.base_url,
    projectKey: j.project_key,
    issueType: j.issue_type ?? 'Task',
    email: j.email,
    apiTokenEnv: j.api_token_env,
    priorities: j.priority_mapping === false ? {} : { ...DEFAULT_JIRA_PRIORITIES, ...Object.fromEntries(Object.entries(j.priorities ?? {}).filter(([, v]) => v !== undefined)) },
    doneStatuses: j.done_statuses ?? DEFAULT_DONE_STATUSES.jira,
    autoCreateFor: j.auto_create ?? [],
    ...(j.done_transition !== undefined ? { doneTransition: j.done_transition } : {}),
    ...(j.resolution !== undefined ? { resolution: j.resolution } : {}),
  }));

const serviceNowSchema = z
  .strictObject({
    instance_url: baseUrl('https://example.service-now.com', 'Your ServiceNow instance.'),
    table: z.enum(['incident', 'problem']).meta({ description: 'Create incident or problem records. Default: incident.' }).optional(),
    username: text().meta({ description: 'The integration user.' }),
    password_env: envName('SERVICENOW_PASSWORD', 'Environment variable holding its password.'),
    assignment_group: text().meta({ description: 'Assignment group (name or sys_id) set on created records.' }).optional(),
    done_states: z.array(text()).meta({ description: 'state values that count as done. Default: 6, 7, 8 (incident), 106, 107 (problem).' }).optional(),
  })
  .transform((s): ServiceNowTicketsConfig => ({
    instanceUrl: s.instance_url,
    table: s.table ?? 'incident',
    username: s.username,
    passwordEnv: s.password_env,
    ...(s.assignment_group === undefined ? {} : { assignmentGroup: s.assignment_group }),
    doneStates: s.done_states ?? DEFAULT_DONE_STATUSES.servicenow,
  }));

type RemedyTicketsConfig = NonNullable<TicketsConfig['remedy']>;
type CherwellTicketsConfig = NonNullable<TicketsConfig['cherwell']>;

const remedySchema = z
  .strictObject({
    base_url: baseUrl('https://example-restapi.onbmc.com', 'The AR System REST API server of your Helix ITSM / Remedy (the /api/jwt/login and /api/arsys/v1 host).'),
    username: text().meta({ description: 'The integration user (an AR login).' }),
    password_env: envName('REMEDY_PASSWORD', 'Environment variable holding its password.'),
    first_name: text().meta({ description: 'First_Name of the customer incidents are raised for (a person in Remedy, e.g. an integration account).' }),
    last_name: text().meta({ description: 'Last_Name of that customer.' }),
    service_type: z.enum(['User Service Restoration', 'User Service Request', 'Infrastructure Restoration', 'Infrastructure Event']).meta({ description: 'Service_Type. Default: Infrastructure Event.' }).optional(),
    reported_source: text().meta({ description: 'Reported Source. Default: Systems Management.' }).optional(),
    assigned_group: text().meta({ description: 'Assigned Group set on created incidents.' }).optional(),
    company: text().meta({ description: 'Company set on created incidents.' }).optional(),
    done_statuses: z.array(text()).meta({ description: 'Status values that count as done. Default: Resolved, Closed, Cancelled.' }).optional(),
  })
  .transform((r): RemedyTicketsConfig => ({
    baseUrl: r.base_url,
    username: r.username,
    passwordEnv: r.password_env,
    firstName: r.first_name,
    lastName: r.last_name,
    serviceType: r.service_type ?? 'Infrastructure Event',
    reportedSource: r.reported_source ?? 'Systems Management',
    ...(r.assigned_group === undefined ? {} : { assignedGroup: r.assigned_group }),
    ...(r.company === undefined ? {} : { company: r.company }),
    doneStatuses: r.done_statuses ?? DEFAULT_DONE_STATUSES.remedy,
  }));

const cherwellSchema = z
  .strictObject({
    base_url: baseUrl('https://cherwell.example.com/CherwellAPI', 'The CherwellAPI root of your server (where /token and /api/V1 are).'),
    username: text().meta({ description: 'The integration user.' }),
    password_env: envName('CHERWELL_PASSWORD', 'Environment variable holding its password.'),
    client_id_env: envName('CHERWELL_CLIENT_ID', 'Environment variable holding the REST API client id (Cherwell Administrator → Security → Edit REST API client settings).'),
    business_object: text().meta({ description: 'Business object tickets are saved as. Default: Incident.' }).optional(),
    fields: z.record(z.string(), z.union([z.string(), z.number().transform(String)])).meta({ description: 'Further fields set on every ticket, by field name (e.g. { CustomerRecID: "9365…", Service: "Email", Category: "Outage" }).' }).optional(),
    done_statuses: z.array(text()).meta({ description: 'Status values that count as done. Default: Resolved, Closed, Cancelled.' }).optional(),
  })
  .transform((c): CherwellTicketsConfig => ({
    baseUrl: c.base_url,
    username: c.username,
    passwordEnv: c.password_env,
    clientIdEnv: c.client_id_env,
    businessObject: c.business_object ?? 'Incident',
    fields: c.fields ?? {},
    doneStatuses: c.done_statuses ?? DEFAULT_DONE_STATUSES.cherwell,
  }));

const webhookSchema = z
  .strictObject({
    url: baseUrl('https://itsm.example.com/hooks/incident-response', 'Where ticket requests are POSTed (an in-house ITSM; Remedy and Cherwell have their own adapters).'),
    signing_secret_env: envName('ITSM_WEBHOOK_SECRET', 'Environment variable holding a Standard Webhooks secret (whsec_…); requests are signed when set.').optional(),
    done_statuses: z.array(text()).meta({ description: 'Statuses that count as done. Default: done, resolved, closed, cancelled.' }).optional(),
  })
  .transform((w): WebhookTicketsConfig => ({
    url: w.url,
    ...(w.signing_secret_env === undefined ? {} : { signingSecretEnv: w.signing_secret_env }),
    doneStatuses: w.done_statuses ?? DEFAULT_DONE_STATUSES.webhook,
  }));

/** `tickets:` — Jira, ServiceNow and a generic ITSM webhook; secrets are named by environment variable only. */
export function ticketsSchema() {
  return z
    .strictObject({
      jira: jiraSchema.optional(),
      servicenow: serviceNowSchema.optional(),
      remedy: remedySchema.optional(),
      cherwell: cherwellSchema.optional(),
      webhook: webhookSchema.optional(),
      allow_private_addresses: z.array(cidrSchema, { error: expectedError('a list of addresses or CIDR ranges such as [10.0.0.0/8]') }).optional()
        .meta({ description: 'Loopback, private and link-local addresses a ticket request may be redirected to (refused otherwise). The origins of the configured URLs need no entry.' }),
    })
    .meta({ description: 'Ticket systems for incidents and action items (docs/reviews.md, docs/integrations.md).' })
    .transform((t): TicketsConfig => ({
      ...(t.jira ? { jira: t.jira } : {}),
      ...(t.servicenow ? { servicenow: t.servicenow } : {}),
      ...(t.remedy ? { remedy: t.remedy } : {}),
      ...(t.cherwell ? { cherwell: t.cherwell } : {}),
      ...(t.webhook ? { webhook: t.webhook } : {}),
      ...(t.allow_private_addresses === undefined ? {} : { allowPrivateAddresses: t.allow_private_addresses }),
    }));
}
