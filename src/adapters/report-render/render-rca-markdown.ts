import { DateTime } from 'luxon';
import { SEVERITY_LABEL } from '../../domain/classification/index.js';
import { formatCorrectiveAction } from '../../domain/rca/index.js';
import type { RcaDocument, RcaTimelineEntry } from '../../domain/rca/index.js';
import { formatDuration, durationMs } from '../../domain/time/index.js';
import { formatInstant } from './format-report-values.js';

/** "14:25" when the whole timeline is one day in `zone`, else "2026-11-28 14:25". */
export function timelineTimeFormat(entries: readonly RcaTimelineEntry[], zone: string): string {
  const days = new Set(entries.map((x) => DateTime.fromMillis(x.at, { zone }).toISODate()));
  return days.size <= 1 ? 'HH:mm' : 'yyyy-MM-dd HH:mm';
}

export function rcaDuration(doc: RcaDocument): string {
  return doc.durationMs === undefined ? `ongoing (${doc.status})` : formatDuration(durationMs(doc.durationMs));
}

export function rcaSeverity(doc: RcaDocument): string {
  return `${SEVERITY_LABEL[doc.severity].name} (${SEVERITY_LABEL[doc.severity].label})`;
}

/** The RCA in the shape of the product's template, as Markdown. Entry numbers are event sequence numbers. */
export function renderRcaMarkdown(doc: RcaDocument, zone: string): string {
  const pattern = timelineTimeFormat(doc.timeline, zone);
  const first = doc.timeline[0];
  const out = [
    `# Root Cause Analysis: ${doc.incidentId}`,
    '',
    `${doc.title}`,
    '',
    '## Incident Summary',
    '',
    `- ID: ${doc.incidentId}`,
    `- Severity: ${rcaSeverity(doc)}`,
    `- Type: ${doc.incidentType}, ${doc.environment}${doc.service ? `, service ${doc.service}` : ''}`,
    `- Duration: ${rcaDuration(doc)}`,
    `- Impact: ${doc.impact}`,
    ...(doc.businessImpact === undefined ? [] : [`- Business impact: ${doc.businessImpact}`]),
    ...(doc.telemetry.length === 0 ? [] : ['', '## Dashboards and Traces', '', ...doc.telemetry.map((l) => `- [${l.label}](${l.href})`)]),
    '',
    `## Timeline (${zone}${pattern === 'HH:mm' && first ? `, ${formatInstant(first.at, zone, 'yyyy-MM-dd')}` : ''})`,
    '',
    ...doc.timeline.flatMap((x) => [
      `- ${formatInstant(x.at, zone, pattern)} - ${x.text}${x.seq === undefined ? '' : ` [#${x.seq}]`}`,
      ...(x.annotation ? [`  - Note: ${x.annotation}`] : []),
    ]),
    ...(doc.hiddenEntries > 0 ? ['', `(${doc.hiddenEntries} entr${doc.hiddenEntries === 1 ? 'y' : 'ies'} hidden from this timeline; the full history is in "incident-response timeline ${doc.incidentId}".)`] : []),
    '',
    '## Root Cause',
    '',
    ...(doc.rootCause ? doc.rootCause.split('\n') : ['Not determined yet.']),
    ...doc.rootCauseDetails.map((d) => `- ${d}`),
    ...doc.seenBefore.map((s) => `- Seen before: ${s.incidentId}${s.rootCause ? ` (root cause then: ${s.rootCause})` : ''}`),
    '',
    '## Contributing Factors',
    '',
    ...(doc.factors.length ? doc.factors.map((f, i) => `${i + 1}. ${f}`) : ['None recorded yet.']),
    '',
    '## Corrective Actions',
    '',
    ...(doc.actions.length ? doc.actions.map((a, i) => `${i + 1}. ${formatCorrectiveAction(a)}`) : ['None recorded yet.']),
  ];
  if (doc.lastEditedAt !== undefined) out.push('', `Last edited ${formatInstant(doc.lastEditedAt, zone)} ${zone} by ${doc.lastEditedBy ?? 'unknown'} (${doc.edits} edit${doc.edits === 1 ? '' : 's'}).`);
  return out.join('\n') + '\n';
}
