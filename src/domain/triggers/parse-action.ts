import { findEnvironment, findIncidentType, findSeverity, PUBLIC_STATUSES, SEVERITIES, ENVIRONMENTS, INCIDENT_TYPES } from '../classification/index.js';
import { assertNever } from '../errors/index.js';
import { ACTION_PARAMS, TRIGGER_ACTION_NAMES, type ActionParam, type TriggerAction, type TriggerActionName } from './trigger-action.js';
import { ReadError, readError, unknownAt, type TextError } from './text-error.js';

export type ActionParse = { readonly ok: true; readonly action: TriggerAction } | { readonly ok: false; readonly error: TextError };

interface Argument {
  readonly name: string | undefined;
  readonly value: string;
  /** 0-based offsets of the argument's name (or value when positional) and of its value. */
  readonly at: number;
  readonly valueAt: number;
}

/**
 * Reads an action call as written in a trigger: `name()`, `name('positional')`,
 * `name(key='value', key="value", key=bare_word)`. Positional arguments come first and fill the
 * action's parameters in order; each value is checked against what the parameter takes.
 */
export function parseAction(text: string): ActionParse {
  try {
    return { ok: true, action: new ActionReader(text).read() };
  } catch (e) {
    if (e instanceof ReadError) return { ok: false, error: { message: e.message, column: e.column } };
    throw e;
  }
}

class ActionReader {
  private pos = 0;

  constructor(private readonly text: string) {}

  read(): TriggerAction {
    this.skipSpace();
    const nameAt = this.pos;
    const name = this.word();
    if (name === '') throw readError(this.pos, 'expected an action name', `, found ${this.describeHere()}`);
    if (!(TRIGGER_ACTION_NAMES as readonly string[]).includes(name)) {
      throw unknownAt(nameAt, 'action', name, TRIGGER_ACTION_NAMES);
    }
    this.skipSpace();
    if (this.peek() !== '(') throw readError(this.pos, `expected '(' after '${name}'`, `, found ${this.describeHere()}; write e.g. '${name}()'`);
    this.pos++;
    const args = this.arguments();
    this.skipSpace();
    if (!this.atEnd()) throw readError(this.pos, 'expected the end of the action', `, found ${this.describeHere()}; give one action per list item`);
    return build(name as TriggerActionName, bind(name as TriggerActionName, args, this.pos));
  }

  private arguments(): Argument[] {
    const args: Argument[] = [];
    this.skipSpace();
    if (this.peek() === ')') {
      this.pos++;
      return args;
    }
    for (;;) {
      this.skipSpace();
      args.push(this.argument());
      this.skipSpace();
      const c = this.peek();
      this.pos++;
      if (c === ')') return args;
      if (c !== ',') throw readError(this.pos - 1, "expected ',' or ')'", `, found ${c === '' ? 'the end of the action' : quoteChar(c)}`);
    }
  }

  private argument(): Argument {
    const at = this.pos;
    const quote = this.peek();
    if (quote === "'" || quote === '"') return { name: undefined, value: this.quoted(), at, valueAt: at };
    const word = this.word();
    if (word === '') throw readError(this.pos, 'expected an argument', `, found ${this.describeHere()}`);
    this.skipSpace();
    if (this.peek() !== '=') return { name: undefined, value: word, at, valueAt: at };
    this.pos++;
    this.skipSpace();
    const valueAt = this.pos;
    const q = this.peek();
    const value = q === "'" || q === '"' ? this.quoted() : this.word();
    if (value === '' && q !== "'" && q !== '"') throw readError(this.pos, `expected a value after '${word}='`, `, found ${this.describeHere()}`);
    return { name: word, value, at, valueAt };
  }

  /** A single- or double-quoted string; backslash escapes the next character. */
  private quoted(): string {
    const start = this.pos;
    const quote = this.peek();
    this.pos++;
    let out = '';
    while (!this.atEnd() && this.peek() !== quote) {
      if (this.peek() === '\\' && this.pos + 1 < this.text.length) this.pos++;
      out += this.peek();
      this.pos++;
    }
    if (this.atEnd()) throw readError(start, 'unterminated string', `; close it with ${quote}`);
    this.pos++;
    return out;
  }

  private word(): string {
    const m = /^[A-Za-z0-9_.-]+/.exec(this.text.slice(this.pos));
    if (!m) return '';
    this.pos += m[0].length;
    return m[0];
  }

