import type { TimelineEntryDto } from '../../app/incidents/index.js';

/** One person reached (or not) by one method in an escalation step, as its latest delivery record says. */
export interface PagingAttempt {
  readonly who: string;
  readonly via: string;
  /** delivered, failed, cancelled, bundled, endpoint-disabled; `pending` while no record came back; `unreachable` when no method could be used. */
  readonly status: string;
  readonly detail: string;
}

/** An escalation step with its attempts, and the raw records behind them (shown on demand). */
export interface PagingStepLine {
  readonly label: string;
  readonly at: string;
  readonly attempts: readonly PagingAttempt[];
  readonly entries: readonly TimelineEntryDto[];
  readonly hasFailure: boolean;
}

/** The kinds the paging summary gathers; the room's timeline shows them only under its "Pages & deliveries" filter. */
export const PAGING_KINDS: ReadonlySet<string> = new Set(['escalation-started', 'escalation-step', 'escalation-stopped', 'message-delivery']);

const FAILED: ReadonlySet<string> = new Set(['failed', 'endpoint-disabled', 'unreachable']);

/**
 * Collapses an incident's paging records into one line per escalation step: whom the step paged,
 * how, and how each page ended (the latest delivery record of that person and method after the
 * step). Messages not tied to a step (update reminders, war-room posts) form a last line.
 */
export function summarisePaging(timeline: readonly TimelineEntryDto[]): PagingStepLine[] {
  interface Step { label: string; at: string; planned: { who: string; via: string }[]; unreachable: string[]; entries: TimelineEntryDto[]; latest: Map<string, TimelineEntryDto> }
  const steps: Step[] = [];
  const loose: TimelineEntryDto[] = [];
  const key = (who: unknown, via: unknown) => `${String(who)}\u0000${String(via)}`;
  for (const e of timeline) {
    const d = e.data;
    if (e.kind === 'escalation-step') {
      const recipients = Array.isArray(d['recipients']) ? (d['recipients'] as { personName?: unknown; via?: unknown }[]) : [];
      const repeat = Number(d['repeat'] ?? 0);
      steps.push({
        label: `step ${Number(d['step']) + 1}${repeat > 0 ? ` (repeat ${repeat})` : ''}`,
        at: e.at,
        planned: recipients.map((r) => ({ who: String(r.personName), via: String(r.via) })),
        unreachable: Array.isArray(d['unreachable']) ? (d['unreachable'] as unknown[]).map(String) : [],
        entries: [e],
        latest: new Map(),
      });
    } else if (e.kind === 'message-delivery') {
      // A page belongs to the latest step that paged that person that way (its record may come after the next step fired).
      const k = key(d['recipient'], d['channel']);
      const step = d['purpose'] === 'page' ? [...steps].reverse().find((s) => s.planned.some((p) => key(p.who, p.via) === k)) ?? steps[steps.length - 1] : undefined;
      if (step === undefined) loose.push(e);
      else {
        step.entries.push(e);
        step.latest.set(k, e);
      }
    } else if (PAGING_KINDS.has(e.kind)) {
      steps[steps.length - 1]?.entries.push(e);
    }
  }
  const attempt = (who: string, via: string, record: TimelineEntryDto | undefined): PagingAttempt => ({
    who, via, status: record === undefined ? 'pending' : String(record.data['status']), detail: record === undefined ? '' : String(record.data['detail'] ?? ''),
  });
  const lines: PagingStepLine[] = steps.map((s) => {
    const attempts = s.planned.map((p) => attempt(p.who, p.via, s.latest.get(key(p.who, p.via))));
    for (const [k, record] of s.latest) {
      if (!s.planned.some((p) => key(p.who, p.via) === k)) attempts.push(attempt(String(record.data['recipient']), String(record.data['channel']), record));
    }
    for (const u of s.unreachable) attempts.push({ who: u, via: '', status: 'unreachable', detail: '' });
    return { label: s.label, at: s.at, attempts, entries: s.entries, hasFailure: attempts.some((a) => FAILED.has(a.status)) };
  });
  if (loose.length > 0) {
    const attempts = loose.map((e) => attempt(String(e.data['recipient']), `${String(e.data['channel'])} (${String(e.data['purpose'])})`, e));
    lines.push({ label: 'other messages', at: loose[0]!.at, attempts, entries: loose, hasFailure: attempts.some((a) => FAILED.has(a.status)) });
  }
  return lines;
}
