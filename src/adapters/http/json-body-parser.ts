import { AppError } from '../../domain/errors/index.js';

const MAX_DEPTH = 32;
/** Keys that mean something to JavaScript objects; no field of ours is called that. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

const invalid = (message: string, path = 'body') => new AppError('VALIDATION', message, { issues: [{ path, message }] });

/**
 * A request body as JSON, stricter than JSON.parse: the bytes must be valid UTF-8 (no silent
 * U+FFFD), nesting is bounded, and keys that could reach an object's prototype are refused.
 * Messages never quote the body: it may hold a secret.
 */
export function parseJsonBody(raw: Buffer): unknown {
  let textBody: string;
  try {
    textBody = utf8.decode(raw);
  } catch {
    throw invalid('The request body is not valid UTF-8.');
  }
  if (textBody.trim() === '') throw invalid('The request body is empty; send a JSON object ({} when there is nothing to say).');
  let value: unknown;
  try {
    value = JSON.parse(textBody);
  } catch {
    throw invalid('The request body is not valid JSON.');
  }
  checkShape(value);
  return value;
}

/** Iterative, so a hostile body cannot overflow the stack before the depth check sees it. */
function checkShape(root: unknown): void {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) throw invalid(`The request body is nested more than ${MAX_DEPTH} levels deep.`);
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key)) throw invalid(`The request body has a forbidden key '${key}'.`, key);
      stack.push({ value: item, depth: depth + 1 });
    }
  }
}
