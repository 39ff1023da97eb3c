import type { IncidentFilter } from '../../app/ports/index.js';

/**
 * The query string of `GET /api/v1/incidents` for a filter: comma lists, `since` as ISO-8601,
 * `limit`. `hiddenTypes` is the server's business (it knows the caller) and `after` has no wire
 * form (the server pages with an opaque `cursor`), so neither is sent.
 */
export function incidentQuery(filter: IncidentFilter): string {
  const pairs: [string, string][] = [];
  const list = (name: string, values: readonly string[] | undefined) => {
    if (values !== undefined && values.length > 0) pairs.push([name, values.map(encodeURIComponent).join(',')]);
  };
  list('status', filter.statuses);
  list('severity', filter.severities);
  list('type', filter.types);
  list('environment', filter.environments);
  if (filter.service !== undefined) pairs.push(['service', encodeURIComponent(filter.service)]);
  if (filter.since !== undefined) pairs.push(['since', encodeURIComponent(new Date(filter.since).toISOString())]);
  if (filter.limit !== undefined) pairs.push(['limit', String(filter.limit)]);
  return pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`;
}
