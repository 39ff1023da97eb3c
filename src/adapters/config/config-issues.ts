import { isMap, isNode, isScalar, type Document, type LineCounter, type YAMLError } from 'yaml';
import { z } from 'zod';
import { unknownValueMessage, type Issue } from '../../domain/errors/index.js';

// Turns YAML syntax errors and schema issues into Issues that name the key path, line and column.
// Positions come from the parsed YAML document: the node at the issue's path, or for an unknown
// key the key itself; when the path does not exist in the file (a required key is missing, or a
// check on a merged default), the closest enclosing node that does.

type Path = readonly (string | number)[];

export function issuesFromYaml(errors: readonly YAMLError[], lineCounter: LineCounter): Issue[] {
  return errors.map((e) => ({ path: '', message: `YAML syntax error: ${e.message}`, ...position(lineCounter, e.pos[0]) }));
}

export function issuesFromSchema(issues: readonly z.core.$ZodIssue[], schema: z.ZodType, doc: Document, lineCounter: LineCounter): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, path);
      for (const key of issue.keys) {
        const message = known.length > 0 ? unknownValueMessage('key', key, known) : `unknown key '${key}'`;
        out.push(locate(doc, lineCounter, [...path, key], message, true));
      }
    } else if (issue.code === 'invalid_key') {
      out.push(locate(doc, lineCounter, path, issue.issues[0]?.message ?? issue.message, true));
    } else {
      out.push(locate(doc, lineCounter, path, issue.message, false));
    }
  }
  return out;
}

/** severity_policy.critical.respond_within, workflows.data.phases[0].steps[1].key, services["Bad Id"]. */
export function formatKeyPath(path: Path): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(p)) out += out === '' ? p : `.${p}`;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

function locate(doc: Document, lineCounter: LineCounter, path: Path, message: string, isKey: boolean): Issue {
  return { path: formatKeyPath(path), message, ...position(lineCounter, offsetOf(doc, path, isKey)) };
}

function position(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function offsetOf(doc: Document, path: Path, isKey: boolean): number {
  const last = path[path.length - 1];
  if (isKey && last !== undefined) {
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(last));
      if (isNode(pair?.key) && pair.key.range) return pair.key.range[0];
    }
  }
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return doc.contents?.range?.[0] ?? 0;
}

/** The keys the schema allows at `path`, for "did you mean". */
function knownKeysAt(schema: z.ZodType, path: Path): string[] {
  let s: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (s instanceof z.ZodObject) s = (s.shape as Record<string, z.ZodType>)[String(segment)];
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else if (s instanceof z.ZodRecord) s = s.valueType as z.ZodType;
    else return [];
    if (s === undefined) return [];
    s = unwrap(s);
  }
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else return s;
  }
}
