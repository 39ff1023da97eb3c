import { readFileSync } from 'node:fs';
import { AppError } from '../../domain/errors/index.js';

/** A whole UTF-8 file, or AppError VALIDATION naming it ("cannot read series file data.csv: ENOENT …"). */
export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new AppError('VALIDATION', `cannot read ${what} file ${path}: ${why}`, { cause: e, issues: [{ path: '', message: why }] });
  }
}
