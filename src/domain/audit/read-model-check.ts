/**
 * The incident read model against the log: the stored row (its indexed columns, which lists and
 * visibility filter on, and its state document, which every view shows) must be exactly the fold of
 * the incident's events.
 */
import type { IncidentState } from '../incident/index.js';

/** Read-model columns and the state field each one copies, in the order they are compared (visibility first). */
export const READ_MODEL_COLUMNS = {
  incident_type: 'incidentType',
  severity: 'severity',
  status: 'status',
  environment: 'environment',
  service: 'service',
  public_status: 'publicStatus',
  title: 'title',
  declared_at: 'declaredAt',
  acknowledged_at: 'acknowledgedAt',
  resolved_at: 'resolvedAt',
  response_due_at: 'responseDueAt',
  next_update_due_at: 'nextUpdateDueAt',
  updated_at: 'updatedAt',
  version: 'version',
} as const satisfies Record<string, keyof IncidentState>;

export type ReadModelColumn = keyof typeof READ_MODEL_COLUMNS;

/** State fields compared first: what decides who sees the incident and how it is handled. */
const FIRST_STATE_FIELDS: readonly (keyof IncidentState)[] = ['id', 'incidentType', 'severity', 'status', 'environment', 'service', 'version'];

export interface ReadModelMismatch {
  /** `incident_type` (a column) or `state.incidentType` (the state document). */
  readonly field: string;
  readonly expected: unknown;
  readonly found: unknown;
}

/**
 * The first field where the stored read model differs from `folded`. Columns hold null where the
 * state has no value; the state document omits such fields. Object key order does not matter.
 */
export function findReadModelMismatch(
  folded: IncidentState,
  columns: Readonly<Record<ReadModelColumn, unknown>>,
  state: Readonly<Record<string, unknown>>,
): ReadModelMismatch | undefined {
  const expected = folded as unknown as Record<string, unknown>;
  for (const [column, field] of Object.entries(READ_MODEL_COLUMNS) as [ReadModelColumn, keyof IncidentState][]) {
    const want = expected[field] ?? null;
    const found = columns[column] ?? null;
    if (!sameValue(want, found)) return { field: column, expected: want, found };
  }
  const fields = new Set<string>([...FIRST_STATE_FIELDS, ...Object.keys(expected), ...Object.keys(state)]);
  for (const field of fields) {
    if (!sameValue(expected[field], state[field])) return { field: `state.${field}`, expected: expected[field], found: state[field] };
  }
  return undefined;
}

/** Deep equality of JSON-like values; undefined and a missing key are the same. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!sameValue(ra[k], rb[k])) return false;
  return true;
}
