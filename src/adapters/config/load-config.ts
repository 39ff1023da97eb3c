import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { DEFAULT_RESPONSE_CONFIG, type ResponseConfig } from '../../app/config/index.js';
import { AppError, type Issue } from '../../domain/errors/index.js';
import { configErrorMap } from './config-error-map.js';
import { issuesFromSchema, issuesFromYaml } from './config-issues.js';
import { buildConfigSchema } from './config-schema.js';

const CONFIG_SCHEMA = buildConfigSchema(DEFAULT_RESPONSE_CONFIG);
const FIX_HINT = 'Every key is described in docs/configuration.md; check the file again with "incident-response config validate".';

/**
 * Reads a configuration file. Throws one AppError CONFIG_INVALID listing every problem as
 * `file:line:column: key.path: what is wrong`. An empty file means the defaults.
 */
export function parseConfig(text: string, fileName: string): ResponseConfig {
  const lineCounter = new LineCounter();
  // merge: true lets a file share settings between severities with anchors and `<<: *base`.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, merge: true });
  if (doc.errors.length > 0) throw invalidConfig(fileName, issuesFromYaml(doc.errors, lineCounter));
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw invalidConfig(fileName, [{ path: '', message: `cannot read the YAML: ${e instanceof Error ? e.message : String(e)}`, line: 1, column: 1 }]);
  }
  const result = CONFIG_SCHEMA.safeParse(data ?? {}, { error: configErrorMap });
  if (result.success) return result.data;
  throw invalidConfig(fileName, issuesFromSchema(result.error.issues, CONFIG_SCHEMA, doc, lineCounter));
}

export function loadConfigFile(path: string): ResponseConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new AppError('CONFIG_INVALID', `cannot read config file ${path}: ${why}`, {
      hint: 'Check the path given with --config or IR_CONFIG, or remove it to use ./incident-response.yaml or the built-in defaults.',
      cause: e,
    });
  }
  return parseConfig(text, path);
}

function invalidConfig(fileName: string, issues: Issue[]): AppError {
  const sorted = [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const lines = sorted.map((i) => `  ${fileName}:${i.line ?? 1}:${i.column ?? 1}: ${i.path === '' ? '' : `${i.path}: `}${i.message}`);
  const count = sorted.length === 1 ? '1 problem' : `${sorted.length} problems`;
  return new AppError('CONFIG_INVALID', `config file ${fileName} is invalid (${count}):\n${lines.join('\n')}`, { issues: sorted, hint: FIX_HINT });
}
