import type { z } from 'zod';
import { AppError, refuseNulCharacters, type Issue } from '../../domain/errors/index.js';

export type InputPart = 'body' | 'query' | 'path';

const MAX_DETAILS = 20;
const clip = (s: string) => (s.length > 100 ? `${s.slice(0, 99)}…` : s);

/**
 * Parses one part of a request with its schema, or throws VALIDATION listing every failing field
 * (unknown fields one by one). Messages name fields and expectations, never the values sent. Every
 * route's input passes here, so this is where text holding a NUL character is refused, naming the
 * field (no store can be asked to hold it: PostgreSQL cannot).
 */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown, part: InputPart): z.infer<S> {
  refuseNulCharacters(input);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: Issue[] = [];
  for (const issue of result.error.issues) {
    const at = issue.path.map(String).map(clip).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push({ path: clip(at === '' ? key : `${at}.${key}`), message: 'unknown field' });
    } else {
      issues.push({ path: at === '' ? part : at, message: issue.message });
    }
  }
  const shown = issues.slice(0, MAX_DETAILS);
  const summary = shown.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ');
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  throw new AppError('VALIDATION', `Invalid request ${part === 'path' ? 'path' : part}: ${summary}${more}.`, { issues: shown });
}
