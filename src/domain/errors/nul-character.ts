import { AppError } from './app-error.js';

/**
 * NUL (U+0000) in text. PostgreSQL text cannot hold it while SQLite can, so one rule applies on
 * every store: text people type (API, web, Slack) that holds a NUL is refused naming the field;
 * payloads machines send (alert ingest) have it replaced with U+FFFD, so the sender's delivery is
 * taken instead of being retried forever.
 */
const NUL = '\u0000';
const REPLACEMENT = '\uFFFD';
const MAX_DEPTH = 64;

/** The path (dotted, as validation issues name fields) of the first string or key holding a NUL, or undefined. */
export function findNulCharacter(value: unknown, path = ''): string | undefined {
  return find(value, path, 0);
}

function find(value: unknown, path: string, depth: number): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = find(value[i], at(String(i)), depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.includes(NUL)) return at(key.replaceAll(NUL, REPLACEMENT));
    const found = find(item, at(key), depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** VALIDATION naming the field that holds a NUL character. */
export function nulCharacterError(path: string): AppError {
  const field = path === '' ? 'The input' : `'${path}'`;
  return new AppError('VALIDATION', `${field} contains a NUL character (U+0000), which cannot be stored. Remove it and send the text again.`, {
    issues: [{ path: path === '' ? 'input' : path, message: 'contains a NUL character (U+0000); remove it' }],
  });
}

/** Throws VALIDATION naming the first field of `value` that holds a NUL character. */
export function refuseNulCharacters(value: unknown, path = ''): void {
  const found = findNulCharacter(value, path);
  if (found !== undefined) throw nulCharacterError(found);
}

/** A copy of `value` with every NUL in its strings and keys replaced by U+FFFD; other values as they were. */
export function replaceNulCharacters<T>(value: T): T {
  return replace(value, 0) as T;
}

function replace(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.includes(NUL) ? value.replaceAll(NUL, REPLACEMENT) : value;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => replace(item, depth + 1));
  // Only plain records are rebuilt; anything else (a Date, a Map) is not what a payload holds.
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  // fromEntries defines own properties, so a "__proto__" key stays a key.
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.includes(NUL) ? key.replaceAll(NUL, REPLACEMENT) : key, replace(item, depth + 1)]));
}
