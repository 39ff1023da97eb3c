import type { TicketsConfig } from '../../app/config/index.js';
import type { TicketGateway } from '../../app/ports/index.js';
import type { TicketSystem } from '../../domain/incident/index.js';
import { AddressGuard } from '../outbound-net/index.js';
import { CherwellTickets } from './cherwell-tickets.js';
import { JiraTickets } from './jira-tickets.js';
import { RemedyTickets } from './remedy-tickets.js';
import { ServiceNowTickets } from './servicenow-tickets.js';
import { WebhookTickets } from './webhook-tickets.js';

/**
 * The configured ticket systems behind one gateway; secrets are read from `env` when a request needs
 * them. Requests go through the SSRF guard: the configured URLs' origins as written (an internal Jira
 * is normal), a redirect anywhere else checked against tickets.allow_private_addresses.
 */
export function createTicketGateway(config: TicketsConfig | undefined, env: Readonly<Record<string, string | undefined>>, nowMs: () => number): TicketGateway {
  const configuredUrls = [config?.jira?.baseUrl, config?.servicenow?.instanceUrl, config?.remedy?.baseUrl, config?.cherwell?.baseUrl, config?.webhook?.url].filter((u): u is string => u !== undefined);
  const guard = new AddressGuard(config?.allowPrivateAddresses ?? [], 'tickets.allow_private_addresses', configuredUrls);
  const jira = config?.jira ? new JiraTickets(config.jira, env, guard) : undefined;
  const servicenow = config?.servicenow ? new ServiceNowTickets(config.servicenow, env, guard) : undefined;
  const remedy = config?.remedy ? new RemedyTickets(config.remedy, env, guard) : undefined;
  const cherwell = config?.cherwell ? new CherwellTickets(config.cherwell, env, guard) : undefined;
  const webhook = config?.webhook ? new WebhookTickets(config.webhook, env, () => Math.floor(nowMs() / 1000), guard) : undefined;
  const systems: TicketSystem[] = [...(jira ? ['jira' as const] : []), ...(servicenow ? ['servicenow' as const] : []), ...(remedy ? ['remedy' as const] : []), ...(cherwell ? ['cherwell' as const] : []), ...(webhook ? ['webhook' as const] : [])];
  const missing = (system: TicketSystem): never => {
    throw new Error(`${system} is not configured`);
  };
  return {
    systems,
    create: (system, request) => {
      switch (system) {
        case 'jira': return (jira ?? missing(system)).create(request);
        case 'servicenow': return (servicenow ?? missing(system)).create(request);
        case 'remedy': return (remedy ?? missing(system)).create(request);
        case 'cherwell': return (cherwell ?? missing(system)).create(request);
        case 'webhook': return (webhook ?? missing(system)).create(request);
      }
    },
    readStatus: (system, ticket) => {
      switch (system) {
        case 'jira': return (jira ?? missing(system)).readStatus(ticket.key);
        case 'servicenow': return (servicenow ?? missing(system)).readStatus(ticket);
        case 'remedy': return (remedy ?? missing(system)).readStatus(ticket);
        case 'cherwell': return (cherwell ?? missing(system)).readStatus(ticket);
        case 'webhook': return (webhook ?? missing(system)).readStatus(ticket.key);
      }
    },
  };
}
