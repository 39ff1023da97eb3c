import type { ExpressionBuilder, OnConflictDatabase, OnConflictTables, UpdateObject } from 'kysely';

/**
 * The SET of a multi-row upsert: every column of `sample` but the conflict key takes the value of
 * the row that was refused (`excluded.column`, the same on SQLite and PostgreSQL), so a column
 * added to the row mapping is upserted without a change here.
 */
export function excludedColumns<DB, TB extends keyof DB & string>(
  eb: ExpressionBuilder<OnConflictDatabase<DB, TB>, OnConflictTables<TB>>,
  sample: object,
  key: readonly string[] = ['id'],
): UpdateObject<OnConflictDatabase<DB, TB>, OnConflictTables<TB>> {
  const set: Record<string, unknown> = {};
  // The reference is built from a column name the row mapping produced; Kysely cannot type it.
  const ref = eb.ref as (reference: string) => unknown;
  for (const column of Object.keys(sample)) if (!key.includes(column)) set[column] = ref(`excluded.${column}`);
  return set as UpdateObject<OnConflictDatabase<DB, TB>, OnConflictTables<TB>>;
}
