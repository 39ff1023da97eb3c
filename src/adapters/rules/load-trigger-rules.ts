import { LineCounter, parseDocument } from 'yaml';
import { AppError, type Issue } from '../../domain/errors/index.js';
import { formatPath, parseTriggerRules, type TriggerRuleSet } from '../../domain/triggers/index.js';
import { readTextFile } from './read-text-file.js';
import { yamlPosition } from './yaml-position.js';

const FIX_HINT = 'The trigger syntax is described in docs/triggers.md; an example is examples/triggers.yaml.';

/**
 * Reads a trigger rules file (the `triggers:` form of DESIGN §2). Throws one AppError
 * CONFIG_INVALID listing every problem as `file:line:column: key.path: what is wrong`, with the
 * column inside a condition or action string where the problem is.
 */
export function parseTriggerRulesYaml(text: string, fileName: string): TriggerRuleSet {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, merge: true });
  if (doc.errors.length > 0) {
    throw invalidRules(fileName, doc.errors.map((e) => {
      const { line, col } = lineCounter.linePos(e.pos[0]);
      return { path: '', message: `YAML syntax error: ${e.message}`, line, column: col };
    }));
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw invalidRules(fileName, [{ path: '', message: `cannot read the YAML: ${e instanceof Error ? e.message : String(e)}`, line: 1, column: 1 }]);
  }
  const parsed = parseTriggerRules(data);
  if (parsed.ok) return parsed.ruleSet;
  throw invalidRules(fileName, parsed.issues.map((i) => ({
    path: formatPath(i.path),
    message: i.message,
    ...yamlPosition(doc, lineCounter, i.path, { ...(i.isKey ? { isKey: true } : {}), ...(i.column === undefined ? {} : { columnInValue: i.column }) }),
  })));
}

export function loadTriggerRulesFile(path: string): TriggerRuleSet {
  return parseTriggerRulesYaml(readTextFile(path, 'rules'), path);
}

function invalidRules(fileName: string, issues: Issue[]): AppError {
  const sorted = [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const lines = sorted.map((i) => `  ${fileName}:${i.line ?? 1}:${i.column ?? 1}: ${i.path === '' ? '' : `${i.path}: `}${i.message}`);
  const count = sorted.length === 1 ? '1 problem' : `${sorted.length} problems`;
  return new AppError('CONFIG_INVALID', `rules file ${fileName} is invalid (${count}):\n${lines.join('\n')}`, { issues: sorted, hint: FIX_HINT });
}
