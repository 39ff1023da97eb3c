import { DateTime } from 'luxon';
import { SEVERITY_LABEL, type Severity } from '../classification/index.js';
import type { ReviewAttendee } from '../incident/index.js';
import type { RcaDocument } from '../rca/index.js';
import { RCA_ACTION_TAG } from '../rca/index.js';
import { durationMs, epochMs, formatDuration, MINUTE, type EpochMs } from '../time/index.js';
import type { ReviewRecord } from './review-record.js';

/** The five parts of the product's PIR agenda and their minutes (60 in all). */
export const REVIEW_AGENDA_SECTIONS = [
  { key: 'overview', title: 'Incident Overview', minutes: 10, points: ['Timeline and impact summary', 'Response effectiveness evaluation', 'Communication assessment'] },
  { key: 'root-cause', title: 'Root Cause Analysis', minutes: 20, points: ['Technical root cause discussion', 'Contributing factors review', 'Detection and response gaps'] },
  { key: 'action-items', title: 'Action Items', minutes: 15, points: ['Immediate remediation tasks', 'Process improvements', 'Technology enhancements', 'Responsibility assignments'] },
  { key: 'learning', title: 'Learning and Knowledge Sharing', minutes: 10, points: ['Key lessons learned', 'Best practices identified', 'Knowledge transfer needs', 'Documentation updates'] },
  { key: 'follow-up', title: 'Follow-up Planning', minutes: 5, points: ['Action item tracking', 'Progress review schedule', 'Success metrics definition'] },
] as const;

export interface AgendaSection {
  readonly title: string;
  readonly minutes: number;
  /** When this part starts, if the review is scheduled. */
  readonly startsAt: EpochMs | undefined;
  readonly points: readonly string[];
  /** The incident's facts for this part. */
  readonly facts: readonly string[];
}

/** An action item as the agenda lists it. */
export interface AgendaActionItem {
  readonly ref: string;
  readonly text: string;
}

export interface ReviewAgenda {
  readonly incidentId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly durationMs: number | undefined;
  readonly impact: string;
  readonly rootCause: string | undefined;
  readonly startsAt: EpochMs | undefined;
  readonly durationMinutes: number;
  readonly attendees: readonly ReviewAttendee[];
  readonly isRequired: boolean;
  readonly dueAt: EpochMs | undefined;
  readonly sections: readonly AgendaSection[];
  readonly review: ReviewRecord;
}

const HIGHLIGHTS_MAX = 8;

/**
 * The PIR agenda with the incident's facts filled in: the summary and timeline highlights under the
 * overview, the RCA's root cause and factors under root cause, the action items (or the RCA's
 * corrective actions while none exist), and the notes and decisions recorded so far. A meeting
 * longer or shorter than 60 minutes scales every part (at least 1 minute each).
 */
export function computeReviewAgenda(
  doc: RcaDocument,
  review: ReviewRecord,
  extra: { readonly isRequired: boolean; readonly dueAt: EpochMs | undefined; readonly actionItems: readonly AgendaActionItem[]; readonly zone: string },
): ReviewAgenda {
  const scheduled = review.scheduled;
  const total = scheduled?.durationMinutes ?? 60;
  const scale = total / 60;
  let cursor = scheduled?.startsAt;
  const at = (t: EpochMs) => DateTime.fromMillis(t, { zone: extra.zone }).toFormat('HH:mm');
  const highlights = doc.timeline.slice(0, HIGHLIGHTS_MAX).map((e) => `${at(e.at)} - ${e.text}`);
  const duration = doc.durationMs === undefined ? 'ongoing' : formatDuration(durationMs(doc.durationMs));
  const items = extra.actionItems.length > 0
    ? extra.actionItems.map((a) => `${a.ref} ${a.text}`)
    : doc.actions.map((a) => `[${RCA_ACTION_TAG[a.category]}] ${a.text}${a.owner ? ` @${a.owner}` : ''}${a.dueOn ? ` due ${a.dueOn}` : ''}`);
  const facts: Record<(typeof REVIEW_AGENDA_SECTIONS)[number]['key'], string[]> = {
    overview: [
      `ID: ${doc.incidentId} (${doc.title})`,
      `Severity: ${SEVERITY_LABEL[doc.severity].label} (${doc.severity})`,
      `Duration: ${duration}`,
      `Impact: ${doc.impact}`,
      ...(highlights.length ? ['Timeline highlights:', ...highlights.map((h) => `  ${h}`)] : []),
    ],
    'root-cause': [
      `Root cause: ${doc.rootCause ?? 'not written yet (incident-response rca ' + doc.incidentId + ' --root-cause …)'}`,
      ...doc.rootCauseDetails.map((d) => `  - ${d}`),
      ...doc.factors.map((f, i) => `Factor ${i + 1}: ${f}`),
    ],
    'action-items': items.length ? items : ['None recorded yet (incident-response actions add ' + doc.incidentId + ' …)'],
    learning: review.notes.map((n) => `Note (${n.by}): ${n.text}`),
    'follow-up': review.decisions.map((d) => `Decision (${d.by}): ${d.text}`),
  };
  const sections = REVIEW_AGENDA_SECTIONS.map((s): AgendaSection => {
    const minutes = Math.max(1, Math.round(s.minutes * scale));
    const section = { title: s.title, minutes, startsAt: cursor, points: s.points, facts: facts[s.key] };
    if (cursor !== undefined) cursor = epochMs(cursor + minutes * MINUTE);
    return section;
  });
  return {
    incidentId: doc.incidentId,
    title: doc.title,
    severity: doc.severity,
    durationMs: doc.durationMs,
    impact: doc.impact,
    rootCause: doc.rootCause,
    startsAt: scheduled?.startsAt,
    durationMinutes: total,
    attendees: scheduled?.attendees ?? [],
    isRequired: extra.isRequired,
    dueAt: extra.dueAt,
    sections,
    review,
  };
}

/** The agenda as plain text, in the layout of the product description. */
export function formatReviewAgenda(agenda: ReviewAgenda, zone: string): string {
  const when = (t: EpochMs) => DateTime.fromMillis(t, { zone }).toFormat("yyyy-MM-dd HH:mm ZZZZ");
  const heading = 'Post-Incident Review Agenda';
  const lines = [heading, '='.repeat(heading.length), '', `${agenda.incidentId}: ${agenda.title}`];
  if (agenda.startsAt !== undefined) lines.push(`When: ${when(agenda.startsAt)} (${agenda.durationMinutes} minutes)`);
  else lines.push('When: not scheduled yet');
  if (agenda.attendees.length) lines.push(`Attendees: ${agenda.attendees.map((a) => (a.email ? `${a.name} <${a.email}>` : a.name)).join(', ')}`);
  if (agenda.review.doneAt !== undefined) lines.push(`Review done: ${when(agenda.review.doneAt)} by ${agenda.review.doneBy}${agenda.review.summary ? ` — ${agenda.review.summary}` : ''}`);
  else if (agenda.isRequired) lines.push(`Required${agenda.dueAt !== undefined ? `; due by ${when(agenda.dueAt)}` : ' once the incident is resolved'}`);
  else lines.push('Optional for this severity');
  agenda.sections.forEach((s, i) => {
    lines.push('', `${i + 1}. ${s.title} (${s.minutes} minutes)${s.startsAt !== undefined ? ` — ${DateTime.fromMillis(s.startsAt, { zone }).toFormat('HH:mm')}` : ''}`);
    for (const p of s.points) lines.push(`   - ${p}`);
    for (const f of s.facts) lines.push(`   > ${f}`);
  });
  return lines.join('\n') + '\n';
}
