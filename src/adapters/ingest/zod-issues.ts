import type { z } from 'zod';
import type { Issue } from '../../domain/errors/index.js';

/** zod issues as our `{ path, message }`: `alerts[0].labels`, `payload.summary`. */
export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}
