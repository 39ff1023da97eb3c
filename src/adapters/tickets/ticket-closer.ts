import type { TicketsConfig } from '../../app/config/index.js';
import type { SyncOutcome, TicketCloser } from '../../app/integrations/index.js';
import { isAppError } from '../../domain/errors/index.js';
import { AddressGuard } from '../outbound-net/index.js';
import { CherwellTickets } from './cherwell-tickets.js';
import { JiraTickets } from './jira-tickets.js';
import { RemedyTickets } from './remedy-tickets.js';

/**
 * Closure sync for the ticket systems that have it (Remedy, Cherwell, and Jira when it opens issues
 * automatically: tickets.jira.auto_create): resolving the incident resolves its tickets there. A
 * ticket already finished is left alone; rate limits and server errors are worth retrying, a
 * refusal (401, 400) is not.
 */
export function createTicketCloser(config: TicketsConfig | undefined, env: Readonly<Record<string, string | undefined>>): TicketCloser {
  const configuredUrls = [config?.remedy?.baseUrl, config?.cherwell?.baseUrl, config?.jira?.baseUrl].filter((u): u is string => u !== undefined);
  const guard = new AddressGuard(config?.allowPrivateAddresses ?? [], 'tickets.allow_private_addresses', configuredUrls);
  const remedy = config?.remedy ? new RemedyTickets(config.remedy, env, guard) : undefined;
  const cherwell = config?.cherwell ? new CherwellTickets(config.cherwell, env, guard) : undefined;
  const jira = config?.jira !== undefined && config.jira.autoCreateFor.length > 0 ? new JiraTickets(config.jira, env, guard) : undefined;
  return {
    systems: [...(remedy ? ['remedy' as const] : []), ...(cherwell ? ['cherwell' as const] : []), ...(jira ? ['jira' as const] : [])],
    close: async (system, ticket, resolution): Promise<SyncOutcome> => {
      if (system === 'jira' && jira !== undefined) return closeJira(jira, ticket.key);
      const adapter = system === 'remedy' ? remedy : system === 'cherwell' ? cherwell : undefined;
      if (adapter === undefined) return { kind: 'failed', reason: `${system} tickets have no closure sync` };
      try {
        const before = await adapter.readStatus(ticket);
        if (before.isDone) return { kind: 'unchanged' };
        const after = await adapter.resolve(ticket, resolution);
        return { kind: 'done', detail: `${system === 'remedy' ? 'Remedy' : 'Cherwell'} ticket ${ticket.key} set to ${after.status}` };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const isRetryable = isAppError(error) && (error.code === 'RATE_LIMITED' || / answered 5\d\d | could not be reached /.test(message));
        return { kind: isRetryable ? 'retry' : 'failed', reason: message };
      }
    },
  };
}

/** Jira: through the transitions into a done status (tickets.jira.done_transition). */
async function closeJira(jira: JiraTickets, key: string): Promise<SyncOutcome> {
  try {
    const before = await jira.readStatus(key);
    if (before.isDone) return { kind: 'unchanged' };
    const after = await jira.close(key);
    return { kind: 'done', detail: `Jira issue ${key} moved to ${after.status}` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const isRetryable = isAppError(error) && (error.code === 'RATE_LIMITED' || / answered 5\d\d | could not be reached /.test(message));
    return { kind: isRetryable ? 'retry' : 'failed', reason: message };
  }
}
