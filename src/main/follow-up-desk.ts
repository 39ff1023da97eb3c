// Reviews, action items and tickets acting as one principal, answered as clients see them: the CLI's
// local desk and the HTTP routes are this one object, so both print the same.
import type { FollowUpDesk } from '../adapters/cli/index.js';
import { toActionItemDto, toReviewAgendaDto, toTicketDto, toTicketSyncDto } from '../app/follow-up/index.js';
import type { Principal } from '../domain/access/index.js';
import { isActionItemOverdue, type ActionItem } from '../domain/action-items/index.js';
import { epochMs } from '../domain/time/index.js';
import type { App } from './create-app.js';

export function openFollowUpDesk(app: App, principal: Principal): FollowUpDesk {
  const service = app.followUp;
  const zone = app.config.displayTimeZone;
  const item = (i: ActionItem) => toActionItemDto(i, isActionItemOverdue(i, epochMs(app.clock.now()), zone));
  const review = async (r: Promise<{ changed: boolean; agenda: Parameters<typeof toReviewAgendaDto>[0] }>) => {
    const { changed, agenda } = await r;
    return { changed, agenda: toReviewAgendaDto(agenda, zone) };
  };
  return {
    displayTimeZone: zone,
    agenda: async (id) => toReviewAgendaDto(await service.agenda(id, principal), zone),
    invite: (id) => service.invite(id, principal),
    scheduleReview: (id, input) => review(service.scheduleReview(id, input, principal)),
    noteReview: (id, text) => review(service.noteReview(id, text, principal)),
    decideReview: (id, text) => review(service.decideReview(id, text, principal)),
    finishReview: (id, summary) => review(service.finishReview(id, summary, principal)),
    listActionItems: async (filter) => (await service.listActionItems(filter, principal)).map((i) => toActionItemDto(i, i.isOverdue)),
    addActionItem: async (id, input) => item(await service.addActionItem(id, input, principal)),
    async updateActionItem(ref, patch) {
      const r = await service.updateActionItem(ref, patch, principal);
      return { changed: r.changed, item: item(r.item) };
    },
    importRcaActions: async (id) => (await service.importRcaActions(id, principal)).map(item),
    createTicket: async (id, system, itemRef) => toTicketDto(await service.createTicket(id, system, itemRef, principal)),
    syncTickets: async () => (await service.syncTickets(principal)).map(toTicketSyncDto),
  };
}
