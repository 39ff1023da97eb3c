import { INCIDENT_ROLE_TITLE, SEVERITY_LABEL } from '../classification/index.js';
import { assertNever } from '../errors/index.js';
import type { IncidentEvent } from './incident-events.js';
import { COMPLIANCE_REGIME_DATA, COMPLIANCE_REGIME_LABEL } from '../compliance/index.js';
import { describeFollowUpEvent } from './describe-follow-up-event.js';

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
    case 'resolved': return d.reason === 'declared-by-mistake' ? `closed as declared by mistake by ${e.actor}: ${d.summary} (kept on record, left out of MTTR)` : `resolved by ${e.actor}: ${d.summary}`;
    case 'reopened': return `reopened by ${e.actor}${d.reason ? `: ${d.reason}` : ''}`;
    case 'closed': return `closed by ${e.actor}`;
    case 'note-added': return `note (${e.actor}): ${d.text}`;
    case 'alert-linked': return `alert from ${d.source}: ${d.summary} — ${d.reason}${d.link ? ` (${d.link})` : ''}`;
    case 'alert-deduplicated': return `alert from ${d.source} repeated ${d.count === 1 ? 'once' : `${d.count} times`} — ${d.reason}`;
    case 'alert-resolved': return `alert from ${d.source} resolved — ${d.reason}`;
    case 'action-recorded': return `action ${d.action}: ${d.status}${d.rule ? ` (rule ${d.rule})` : ''}${d.detail ? ` — ${d.detail}` : ''}${d.artifact ? ` [${d.artifact.path}, sha256 ${d.artifact.sha256.slice(0, 12)}…]` : ''}`;
    case 'change-noted': return `change from ${d.source}: ${d.summary}${d.link ? ` (${d.link})` : ''}`;
    case 'rca-updated': return `root-cause analysis edited by ${e.actor}: ${describeRcaChange(d)}`;
    case 'published': return `published on the status page by ${e.actor} as "${d.title}" (${d.impact} impact${d.componentIds.length ? `; ${d.componentIds.join(', ')}` : ''})`;
    case 'unpublished': return `taken off the status page by ${e.actor}`;
    case 'compliance-flagged': return `flagged ${COMPLIANCE_REGIME_LABEL[d.regime]} (${COMPLIANCE_REGIME_DATA[d.regime]}) by ${e.actor}, aware since ${new Date(d.awareAt).toISOString().replace(/\.000Z$/, 'Z')}${d.individuals !== undefined ? `; ${d.individuals} individuals` : ''}${d.highRisk ? '; high risk' : ''}${d.note ? `: ${d.note}` : ''}`;
    case 'compliance-notified': return `${COMPLIANCE_REGIME_LABEL[d.regime]} ${d.obligation} notified (${d.phase}) by ${e.actor}: ${d.to}${d.note ? ` — ${d.note}` : ''}`;
    case 'impact-assessed': {
      const figures = [
        d.customersAffected === undefined ? '' : `${d.customersAffected.toLocaleString('en-US')} customers affected`,
        d.customersTotal === undefined ? '' : `of ${d.customersTotal.toLocaleString('en-US')}`,
        d.revenuePerMinute === undefined ? '' : `${d.currency ?? ''}${d.currency ? ' ' : ''}${d.revenuePerMinute.toLocaleString('en-US')}/min at risk`.trim(),
        d.revenuePerMinute === undefined && d.currency !== undefined ? `currency ${d.currency}` : '',
      ].filter((f) => f !== '');
      return `impact assessed by ${e.actor}${d.source === 'metric' ? ' from metrics' : ''}: ${[figures.join(' '), d.note ?? ''].filter((f) => f !== '').join('; ')}`;
    }
    case 'satisfaction-rated': return `customer satisfaction answer: ${d.score}/5`;
    case 'review-scheduled':
    case 'review-noted':
    case 'review-decided':
    case 'review-done':
    case 'action-item-added':
    case 'action-item-updated':
    case 'ticket-linked':
    case 'ticket-synced':
    case 'seen-before':
      return describeFollowUpEvent(d, e.actor);
    case 'escalation-started': return `paging started with policy ${d.policyName} (${d.mode})`;
    case 'escalation-step': {
      const who = d.recipients.map((r) => `${r.personName} by ${r.via}`).join(', ') || 'nobody reachable';
      const missing = d.unreachable.length ? `; unreachable: ${d.unreachable.join('; ')}` : '';
      return `escalation step ${d.step + 1}${d.repeat > 0 ? ` (repeat ${d.repeat})` : ''}: paging ${who}${missing}`;
    }
    case 'escalation-stopped': return `paging stopped: ${d.reason}`;
    case 'message-delivery': return `${d.channel} ${d.purpose} to ${d.recipient}: ${d.status}${d.attempt > 1 ? ` after ${d.attempt} attempts` : ''} — ${d.detail}`;
    default: return assertNever(d);
  }
}

function describeRcaChange(d: Extract<IncidentEvent['data'], { kind: 'rca-updated' }>): string {
  const parts: string[] = [];
  if (d.impact !== undefined) parts.push('impact');
  if (d.rootCause !== undefined) parts.push('root cause');
  if (d.rootCauseDetails !== undefined) parts.push(`${d.rootCauseDetails.length} root-cause detail${d.rootCauseDetails.length === 1 ? '' : 's'}`);
  if (d.factors !== undefined) parts.push(`${d.factors.length} contributing factor${d.factors.length === 1 ? '' : 's'}`);
  if (d.actions !== undefined) parts.push(`${d.actions.length} corrective action${d.actions.length === 1 ? '' : 's'}`);
  if (d.hiddenSeqs !== undefined) parts.push(`${d.hiddenSeqs.length} hidden timeline entr${d.hiddenSeqs.length === 1 ? 'y' : 'ies'}`);
  if (d.annotations !== undefined) parts.push(`${d.annotations.length} annotation${d.annotations.length === 1 ? '' : 's'}`);
  return parts.join(', ');
}
