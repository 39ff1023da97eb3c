import { AppError } from '../../domain/errors/index.js';
import { TOKEN_SCOPES, type TokenScope } from '../ports/index.js';

/**
 * The scopes a new token gets: a list like `read,ingest` (comma- or space-separated, or an array),
 * in the order of TOKEN_SCOPES; every scope when none is given.
 */
export function parseTokenScopes(input: string | readonly string[] | undefined): TokenScope[] {
  if (input === undefined) return [...TOKEN_SCOPES];
  const words = (typeof input === 'string' ? [input] : input).flatMap((w) => w.split(/[\s,]+/)).map((w) => w.trim().toLowerCase()).filter((w) => w !== '');
  if (words.length === 0) {
    throw new AppError('VALIDATION', `scopes: give at least one of ${TOKEN_SCOPES.join(', ')}, e.g. --scope read,ingest`, { issues: [{ path: 'scopes', message: 'empty' }] });
  }
  for (const w of words) {
    if (!(TOKEN_SCOPES as readonly string[]).includes(w)) {
      throw new AppError('VALIDATION', `scopes: unknown scope '${w.slice(0, 32)}'; a token's scopes are ${TOKEN_SCOPES.join(', ')}`, { issues: [{ path: 'scopes', message: `unknown scope '${w.slice(0, 32)}'` }] });
    }
  }
  return TOKEN_SCOPES.filter((s) => words.includes(s));
}

/**
 * The scope a request over the API needs: ingest routes declare `ingest`; otherwise reading (GET)
 * needs `read` and anything else `write`.
 */
export function requiredScope(method: string, declared: TokenScope | undefined): TokenScope {
  return declared ?? (method === 'GET' ? 'read' : 'write');
}

/** FORBIDDEN when the token's scopes lack the one needed, saying which it has and what to do. */
export function requireScope(scopes: readonly TokenScope[], needed: TokenScope, what: string): void {
  if (scopes.includes(needed)) return;
  throw new AppError(
    'FORBIDDEN',
    `This token is limited to ${scopes.join(', ')}; ${what} needs the ${needed} scope. Use a token created with "incident-response token create --scope ${needed} …".`,
  );
}
