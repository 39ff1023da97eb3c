// A small renderer for the subset of Helm's Go templates our chart uses (helm is not installed here):
// actions {{ … }} with {{- / -}} trimming, if / else / end, define / include, pipelines and the
// functions quote, default, toYaml, nindent, indent, not, or, and. Anything else is an error, so a
// template that grows past the subset fails the test instead of rendering wrongly.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

type Node = { kind: 'text'; text: string } | { kind: 'action'; expr: string } | { kind: 'if'; expr: string; then: Node[]; else: Node[] };

interface Scope {
  readonly root: Record<string, unknown>;
  readonly defines: Map<string, Node[]>;
}

function tokenize(source: string): { kind: 'text' | 'action'; text: string }[] {
  const out: { kind: 'text' | 'action'; text: string }[] = [];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    if (open < 0) { out.push({ kind: 'text', text: source.slice(i) }); break; }
    let text = source.slice(i, open);
    const close = source.indexOf('}}', open);
    if (close < 0) throw new Error('unclosed {{');
    let inner = source.slice(open + 2, close);
    if (inner.startsWith('-')) { text = text.replace(/\s+$/, ''); inner = inner.slice(1); }
    let next = close + 2;
    if (inner.endsWith('-')) {
      inner = inner.slice(0, -1);
      while (next < source.length && /\s/.test(source[next]!)) next++;
    }
    out.push({ kind: 'text', text });
    out.push({ kind: 'action', text: inner.trim() });
    i = next;
  }
  return out;
}

function parseNodes(tokens: { kind: 'text' | 'action'; text: string }[], defines: Map<string, Node[]>): Node[] {
  let pos = 0;
  const block = (): { nodes: Node[]; ended: 'end' | 'else' | 'eof' } => {
    const nodes: Node[] = [];
    while (pos < tokens.length) {
      const t = tokens[pos++]!;
      if (t.kind === 'text') { nodes.push({ kind: 'text', text: t.text }); continue; }
      if (t.text.startsWith('/*')) continue;
      if (t.text === 'end') return { nodes, ended: 'end' };
      if (t.text === 'else') return { nodes, ended: 'else' };
      const m = /^(if|define)\s+(.*)$/.exec(t.text);
      if (m?.[1] === 'if') {
        const then = block();
        const otherwise = then.ended === 'else' ? block() : { nodes: [], ended: 'end' as const };
        if (otherwise.ended !== 'end') throw new Error(`if ${m[2]} is not closed`);
        nodes.push({ kind: 'if', expr: m[2]!, then: then.nodes, else: otherwise.nodes });
      } else if (m?.[1] === 'define') {
        const body = block();
        if (body.ended !== 'end') throw new Error(`define ${m[2]} is not closed`);
        defines.set(JSON.parse(m[2]!) as string, body.nodes);
      } else {
        if (/^(range|with|template|block)\b/.test(t.text)) throw new Error(`unsupported action: ${t.text}`);
        nodes.push({ kind: 'action', expr: t.text });
      }
    }
    return { nodes, ended: 'eof' };
  };
  const { nodes, ended } = block();
  if (ended !== 'eof') throw new Error(`unexpected {{ ${ended} }}`);
  return nodes;
}

const truthy = (v: unknown): boolean =>
  !(v === undefined || v === null || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0));

function splitTerms(expr: string): string[] {
  const terms: string[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '"') { const j = expr.indexOf('"', i + 1); terms.push(expr.slice(i, j + 1)); i = j + 1; continue; }
    if (c === '(') {
      let depth = 0; let j = i;
      for (; j < expr.length; j++) { if (expr[j] === '(') depth++; if (expr[j] === ')' && --depth === 0) break; }
      terms.push(expr.slice(i, j + 1)); i = j + 1; continue;
    }
    if (c === '|') { terms.push('|'); i++; continue; }
    let j = i;
    while (j < expr.length && !/[\s|()]/.test(expr[j]!)) j++;
    terms.push(expr.slice(i, j)); i = j;
  }
  return terms;
}

