import type { TicketsConfig } from '../../app/config/index.js';
import type { TicketGateway } from '../../app/ports/index.js';
import type { TicketSystem } from '../../domain/incident/index.js';
import { JiraTickets } from './jira-tickets.js';
import { ServiceNowTickets } from './servicenow-tickets.js';
import { WebhookTickets } from './webhook-tickets.js';

/** The configured ticket systems behind one gateway; secrets are read from `env` when a request needs them. */
export function createTicketGateway(config: TicketsConfig | undefined, env: Readonly<Record<string, string | undefined>>, nowMs: () => number): TicketGateway {
  const jira = config?.jira ? new JiraTickets(config.jira, env) : undefined;
  const servicenow = config?.servicenow ? new ServiceNowTickets(config.servicenow, env) : undefined;
  const webhook = config?.webhook ? new WebhookTickets(config.webhook, env, () => Math.floor(nowMs() / 1000)) : undefined;
  const systems: TicketSystem[] = [...(jira ? ['jira' as const] : []), ...(servicenow ? ['servicenow' as const] : []), ...(webhook ? ['webhook' as const] : [])];
  const missing = (system: TicketSystem): never => {
    throw new Error(`${system} is not configured`);
  };
  return {
    systems,
    create: (system, request) => {
      switch (system) {
        case 'jira': return (jira ?? missing(system)).create(request);
        case 'servicenow': return (servicenow ?? missing(system)).create(request);
        case 'webhook': return (webhook ?? missing(system)).create(request);
      }
    },
    readStatus: (system, ticket) => {
      switch (system) {
        case 'jira': return (jira ?? missing(system)).readStatus(ticket.key);
        case 'servicenow': return (servicenow ?? missing(system)).readStatus(ticket);
        case 'webhook': return (webhook ?? missing(system)).readStatus(ticket.key);
      }
    },
  };
}
