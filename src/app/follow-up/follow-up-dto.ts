// Reviews, action items and tickets as clients see them (API and CLI --json alike): ISO times, null for absent.
import type { ActionItem, TicketLink } from '../../domain/action-items/index.js';
import { formatReviewAgenda, type ReviewAgenda } from '../../domain/review/index.js';
import type { ActionItemView, TicketSyncResult } from './follow-up-service.js';

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

export interface TicketDto {
  readonly incidentId: string;
  /** The action item it tracks; null for a ticket of the incident itself. */
  readonly itemId: string | null;
  readonly system: string;
  readonly key: string;
  readonly url: string | null;
  readonly status: string;
  readonly isDone: boolean;
  readonly linkedAt: string;
  readonly syncedAt: string | null;
}

export interface ActionItemDto {
  readonly ref: string;
  readonly incidentId: string;
  readonly title: string;
  readonly category: string;
  readonly priority: string;
  readonly status: string;
  readonly owner: string | null;
  readonly dueOn: string | null;
  readonly isOverdue: boolean;
  readonly source: string;
  readonly createdAt: string;
  readonly closedAt: string | null;
  readonly tickets: readonly TicketDto[];
}

export interface ReviewAgendaDto {
  readonly incidentId: string;
  readonly title: string;
  readonly severity: string;
  readonly isRequired: boolean;
  readonly dueAt: string | null;
  readonly startsAt: string | null;
  readonly durationMinutes: number;
  readonly attendees: readonly { readonly name: string; readonly email: string | null }[];
  readonly sections: readonly { readonly title: string; readonly minutes: number; readonly startsAt: string | null; readonly points: readonly string[]; readonly facts: readonly string[] }[];
  readonly notes: readonly { readonly at: string; readonly by: string; readonly text: string }[];
  readonly decisions: readonly { readonly at: string; readonly by: string; readonly text: string }[];
  readonly doneAt: string | null;
  readonly doneBy: string | null;
  readonly summary: string | null;
  /** The agenda as plain text, times in the display time zone. */
  readonly text: string;
}

export interface TicketSyncDto {
  readonly ticket: TicketDto;
  readonly status: string;
  readonly isDone: boolean;
  readonly changed: boolean;
  readonly closedItem: string | null;
  readonly error: string | null;
}

export function toTicketDto(t: TicketLink): TicketDto {
  return {
    incidentId: t.incidentId, itemId: t.itemId ?? null, system: t.system, key: t.key, url: t.url ?? null, status: t.status, isDone: t.isDone,
    linkedAt: iso(t.linkedAt)!, syncedAt: iso(t.syncedAt),
  };
}

/** An item as clients see it; `isOverdue` as judged in the display time zone (isActionItemOverdue). */
export function toActionItemDto(i: ActionItem | ActionItemView, isOverdue: boolean): ActionItemDto {
  return {
    ref: i.ref, incidentId: i.incidentId, title: i.title, category: i.category, priority: i.priority, status: i.status,
    owner: i.owner ?? null, dueOn: i.dueOn ?? null, isOverdue, source: i.source, createdAt: iso(i.createdAt)!, closedAt: iso(i.closedAt),
    tickets: i.tickets.map(toTicketDto),
  };
}

export function toReviewAgendaDto(a: ReviewAgenda, zone: string): ReviewAgendaDto {
  const s = a.review.scheduled;
  return {
    incidentId: a.incidentId, title: a.title, severity: a.severity, isRequired: a.isRequired, dueAt: iso(a.dueAt),
    startsAt: iso(a.startsAt), durationMinutes: a.durationMinutes,
    attendees: (s?.attendees ?? []).map((x) => ({ name: x.name, email: x.email ?? null })),
    sections: a.sections.map((x) => ({ title: x.title, minutes: x.minutes, startsAt: iso(x.startsAt), points: [...x.points], facts: [...x.facts] })),
    notes: a.review.notes.map((n) => ({ at: iso(n.at)!, by: n.by, text: n.text })),
    decisions: a.review.decisions.map((n) => ({ at: iso(n.at)!, by: n.by, text: n.text })),
    doneAt: iso(a.review.doneAt), doneBy: a.review.doneBy ?? null, summary: a.review.summary ?? null,
    text: formatReviewAgenda(a, zone),
  };
}

export function toTicketSyncDto(r: TicketSyncResult): TicketSyncDto {
  return { ticket: toTicketDto(r.ticket), status: r.status, isDone: r.isDone, changed: r.changed, closedItem: r.closedItem ?? null, error: r.error ?? null };
}
