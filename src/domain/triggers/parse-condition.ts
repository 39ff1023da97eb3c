import { COMPARISON_OPERATORS, type ComparisonOperator, type Condition } from './condition.js';
import { makeQuantity, unknownUnitHint } from './quantity.js';
import { ReadError, readError, type TextError } from './text-error.js';

export type ConditionParse = { readonly ok: true; readonly condition: Condition } | { readonly ok: false; readonly error: TextError };

const OPERATOR_LIST = COMPARISON_OPERATORS.join(', ');
const IDENT_START = /[A-Za-z_:]/;
const IDENT_REST = /[A-Za-z0-9_:]/;
const UNIT_CHAR = /[A-Za-z%/]/;
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)/y;
/** Operators people type from other languages, with what to write instead. */
const MISTYPED_OPERATORS: readonly (readonly [string, string])[] = [
  ['===', '=='], ['!==', '!='], ['=>', '>='], ['=<', '<='], ['<>', '!='], ['=', '=='],
];

/**
 * Reads one trigger condition:
 *
 *   condition := signal | 'not' signal | metric operator number [unit]
 *   operator  := '>' | '>=' | '<' | '<=' | '==' | '!='
 *   unit      := '%' | ms | s | m | min | h | d | '/' (s | sec | min | minute | hour | h | day)
 *
 * A hand-written recursive descent rather than jsep: the language is one comparison, and jsep can
 * read neither `50%` nor `30s`, so most of the work (units, positions, messages) would be ours anyway.
 */
export function parseCondition(text: string): ConditionParse {
  return new ConditionReader(text).read();
}

class ConditionReader {
  private pos = 0;

  constructor(private readonly text: string) {}

  read(): ConditionParse {
    try {
      return { ok: true, condition: this.condition() };
    } catch (e) {
      if (e instanceof ReadError) return { ok: false, error: { message: e.message, column: e.column } };
      throw e;
    }
  }

  private condition(): Condition {
    const text = this.text.trim();
    this.skipSpace();
    if (this.atEnd()) this.fail(this.pos, 'expected a metric or signal name', ', found an empty condition');
    if (this.peek() === '!' && this.text[this.pos + 1] !== '=') {
      this.fail(this.pos, 'expected a metric or signal name', ", found '!'; negate a signal with 'not', e.g. 'not maintenance_window'");
    }
    const name = this.identifier('a metric or signal name');
    this.skipSpace();
    if (name === 'not') return this.negatedSignal(text);
    if (this.atEnd()) return { kind: 'signal', signal: name, isNegated: false, text };
    const operator = this.operator(name);
    this.skipSpace();
    const threshold = this.quantity(operator);
    this.expectEnd();
    return { kind: 'compare', metric: name, operator, threshold, text };
  }

  private negatedSignal(text: string): Condition {
    if (this.atEnd()) this.fail(this.pos, "expected a signal name after 'not'", ', found the end of the condition');
    const signal = this.identifier("a signal name after 'not'");
    this.skipSpace();
    if (!this.atEnd()) {
      if (this.operatorAt(this.pos) !== undefined) {
        this.fail(this.pos, `unexpected '${this.operatorAt(this.pos)}'`, `: 'not' applies to a boolean signal, not to a comparison; write the opposite comparison instead (e.g. 'x <= 5' for 'not x > 5')`);
      }
      this.unexpected();
    }
    return { kind: 'signal', signal, isNegated: true, text };
  }

  private identifier(what: string): string {
    const start = this.pos;
    if (!IDENT_START.test(this.peek())) this.fail(start, `expected ${what}`, `, found ${this.describeHere()}`);
    while (!this.atEnd() && IDENT_REST.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private operator(name: string): ComparisonOperator {
    const found = this.operatorAt(this.pos);
    if (found !== undefined) {
      this.pos += found.length;
      return found;
    }
    const mistyped = MISTYPED_OPERATORS.find(([bad]) => this.text.startsWith(bad, this.pos));
    if (mistyped) this.fail(this.pos, `'${mistyped[0]}' is not a comparison operator`, `; write '${mistyped[1]}'`);
    const word = /^[A-Za-z_]+/.exec(this.text.slice(this.pos))?.[0];
    if (word === 'and' || word === 'or') this.combine(this.pos, word);
    this.fail(this.pos, `expected a comparison operator after '${name}'`, ` (${OPERATOR_LIST}), found ${this.describeHere()}`);
  }

  private operatorAt(at: number): ComparisonOperator | undefined {
    // Two-character operators first, so '>=' is not read as '>' followed by '='; '===' is a typo, not '==' then '='.
    if (this.text.startsWith('===', at) || this.text.startsWith('!==', at)) return undefined;
    const two = this.text.slice(at, at + 2);
    const one = this.text.slice(at, at + 1);
    const ops: readonly string[] = COMPARISON_OPERATORS;
    if (ops.includes(two)) return two as ComparisonOperator;
    if ((one === '>' || one === '<') && !MISTYPED_OPERATORS.some(([bad]) => this.text.startsWith(bad, at))) return one;
    return undefined;
  }

  private quantity(operator: ComparisonOperator) {
    const start = this.pos;
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) this.fail(start, `expected a number after '${operator}'`, `, found ${this.describeHere()}`);
    this.pos = NUMBER.lastIndex;
    const n = Number(m[0]);
    this.skipSpace();
    const unitAt = this.pos;
    while (!this.atEnd() && UNIT_CHAR.test(this.peek())) this.pos++;
    const unit = this.text.slice(unitAt, this.pos);
    const quantity = makeQuantity(n, unit, this.text.slice(start, this.pos).trim());
    if (quantity === undefined) {
      const word = unit.toLowerCase();
      if (word === 'and' || word === 'or') this.combine(unitAt, word);
      this.fail(unitAt, `unknown unit '${unit}'`, unknownUnitHint(unit));
    }
    return quantity;
  }

  private expectEnd(): void {
    this.skipSpace();
    if (!this.atEnd()) this.unexpected();
  }

  private unexpected(): never {
    const word = /^[A-Za-z_]+/.exec(this.text.slice(this.pos))?.[0];
    if (word === 'and' || word === 'or') this.combine(this.pos, word);
    this.fail(this.pos, `expected the end of the condition`, `, found ${this.describeHere()}; a condition is one comparison or one signal`);
  }

  private combine(at: number, word: 'and' | 'or'): never {
    const mode = word === 'and' ? 'all' : 'any';
    this.fail(at, `unexpected '${word}'`, `: list each condition separately and set 'match: ${mode}'`);
  }

  private describeHere(): string {
    if (this.atEnd()) return 'the end of the condition';
    const token = /^(?:[A-Za-z0-9_.:%/]+|[<>=!]+|\S)/.exec(this.text.slice(this.pos))?.[0] ?? this.peek();
    return `'${token}'`;
  }

  private fail(at: number, what: string, detail = ''): never {
    throw readError(at, what, detail);
  }

  private skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.peek())) this.pos++;
  }

  private peek(): string {
    return this.text[this.pos] ?? '';
  }

  private atEnd(): boolean {
    return this.pos >= this.text.length;
  }
}
