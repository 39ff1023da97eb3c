// Writing incidents the way the use cases do (decide, fold, append in one write) and checking the chain.
import { createHash } from 'node:crypto';
import type { IncidentStore, StoredEvent } from '../../src/app/ports/index.js';
import { ChainVerifier, type ChainBreak } from '../../src/domain/audit/index.js';
import { DEFAULT_BUSINESS_CALENDAR } from '../../src/domain/calendar/index.js';
import {
  applyIncidentEvent, decideDeclare, formatIncidentId, incidentDayKey,
  type DecisionContext, type DeclareInput, type IncidentEvent, type IncidentEventData, type IncidentState,
} from '../../src/domain/incident/index.js';
import { DEFAULT_SEVERITY_POLICY } from '../../src/domain/policy/index.js';
import { epochMs, type EpochMs } from '../../src/domain/time/index.js';
import { DEFAULT_WORKFLOWS } from '../../src/domain/workflow/index.js';

/** Saturday 28 November 2026, 17:50 UTC. */
export const T0 = epochMs(Date.UTC(2026, 10, 28, 17, 50));

export function decisionContext(now: EpochMs): DecisionContext {
  return { now, policy: DEFAULT_SEVERITY_POLICY, calendar: DEFAULT_BUSINESS_CALENDAR, workflows: DEFAULT_WORKFLOWS };
}

/** Computed here, not with the store's helper, so the tests check the store's hashing independently. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface Written {
  readonly state: IncidentState;
  readonly events: StoredEvent[];
}

const DEFAULT_DECLARE: DeclareInput = { severity: 'high', incidentType: 'outage', environment: 'production', service: 'checkout' };

export function declareIncident(store: IncidentStore, input: Partial<DeclareInput> = {}, at: EpochMs = T0, actor = 'alice'): Promise<Written> {
  return store.write(async (tx) => {
    const day = incidentDayKey(at);
    const id = formatIncidentId(day, await tx.nextIncidentNumber(day));
    const event: IncidentEvent = { incidentId: id, version: 1, at, actor, data: decideDeclare({ ...DEFAULT_DECLARE, ...input }, decisionContext(at)) };
    const state = applyIncidentEvent(undefined, event);
    return { state, events: await tx.append([event], state) };
  });
}

/** Reads the incident inside the write, decides its next events, folds and appends them. */
export function changeIncident(
  store: IncidentStore,
  id: string,
  decide: (state: IncidentState, ctx: DecisionContext) => IncidentEventData[],
  at: EpochMs,
  actor = 'bob',
): Promise<Written> {
  return store.write(async (tx) => {
    const current = await tx.findIncident(id);
    if (current === undefined) throw new Error(`test setup: ${id} does not exist`);
    const events = decide(current, decisionContext(at)).map((data, i): IncidentEvent => ({ incidentId: id, version: current.version + 1 + i, at, actor, data }));
    const state = events.reduce<IncidentState>(applyIncidentEvent, current);
    return { state, events: await tx.append(events, state) };
  });
}

/** Walks the whole chain in pages of `pageSize` (small, so paging is exercised) and returns the first break. */
export async function verifyStoredChain(store: IncidentStore, pageSize = 3): Promise<{ broken: ChainBreak | undefined; verifier: ChainVerifier }> {
  const verifier = new ChainVerifier(sha256);
  for (;;) {
    const page = await store.readChain(verifier.lastSeq, pageSize);
    if (page.length === 0) return { broken: undefined, verifier };
    const broken = verifier.check(page);
    if (broken !== undefined) return { broken, verifier };
  }
}