function evaluate(expr: string, ctx: Record<string, unknown>, scope: Scope): unknown {
  const terms = splitTerms(expr);
  const commands: string[][] = [[]];
  for (const t of terms) { if (t === '|') commands.push([]); else commands[commands.length - 1]!.push(t); }
  let piped: unknown[] = [];
  for (const command of commands) {
    const [head, ...rest] = command;
    if (head === undefined) throw new Error(`empty command in ${expr}`);
    const args = [...rest.map((a) => operand(a, ctx, scope)), ...piped];
    piped = [call(head, args, ctx, scope, rest.length === 0 && piped.length === 0)];
  }
  return piped[0];
}

function operand(term: string, ctx: Record<string, unknown>, scope: Scope): unknown {
  if (term.startsWith('"')) return JSON.parse(term);
  if (term.startsWith('(')) return evaluate(term.slice(1, -1), ctx, scope);
  if (/^-?\d+$/.test(term)) return Number(term);
  if (term === '.') return ctx;
  if (term.startsWith('.')) {
    let v: unknown = ctx;
    for (const key of term.slice(1).split('.')) v = (v as Record<string, unknown> | undefined)?.[key];
    return v;
  }
  throw new Error(`unsupported operand: ${term}`);
}

function call(head: string, args: unknown[], ctx: Record<string, unknown>, scope: Scope, alone: boolean): unknown {
  if (alone && (head.startsWith('.') || head.startsWith('"') || head.startsWith('('))) return operand(head, ctx, scope);
  const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  switch (head) {
    case 'quote': return JSON.stringify(str(args[0]));
    case 'default': return truthy(args[1]) ? args[1] : args[0];
    case 'toYaml': return stringify(args[0]).replace(/\n$/, '');
    case 'nindent': return '\n' + str(args[1]).split('\n').map((l) => ' '.repeat(Number(args[0])) + l).join('\n');
    case 'indent': return str(args[1]).split('\n').map((l) => ' '.repeat(Number(args[0])) + l).join('\n');
    case 'not': return !truthy(args[0]);
    case 'or': return args.find(truthy) ?? args[args.length - 1];
    case 'and': return args.find((a) => !truthy(a)) ?? args[args.length - 1];
    case 'include': {
      const body = scope.defines.get(String(args[0]));
      if (body === undefined) throw new Error(`no template named ${String(args[0])}`);
      return renderNodes(body, args[1] as Record<string, unknown>, scope);
    }
    default:
      if (head.startsWith('.') || head.startsWith('"')) return operand(head, ctx, scope);
      throw new Error(`unsupported function: ${head}`);
  }
}

function renderNodes(nodes: Node[], ctx: Record<string, unknown>, scope: Scope): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.text;
    else if (n.kind === 'action') { const v = evaluate(n.expr, ctx, scope); out += v === undefined || v === null ? '' : String(v); }
    else out += renderNodes(truthy(evaluate(n.expr, ctx, scope)) ? n.then : n.else, ctx, scope);
  }
  return out;
}

function merge(base: unknown, over: unknown): unknown {
  if (typeof base !== 'object' || base === null || Array.isArray(base) || typeof over !== 'object' || over === null || Array.isArray(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) out[k] = merge(out[k], v);
  return out;
}

/** Renders every template of the chart at `chartDir` with values.yaml merged with `overrides`: file name → manifest text. */
export function renderChart(chartDir: string, overrides: Record<string, unknown> = {}, release = 'ir'): Map<string, string> {
  const chart = parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8')) as Record<string, unknown>;
  const values = merge(parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8')), overrides);
  const root = {
    Values: values,
    Chart: { Name: chart['name'], Version: chart['version'], AppVersion: chart['appVersion'] },
    Release: { Name: release, Namespace: 'default', Service: 'Helm' },
  };
  const scope: Scope = { root, defines: new Map() };
  const dir = join(chartDir, 'templates');
  const files = readdirSync(dir).sort();
  const parsed = files.map((f) => [f, parseNodes(tokenize(readFileSync(join(dir, f), 'utf8')), scope.defines)] as const);
  const out = new Map<string, string>();
  for (const [file, nodes] of parsed) {
    if (file.startsWith('_')) continue;
    out.set(file, renderNodes(nodes, root, scope));
  }
  return out;
}
