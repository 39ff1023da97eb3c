import { formatAction, type TriggerRuleSet } from '../../domain/triggers/index.js';
import { isDeclareAction } from './action-kind.js';

/**
 * Problems that make a rules file unfit to run live (it may still be replayed by `rules test`):
 * every action but a declaration is recorded on the rule's incident, so a rule with actions must
 * declare exactly one incident.
 */
export function checkRuleActions(ruleSet: TriggerRuleSet): string[] {
  const problems: string[] = [];
  for (const rule of ruleSet.triggers) {
    const declares = rule.actions.filter(isDeclareAction);
    if (declares.length > 1) {
      problems.push(`triggers.${rule.name}.actions: ${declares.map(formatAction).join(' and ')} — a rule opens one incident; keep one of them`);
    } else if (declares.length === 0 && rule.actions.length > 0) {
      problems.push(`triggers.${rule.name}.actions: ${rule.actions.map(formatAction).join(', ')} ${rule.actions.length === 1 ? 'is' : 'are'} recorded on the incident the rule opens; add create_incident(severity=…) or create_security_incident() first`);
    }
  }
  return problems;
}
