import type { IncidentEventData } from '../../domain/incident/index.js';
import type { EscalationMode } from '../../domain/policy/index.js';

/** Who a declaration paged, as the CLI, the API, Slack and the web app show it. */
export interface DeclarationPagingDto {
  /**
   * Everyone a page or notification was queued for by the declaration, in order (`step` counts from
   * 1; `at` is when it is sent, later for a person's delayed rules); later steps wait for their delay.
   */
  paged: { name: string; via: string; step: number; at: string }[];
  /** The policy that pages, when one does. */
  policy: string | null;
  /** False when nobody could be paged because paging is not set up for this incident. */
  isConfigured: boolean;
  /** One sentence for people: who was paged, or plainly that no one was, why, and how to fix it. */
  summary: string;
}

const HOW_TO_CONFIGURE = 'Add a policy under escalation_policies: and name it in paging.default_escalation_policy '
  + '(or services.<id>.escalation_policy); "incident-response doctor" lists what is missing';

/**
 * Reads who was paged from the events the declaration recorded (escalation-started, -step and
 * -stopped, written in the same transaction). No escalation event means no policy exists at all.
 */
export function describeDeclarationPaging(recorded: readonly IncidentEventData[], mode: EscalationMode, severityLabel: string): DeclarationPagingDto {
  const started = recorded.find((e) => e.kind === 'escalation-started');
  const stopped = recorded.find((e) => e.kind === 'escalation-stopped');
  const paged = recorded.flatMap((e) => e.kind === 'escalation-step'
    ? e.recipients.map((r) => ({ name: r.personName, via: r.via, step: e.step + 1, at: new Date(r.sendAt).toISOString() }))
    : []);
  const unreachable = recorded.flatMap((e) => (e.kind === 'escalation-step' ? e.unreachable : []));
  const policy = started?.kind === 'escalation-started' ? started.policyName : null;
  if (paged.length > 0) {
    const names = [...new Map(paged.map((p) => [p.name, p])).values()].map((p) => `${p.name} (${paged.filter((q) => q.name === p.name).map((q) => q.via).join(', ')})`);
    const missed = unreachable.length > 0 ? `; could not reach: ${unreachable.join('; ')}` : '';
    return { paged, policy, isConfigured: true, summary: `Paged ${names.join(', ')} through ${policy ?? 'the escalation policy'}${missed}.` };
  }
  if (mode === 'none') return { paged, policy, isConfigured: true, summary: `No one was paged: ${severityLabel} queues without paging.` };
  if (stopped?.kind === 'escalation-stopped' && started === undefined) {
    return { paged, policy, isConfigured: false, summary: `No one was paged: ${stopped.reason}.` };
  }
  if (started !== undefined) {
    const why = stopped?.kind === 'escalation-stopped' ? stopped.reason : unreachable.length > 0 ? `could not reach ${unreachable.join('; ')}` : 'its first step reaches nobody';
    return { paged, policy, isConfigured: false, summary: `No one was paged through ${policy}: ${why}. Check the policy with "incident-response escalation preview".` };
  }
  return { paged, policy, isConfigured: false, summary: `No one was paged: no escalation policy is configured. ${HOW_TO_CONFIGURE}.` };
}
