import type { ContactMethodKind } from '../oncall/index.js';
import { epochMs, MINUTE, type EpochMs } from '../time/index.js';
import type { DoneReason, UnreachablePerson } from './escalation-decision.js';
import type { EscalationSnapshot } from './escalation-snapshot.js';
import { planEscalation } from './plan-escalation.js';
import type { ResolveTargets } from './resolve-targets.js';

export interface EscalationPreviewRow {
  /** "T+0", "T+5", "T+1h30" */
  readonly offset: string;
  readonly offsetMinutes: number;
  readonly at: EpochMs;
  readonly personId: string;
  readonly personName: string;
  readonly channel: ContactMethodKind;
  readonly isPage: boolean;
  readonly step: number;
  readonly repeat: number;
  readonly reason: string;
}

export interface EscalationPreview {
  readonly rows: readonly EscalationPreviewRow[];
  readonly unreachable: readonly (UnreachablePerson & { readonly offset: string })[];
  /** How the escalation ends if nobody acknowledges; undefined when it runs past the horizon. */
  readonly endsWith: DoneReason | undefined;
}

export function formatOffset(minutes: number): string {
  if (minutes < 60) return `T+${minutes}`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `T+${h}h` : `T+${h}h${String(m).padStart(2, '0')}`;
}

/**
 * What would happen if an incident escalated with `snapshot` at `at` and nobody acknowledged,
 * for `horizonMinutes`: the real planner run on a simulated clock, so the preview cannot drift
 * from what the engine does. Backs `incident-response escalation preview SERVICE --severity …`.
 */
export function previewEscalation(snapshot: EscalationSnapshot, at: EpochMs, horizonMinutes: number, resolveTargets: ResolveTargets): EscalationPreview {
  const horizon = at + horizonMinutes * MINUTE;
  const rows: EscalationPreviewRow[] = [];
  const unreachable: (UnreachablePerson & { offset: string })[] = [];
  let state = { startedAt: at, generation: 0, stepsDone: 0 };
  let now: number = at;
  for (let guard = 0; guard < 10_000 && now <= horizon; guard++) {
    const d = planEscalation(snapshot, state, epochMs(now), resolveTargets);
    if (d.kind === 'done') return { rows: sortRows(rows), unreachable, endsWith: d.reason };
    if (d.kind === 'wait') {
      now = d.until;
      continue;
    }
    for (const m of d.messages) {
      if (m.sendAt > horizon) continue;
      const offsetMinutes = Math.round((m.sendAt - at) / MINUTE);
      rows.push({ offset: formatOffset(offsetMinutes), offsetMinutes, at: m.sendAt, personId: m.personId, personName: m.personName, channel: m.via, isPage: m.isPage, step: d.step, repeat: d.repeat, reason: m.reason });
    }
    for (const u of d.unreachable) unreachable.push({ ...u, offset: formatOffset(Math.round((now - at) / MINUTE)) });
    state = { ...state, stepsDone: d.stepsDone };
    if (d.nextCheckAt === undefined) return { rows: sortRows(rows), unreachable, endsWith: 'exhausted' };
    now = d.nextCheckAt;
  }
  return { rows: sortRows(rows), unreachable, endsWith: undefined };
}

function sortRows(rows: EscalationPreviewRow[]): EscalationPreviewRow[] {
  return rows.sort((a, b) => a.at - b.at || a.step - b.step);
}
