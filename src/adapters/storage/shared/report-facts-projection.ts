import type { Kysely } from 'kysely';
import type { IncidentType } from '../../../domain/classification/index.js';
import type { IncidentEvent, IncidentState } from '../../../domain/incident/index.js';
import { advanceReportFacts, type ReportFactsRow } from '../../../domain/reporting/index.js';
import type { EpochMs } from '../../../domain/time/index.js';
import type { Database } from './schema.js';

/**
 * The monthly report's projection (`ir_report_facts`, migration 8): one small row per incident,
 * advanced in the same transaction as the events it summarises.
 */
export async function projectReportFacts(conn: Kysely<Database>, events: readonly IncidentEvent[], state: IncidentState): Promise<void> {
  const row = await conn.selectFrom('ir_report_facts').select('facts').where('incident_id', '=', state.id).executeTakeFirst();
  const previous = row === undefined ? undefined : (JSON.parse(row.facts) as ReportFactsRow);
  const next = advanceReportFacts(previous, events, state);
  const values = { incident_id: state.id, declared_at: state.declaredAt, incident_type: state.incidentType, facts: JSON.stringify(next) };
  await conn
    .insertInto('ir_report_facts')
    .values(values)
    .onConflict((oc) => oc.column('incident_id').doUpdateSet({ incident_type: values.incident_type, facts: values.facts }))
    .execute();
}

/** The projection rows of incidents declared in [fromAt, toAt), oldest first; hidden types left out. */
export async function readReportFacts(db: Kysely<Database>, fromAt: EpochMs, toAt: EpochMs, hiddenTypes: readonly IncidentType[]): Promise<ReportFactsRow[]> {
  let query = db.selectFrom('ir_report_facts').select('facts').where('declared_at', '>=', fromAt).where('declared_at', '<', toAt);
  if (hiddenTypes.length > 0) query = query.where('incident_type', 'not in', hiddenTypes);
  const rows = await query.orderBy('declared_at').orderBy('incident_id').execute();
  return rows.map((r) => JSON.parse(r.facts) as ReportFactsRow);
}