  private describeHere(): string {
    return this.atEnd() ? 'the end of the action' : quoteChar(this.peek());
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

function quoteChar(c: string): string {
  return c === "'" ? `"'"` : `'${c}'`;
}

/** Matches arguments to the action's parameters and checks each value. */
function bind(name: TriggerActionName, args: readonly Argument[], endAt: number): Map<string, string> {
  const params = ACTION_PARAMS[name];
  const values = new Map<string, string>();
  let seenNamed = false;
  args.forEach((arg, i) => {
    let p: ActionParam | undefined;
    if (arg.name === undefined) {
      if (seenNamed) throw readError(arg.at, 'a positional argument cannot follow a named one', `; write e.g. ${params[i]?.name ?? 'key'}='${arg.value}'`);
      p = params[i];
      if (p === undefined) {
        const takes = params.length === 0 ? 'takes no arguments' : `takes at most ${params.length} (${params.map((x) => x.name).join(', ')})`;
        throw readError(arg.at, `too many arguments to ${name}()`, `: it ${takes}`);
      }
    } else {
      seenNamed = true;
      p = params.find((x) => x.name === arg.name);
      if (p === undefined) {
        if (params.length === 0) throw readError(arg.at, `unknown argument '${arg.name}'`, `: ${name}() takes no arguments`);
        throw unknownAt(arg.at, 'argument', arg.name, params.map((x) => x.name));
      }
      if (values.has(p.name)) throw readError(arg.at, `'${p.name}' is given twice`);
    }
    values.set(p.name, checkValue(p, arg));
  });
  const missing = params.find((p) => p.isRequired && !values.has(p.name));
  if (missing) throw readError(endAt - 1, `${name}() needs '${missing.name}'`, `, e.g. ${name}(${missing.name}='${example(missing)}')`);
  return values;
}

function checkValue(p: ActionParam, arg: Argument): string {
  const value = arg.value.trim();
  const bad = (allowed: readonly string[]) => unknownAt(arg.valueAt, p.name, arg.value, allowed);
  switch (p.kind) {
    case 'severity': {
      const s = findSeverity(value);
      if (s === undefined) throw bad(SEVERITIES);
      return s;
    }
    case 'incident-type': {
      const t = findIncidentType(value);
      if (t === undefined) throw bad(INCIDENT_TYPES);
      return t;
    }
    case 'environment': {
      const e = findEnvironment(value);
      if (e === undefined) throw bad(ENVIRONMENTS);
      return e;
    }
    case 'public-status': {
      const t = value.toLowerCase();
      if (!(PUBLIC_STATUSES as readonly string[]).includes(t)) throw bad(PUBLIC_STATUSES);
      return t;
    }
    case 'text':
      if (value === '') throw readError(arg.valueAt, `'${p.name}' must not be empty`);
      return value;
    default:
      return assertNever(p.kind);
  }
}

function example(p: ActionParam): string {
  switch (p.kind) {
    case 'severity': return 'critical';
    case 'incident-type': return 'outage';
    case 'environment': return 'production';
    case 'public-status': return 'investigating';
    case 'text': return '…';
    default: return assertNever(p.kind);
  }
}

/** The typed action from checked values; optional fields only when given. */
function build(name: TriggerActionName, v: ReadonlyMap<string, string>): TriggerAction {
  const opt = <K extends string>(key: K) => (v.has(key) ? ({ [key]: v.get(key) } as Record<K, never>) : {});
  switch (name) {
    case 'create_incident':
      return { name, severity: v.get('severity') as never, ...opt('type'), ...opt('environment'), ...opt('service'), ...opt('title') };
    case 'page_oncall_engineer':
      return { name, ...opt('service') };
    case 'update_status_page':
      return { name, status: v.get('status') as never, ...opt('message'), ...opt('title'), ...opt('components') };
    case 'create_security_incident':
      return { name, ...opt('severity'), ...opt('environment'), ...opt('service'), ...opt('title') };
    case 'start_war_room':
    case 'alert_security_team':
    case 'begin_log_collection':
    case 'isolate_suspicious_sources':
    case 'failover':
    case 'reroute_traffic':
    case 'scale':
      return { name };
    default:
      return assertNever(name);
  }
}
