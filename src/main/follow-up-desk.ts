// Wires reviews, action items and tickets for the CLI, acting as one principal.
import type { FollowUpDesk } from '../adapters/cli/index.js';
import type { ServerDeps } from '../adapters/http/index.js';
import { createTicketGateway } from '../adapters/tickets/index.js';
import { FollowUpService } from '../app/follow-up/index.js';
import type { Principal } from '../domain/access/index.js';
import type { App } from './create-app.js';

export function openFollowUpDesk(app: App, principal: Principal): FollowUpDesk {
  const service = new FollowUpService(app.store, app.incidents, app.clock, app.config, createTicketGateway(app.config.tickets, app.env, () => app.clock.now()));
  return {
    displayTimeZone: app.config.displayTimeZone,
    agenda: (id) => service.agenda(id, principal),
    invite: (id) => service.invite(id, principal),
    scheduleReview: (id, input) => service.scheduleReview(id, input, principal),
    noteReview: (id, text) => service.noteReview(id, text, principal),
    decideReview: (id, text) => service.decideReview(id, text, principal),
    finishReview: (id, summary) => service.finishReview(id, summary, principal),
    listActionItems: (filter) => service.listActionItems(filter, principal),
    addActionItem: (id, input) => service.addActionItem(id, input, principal),
    updateActionItem: (ref, patch) => service.updateActionItem(ref, patch, principal),
    importRcaActions: (id) => service.importRcaActions(id, principal),
    createTicket: (id, system, itemRef) => service.createTicket(id, system, itemRef, principal),
    syncTickets: () => service.syncTickets(principal),
  };
}

/** The same service for the HTTP API, acting as the caller. */
export function followUpEndpoints(app: App, principal: Principal): NonNullable<ServerDeps['followUpFor']> extends (p: Principal) => infer R ? R : never {
  const service = new FollowUpService(app.store, app.incidents, app.clock, app.config, createTicketGateway(app.config.tickets, app.env, () => app.clock.now()));
  return {
    displayTimeZone: app.config.displayTimeZone,
    agenda: (id) => service.agenda(id, principal),
    invite: (id) => service.invite(id, principal),
    listActionItems: (filter) => service.listActionItems(filter, principal),
  };
}
