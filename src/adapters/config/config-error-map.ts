import type { z } from 'zod';
import { unknownValueMessage } from '../../domain/errors/index.js';

// Messages for config problems, worded for someone editing YAML rather than a JS developer:
// "a list" not "array", "a mapping" not "object", and the offending value quoted back.

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
};

/** How a YAML value reads in a message: "text 'mon-fri'", "the number 15", "a list", "an empty value". */
export function describeValue(value: unknown): string {
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return `text '${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

/** A schema-level error for a wrong type that names what is expected: "expected a duration such as …". */
export function expectedError(what: string): z.core.$ZodErrorMap {
  return (iss) => {
    if (iss.code !== 'invalid_type') return undefined;
    return iss.input === undefined ? 'this key is required' : `expected ${what}, got ${describeValue(iss.input)}`;
  };
}

/**
 * The fallback for every issue without a schema-level message. Unknown keys are not worded here:
 * the loader splits them per key and suggests the closest known key.
 */
export const configErrorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'this key is required';
      return `expected ${EXPECTED[iss.expected] ?? iss.expected}, got ${describeValue(iss.input)}`;
    case 'invalid_value': {
      const what = lastKeyName(iss.path) ?? 'value';
      return unknownValueMessage(what, String(iss.input), iss.values.map(String));
    }
    default:
      return undefined;
  }
};

function lastKeyName(path: readonly PropertyKey[] | undefined): string | undefined {
  const key = [...(path ?? [])].reverse().find((p): p is string => typeof p === 'string');
  return key?.replaceAll('_', ' ');
}
