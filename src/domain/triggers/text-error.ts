import { unknownValueMessage } from '../errors/index.js';

/** Where a condition or action string cannot be read: a 1-based column in that string and what is wrong there. */
export interface TextError {
  readonly message: string;
  readonly column: number;
}

/** Thrown inside the hand-written readers and caught at their entry point; never escapes the module. */
export class ReadError extends Error {
  constructor(message: string, readonly column: number) {
    super(message);
  }
}

/** "<what> at column N<detail>": the position right after what went wrong reads best. */
export function readError(at: number, what: string, detail = ''): ReadError {
  return new ReadError(`${what} at column ${at + 1}${detail}`, at + 1);
}

/** "unknown unit 'hrs' at column 9 — did you mean 'h'? (ms, s, …)". */
export function unknownAt(at: number, what: string, input: string, allowed: readonly string[]): ReadError {
  const head = `unknown ${what} '${input}'`;
  return readError(at, head, unknownValueMessage(what, input, allowed).slice(head.length));
}
