import type { CompiledQuery } from 'kysely';
import { nulCharacterError } from '../../../domain/errors/index.js';

const NUL = '\u0000';

/**
 * The last line against NUL characters (U+0000): PostgreSQL text cannot hold one and SQLite can, so
 * a value holding one is refused on both stores, before the query is sent, as a VALIDATION error
 * naming the column (a 4xx at the edges) rather than a driver error. Input edges refuse or replace
 * NULs first (src/domain/errors/nul-character.ts); this catches whatever path they missed.
 *
 * Every query passes here, so the common case is a scan of the compiled parameters; only a query
 * that does hold a NUL has its tree walked to name the column.
 */
export function refuseNul(query: CompiledQuery): void {
  if (!query.parameters.some(hasNul)) return;
  const column = findNul(query.query, undefined);
  throw nulCharacterError(column === undefined || column === '' ? 'value' : column);
}

type Node = { readonly kind?: unknown } & Record<string, unknown>;

/** '' or the column name when some value of the tree holds a NUL; undefined when none does. */
function findNul(node: unknown, column: string | undefined): string | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findNul(item, column);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const n = node as Node;
  switch (n.kind) {
    case 'ValueNode':
      return hasNul(n['value']) ? (column ?? '') : undefined;
    case 'PrimitiveValueListNode': {
      const values = n['values'] as readonly unknown[];
      const i = values.findIndex(hasNul);
      return i < 0 ? undefined : (column ?? '');
    }
    case 'InsertQueryNode':
      return findInInsert(n) ?? walk(n, column);
    case 'ColumnUpdateNode':
      return findNul(n['value'], columnName(n['column']));
    default:
      return walk(n, column);
  }
}

function walk(n: Node, column: string | undefined): string | undefined {
  for (const value of Object.values(n)) {
    const found = findNul(value, column);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** INSERT … (columns) VALUES (…), (…): names the column whose value holds the NUL. */
function findInInsert(n: Node): string | undefined {
  const columns = (n['columns'] as readonly unknown[] | undefined)?.map(columnName) ?? [];
  const rows = (n['values'] as Node | undefined)?.['values'];
  if (!Array.isArray(rows)) return undefined;
  for (const row of rows as Node[]) {
    const items = row.kind === 'PrimitiveValueListNode' ? (row['values'] as unknown[]) : row.kind === 'ValueListNode' ? (row['values'] as unknown[]) : [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const found = row.kind === 'PrimitiveValueListNode' ? (hasNul(item) ? '' : undefined) : findNul(item, undefined);
      if (found !== undefined) return columns[i] ?? found;
    }
  }
  return undefined;
}

function columnName(node: unknown): string | undefined {
  const n = node as Node | undefined;
  if (n?.kind === 'ColumnNode') return ((n['column'] as Node | undefined)?.['name'] as string | undefined) ?? undefined;
  if (n?.kind === 'ReferenceNode') return columnName(n['column']);
  return undefined;
}

function hasNul(value: unknown): boolean {
  return typeof value === 'string' && value.includes(NUL);
}
