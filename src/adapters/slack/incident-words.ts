// Short phrases about an incident DTO shared by the Slack cards (severity badge, clocks, checklist).
import type { IncidentDto } from '../../app/incidents/index.js';
import { escapeSlack, slackDate } from './slack-blocks.js';

const SEVERITY_EMOJI: Record<string, string> = { critical: ':red_circle:', high: ':large_orange_circle:', medium: ':large_yellow_circle:', low: ':large_blue_circle:' };

export function severityBadge(i: IncidentDto): string {
  return `${SEVERITY_EMOJI[i.severity] ?? ':white_circle:'} ${i.severityLabel} ${i.severityName}`;
}

/** "Respond by <date> (within 15 min)" or "Responded <date> (met)". */
export function responseClock(i: IncidentDto): string {
  const r = i.clocks.response;
  if (r.metAt !== null) return `responded ${slackDate(r.metAt)}${r.state === 'met-late' ? ' (late)' : ''}`;
  const flag = r.state === 'overdue' ? ' :warning: *OVERDUE*' : r.state === 'due-soon' ? ' · due soon' : '';
  return `respond by ${slackDate(r.dueAt)} (within ${escapeSlack(i.policy.respondWithin)})${flag}`;
}

/** "Next update by <date> (every 30 min)" or "no update owed". */
export function updateClock(i: IncidentDto): string {
  const u = i.clocks.nextUpdate;
  if (u.dueAt === null) return 'no update owed';
  const flag = u.state === 'overdue' ? ' :warning: *OVERDUE*' : u.state === 'due-soon' ? ' · due soon' : '';
  return `next update by ${slackDate(u.dueAt)} (${escapeSlack(i.policy.updateCadence)})${flag}`;
}

export function checklistProgress(i: IncidentDto): string {
  const c = i.checklist;
  return `${c.done}/${c.total} steps done${c.overdue > 0 ? `, :warning: ${c.overdue} overdue` : ''}`;
}

const STEP_MARK: Record<string, string> = { done: ':white_check_mark:', overdue: ':warning:', open: ':white_large_square:' };

/** One checklist phase as mrkdwn: its title and window, then a line per step. */
export function phaseText(phase: IncidentDto['checklist']['phases'][number]): string {
  const until = phase.endsAt === null ? '' : `, until ${slackDate(phase.endsAt, '{time}')}`;
  const steps = phase.steps.map((s) => `${STEP_MARK[s.status] ?? STEP_MARK.open} ${escapeSlack(s.number)} ${escapeSlack(s.title)}`);
  return [`*${escapeSlack(phase.title)}* (${escapeSlack(phase.window)}${until})`, ...steps].join('\n');
}
