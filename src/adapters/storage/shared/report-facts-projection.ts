import type { Kysely } from 'kysely';
import type { Environment, IncidentType, Severity } from '../../../domain/classification/index.js';
import type { ImpactAssessment, IncidentEvent, IncidentState, IncidentStatus } from '../../../domain/incident/index.js';
import { advanceReportFacts, type ReportFactsRow } from '../../../domain/reporting/index.js';
import { epochMs, type EpochMs } from '../../../domain/time/index.js';
import type { Database } from './schema.js';

/**
 * The monthly report's projection (`ir_report_facts`, migration 8): one small row per incident,
 * advanced in the same transaction as the events it summarises. Takes every incident a write
 * transaction changed at once: one read and one multi-row upsert per chunk, whatever their number.
 */
export async function projectReportFacts(conn: Kysely<Database>, changed: readonly { readonly events: readonly IncidentEvent[]; readonly state: IncidentState }[]): Promise<void> {
  for (let i = 0; i < changed.length; i += FACTS_CHUNK) {
    const chunk = changed.slice(i, i + FACTS_CHUNK);
    const rows = await conn.selectFrom('ir_report_facts').select(['incident_id', 'facts']).where('incident_id', 'in', chunk.map((c) => c.state.id)).execute();
    const previous = new Map(rows.map((r) => [r.incident_id, r.facts]));
    const values = chunk.map(({ events, state }) => {
      const before = previous.get(state.id);
      const next = advanceReportFacts(before === undefined ? undefined : decodeReportFacts(before), events, state);
      return { incident_id: state.id, declared_at: state.declaredAt, incident_type: state.incidentType, facts: encodeReportFacts(next) };
    });
    await conn
      .insertInto('ir_report_facts')
      .values(values)
      .onConflict((oc) => oc.column('incident_id').doUpdateSet((eb) => ({ incident_type: eb.ref('excluded.incident_type'), facts: eb.ref('excluded.facts') })))
      .execute();
  }
}

/** Incidents per statement: four parameters each, far under both databases' limits. */
const FACTS_CHUNK = 500;

/** The projection rows of incidents declared in [fromAt, toAt), oldest first; hidden types left out. */
export async function readReportFacts(db: Kysely<Database>, fromAt: EpochMs, toAt: EpochMs, hiddenTypes: readonly IncidentType[]): Promise<ReportFactsRow[]> {
  let query = db.selectFrom('ir_report_facts').select('facts').where('declared_at', '>=', fromAt).where('declared_at', '<', toAt);
  if (hiddenTypes.length > 0) query = query.where('incident_type', 'not in', hiddenTypes);
  const rows = await query.orderBy('declared_at').orderBy('incident_id').execute();
  return rows.map((r) => decodeReportFacts(r.facts));
}

type Encoded = [
  id: string, title: string, severity: string, incidentType: string, environment: string, service: string | null, status: string,
  declaredAt: number, impactStartedAt: number | null, resolvedAt: number | null, resolutionSummary: string | null, reopenCount: number,
  responseDueAt: number | null, firstAckAt: number | null, firstResolvedAt: number | null, doneActions: [number, string][],
  // Added later: absent in rows written before impact assessments and surveys existed.
  impact?: ImpactAssessment | null, satisfaction?: Record<string, number> | null,
];

/**
 * A positional JSON array rather than an object: half the bytes, so a month of 40 000 incidents
 * parses in half the time. Rows written as objects (before this encoding) still decode.
 */
export function encodeReportFacts(f: ReportFactsRow): string {
  const i = f.incident;
  const row: Encoded = [
    i.id, i.title, i.severity, i.incidentType, i.environment, i.service ?? null, i.status, i.declaredAt, i.impactStartedAt ?? null, i.resolvedAt ?? null,
    i.resolutionSummary ?? null, i.reopenCount, f.responseDueAt ?? null, f.firstAckAt ?? null, f.firstResolvedAt ?? null, f.doneActions.map((a) => [a.at, a.action]),
  ];
  // Only written when there is something: rows of incidents without them stay as short as before.
  if (i.impact !== undefined || i.satisfaction !== undefined) row.push(i.impact ?? null, i.satisfaction ?? null);
  return JSON.stringify(row);
}

const at = (n: number | null): EpochMs | undefined => (n === null ? undefined : epochMs(n));

export function decodeReportFacts(text: string): ReportFactsRow {
  const parsed = JSON.parse(text) as Encoded | ReportFactsRow;
  if (!Array.isArray(parsed)) return parsed;
  const [id, title, severity, incidentType, environment, service, status, declaredAt, impactStartedAt, resolvedAt, resolutionSummary, reopenCount, responseDueAt, firstAckAt, firstResolvedAt, done, impact, satisfaction] = parsed;
  return {
    incident: {
      id, title, severity: severity as Severity, incidentType: incidentType as IncidentType, environment: environment as Environment, service: service ?? undefined,
      status: status as IncidentStatus, declaredAt: epochMs(declaredAt), impactStartedAt: at(impactStartedAt), resolvedAt: at(resolvedAt),
      resolutionSummary: resolutionSummary ?? undefined, reopenCount,
      impact: impact ?? undefined, satisfaction: satisfaction ?? undefined,
    },
    responseDueAt: at(responseDueAt), firstAckAt: at(firstAckAt), firstResolvedAt: at(firstResolvedAt),
    doneActions: done.map(([a, action]) => ({ at: epochMs(a), action })),
  };
}
