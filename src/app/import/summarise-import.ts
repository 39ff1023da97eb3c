import { IMPORT_KINDS, type ImportKind, type ImportResult } from './import-model.js';

export interface ImportSummaryRow {
  readonly kind: ImportKind;
  readonly read: number;
  readonly exact: number;
  readonly approximate: number;
  readonly unmapped: number;
}

/** Per kind: how many objects were read and how many carried over exactly, approximately or not at all. */
export function summariseImport(result: ImportResult): ImportSummaryRow[] {
  return IMPORT_KINDS.map((kind) => {
    const of = result.tallies.filter((t) => t.kind === kind);
    return {
      kind,
      read: of.length,
      exact: of.filter((t) => t.level === 'exact').length,
      approximate: of.filter((t) => t.level === 'approximate').length,
      unmapped: of.filter((t) => t.level === 'unmapped').length,
    };
  });
}
