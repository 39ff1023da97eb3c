import type { SelectQueryBuilder } from 'kysely';
import type { IncidentFilter } from '../../../app/ports/index.js';
import type { Database } from './schema.js';

/** The `where` of an incident filter on `ir_incidents`, shared by the state and the list-row reads. */
export function whereIncidentFilter<O>(query: SelectQueryBuilder<Database, 'ir_incidents', O>, filter: IncidentFilter): SelectQueryBuilder<Database, 'ir_incidents', O> {
  let q = query;
  // An empty list means "no constraint", like an absent one: callers build these from optional flags.
  if (filter.statuses?.length) q = q.where('status', 'in', filter.statuses);
  if (filter.severities?.length) q = q.where('severity', 'in', filter.severities);
  if (filter.types?.length) q = q.where('incident_type', 'in', filter.types);
  if (filter.environments?.length) q = q.where('environment', 'in', filter.environments);
  if (filter.hiddenTypes?.length) q = q.where('incident_type', 'not in', filter.hiddenTypes);
  if (filter.service !== undefined) q = q.where('service', '=', filter.service);
  if (filter.since !== undefined) q = q.where('declared_at', '>=', filter.since);
  const after = filter.after;
  if (after !== undefined) {
    // Spelled out instead of a row-value comparison so the same SQL runs on both databases.
    q = q.where((eb) => eb.or([
      eb('declared_at', '<', after.declaredAt),
      eb.and([eb('declared_at', '=', after.declaredAt), eb('id', '<', after.id)]),
    ]));
  }
  return q;
}
