import { actionEffect } from '../app/actions/index.js';
import type { ResponseConfig } from '../app/config/index.js';
import { formatAction, type TriggerRuleSet } from '../domain/triggers/index.js';
import { SEVERITIES, SEVERITY_LABEL } from '../domain/classification/index.js';
import { describePolicyDuration } from '../domain/time/index.js';

const DAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A few lines saying what a validated configuration amounts to. */
export function describeConfig(c: ResponseConfig): string[] {
  const lines = SEVERITIES.map((s) => {
    const r = c.policy[s];
    return `${SEVERITY_LABEL[s].label}: respond within ${describePolicyDuration(r.respondWithin)}, updates ${r.updateCadenceLabel} (${describePolicyDuration(r.updateEvery)})`;
  });
  const cal = c.calendar;
  lines.push(`Business hours: ${cal.workingDays.map((d) => DAY_NAMES[d]).join(' ')} ${cal.opensAt}–${cal.closesAt} ${cal.timeZone}, ${cal.holidays.length} holiday(s)`);
  lines.push(`Workflows: ${Object.values(c.workflows).map((w) => `${w.type} (${w.phases.length} phases)`).join(', ')}`);
  const services = Object.keys(c.services);
  lines.push(`Services: ${services.length === 0 ? 'any name accepted' : services.join(', ')}`);
  lines.push(`Times shown in ${c.displayTimeZone}`);
  const slack = c.integrations?.slack;
  if (slack !== undefined) {
    const byEmail = slack.botTokenEnv === undefined ? '' : `, by email with $${slack.botTokenEnv}`;
    lines.push(`Slack commands: ${slack.users.length} mapped user(s)${byEmail}; signing secret in $${slack.signingSecretEnv}`);
  }
  const switches = c.integrationSwitches ?? [];
  if (switches.length > 0) {
    lines.push(`Integration switches: ${switches.length} (what each became: incident-response config explain)`);
    for (const n of switches) {
      const recorded = n.effect === 'recorded-only' ? `recorded only — ${n.became.replace(/^recorded only: /, '')}` : undefined;
      const needs = n.needs === undefined ? undefined : `needs configuration — ${n.needs}`;
      if (recorded !== undefined || needs !== undefined) lines.push(`  ${n.key}: ${[recorded, needs].filter((x) => x !== undefined).join('; ')}`);
    }
  }
  return lines;
}

/** `rules test` words for the trigger actions that only record a request, per rule of the live rules file. */
export function describeRecordedOnlyActions(ruleSet: TriggerRuleSet): string[] {
  return ruleSet.triggers.flatMap((rule) => {
    const recorded = rule.actions.filter((a) => actionEffect(a.name) === 'recorded-only').map(formatAction);
    return recorded.length === 0 ? [] : [`Trigger ${rule.name}: ${recorded.join(', ')} recorded only (written on the incident's timeline as a request; the action itself sends nothing)`];
  });
}
