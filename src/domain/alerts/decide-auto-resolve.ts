import type { AlertStatus } from './decide-dedup.js';

export interface AutoResolvePolicy {
  readonly isEnabled: boolean;
}

export type AutoResolveDecision =
  | { readonly kind: 'resolve-incident'; readonly reason: string }
  | { readonly kind: 'keep-open'; readonly reason: string };

/** Resolves an incident when every alert linked to it has resolved, if the policy allows it. */
export function decideAutoResolve(alerts: readonly { readonly id: string; readonly status: AlertStatus }[], policy: AutoResolvePolicy): AutoResolveDecision {
  const open = alerts.filter((a) => a.status !== 'resolved');
  if (alerts.length === 0) return { kind: 'keep-open', reason: 'no alerts are linked to the incident' };
  if (open.length > 0) return { kind: 'keep-open', reason: `${open.length} of ${alerts.length} alerts still open (${open.map((a) => a.id).join(', ')})` };
  if (!policy.isEnabled) return { kind: 'keep-open', reason: `all ${alerts.length} alerts resolved; auto-resolve is off, resolve the incident by hand` };
  return { kind: 'resolve-incident', reason: `auto-resolved: all ${alerts.length} linked alert${alerts.length === 1 ? '' : 's'} resolved` };
}
