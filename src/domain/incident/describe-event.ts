import { INCIDENT_ROLE_TITLE, SEVERITY_LABEL } from '../classification/index.js';
import { assertNever } from '../errors/index.js';
import type { IncidentEvent } from './incident-events.js';

/** One line of the timeline, in words: "acknowledged by alice". */
export function describeIncidentEvent(e: IncidentEvent): string {
  const d = e.data;
  switch (d.kind) {
    case 'declared': {
      const sev = SEVERITY_LABEL[d.severity];
      return `declared ${sev.label} ${d.incidentType} in ${d.environment}${d.service ? ` for ${d.service}` : ''} by ${e.actor}: ${d.title}`;
    }
    case 'acknowledged': return `acknowledged by ${e.actor}`;
    case 'mitigated': return `mitigated (${e.actor})${d.note ? `: ${d.note}` : ''}`;
    case 'status-updated': return `status update [${d.publicStatus}] by ${e.actor}: ${d.message}`;
    case 'role-assigned': return `${INCIDENT_ROLE_TITLE[d.role]}: ${d.person}${d.previous ? ` (was ${d.previous})` : ''} — by ${e.actor}`;
    case 'step-completed': return `step done: ${d.title} (${e.actor})`;
    case 'step-reopened': return `step reopened: ${d.title} (${e.actor})`;
    case 'severity-changed': return `severity ${SEVERITY_LABEL[d.from].label} → ${SEVERITY_LABEL[d.to].label} by ${e.actor}${d.reason ? `: ${d.reason}` : ''}`;
    case 'type-changed': return `type ${d.from} → ${d.to} by ${e.actor}${d.reason ? `: ${d.reason}` : ''}`;
    case 'resolved': return `resolved by ${e.actor}: ${d.summary}`;
    case 'reopened': return `reopened by ${e.actor}${d.reason ? `: ${d.reason}` : ''}`;
    case 'closed': return `closed by ${e.actor}`;
    case 'note-added': return `note (${e.actor}): ${d.text}`;
    case 'alert-linked': return `alert from ${d.source}: ${d.summary} — ${d.reason}`;
    case 'alert-deduplicated': return `alert from ${d.source} repeated ${d.count === 1 ? 'once' : `${d.count} times`} — ${d.reason}`;
    case 'alert-resolved': return `alert from ${d.source} resolved — ${d.reason}`;
    case 'action-recorded': return `action ${d.action}: ${d.status}${d.rule ? ` (rule ${d.rule})` : ''}${d.detail ? ` — ${d.detail}` : ''}`;
    case 'change-noted': return `change from ${d.source}: ${d.summary}${d.link ? ` (${d.link})` : ''}`;
    default: return assertNever(d);
  }
}
