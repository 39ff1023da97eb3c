import type { TicketsConfig } from '../../app/config/index.js';
import type { TicketLinker } from '../../app/ports/index.js';
import { AddressGuard } from '../outbound-net/index.js';
import { JiraTickets } from './jira-tickets.js';

/** Links back from the systems that have them (Jira remote links), through the outbound guard. */
export function createTicketLinker(config: TicketsConfig | undefined, env: Readonly<Record<string, string | undefined>>): TicketLinker {
  const guard = new AddressGuard(config?.allowPrivateAddresses ?? [], 'tickets.allow_private_addresses', config?.jira ? [config.jira.baseUrl] : []);
  const jira = config?.jira ? new JiraTickets(config.jira, env, guard) : undefined;
  return {
    systems: jira ? ['jira'] : [],
    linkBack: async (system, key, link) => {
      if (system !== 'jira' || jira === undefined) throw new Error(`${system} tickets cannot link back`);
      await jira.linkBack(key, link);
    },
  };
}
