import { Document, visit } from 'yaml';
import type { ImportedConfig } from '../../app/import/index.js';

/**
 * The imported configuration as YAML in the shape `config validate` reads, under a comment
 * header. Values that start with a digit or '+' (times, dates, phone numbers) are double-quoted,
 * as docs/configuration.md asks, so no YAML 1.1 tool reads them as numbers.
 */
export function renderImportedConfig(config: ImportedConfig, header: readonly string[]): string {
  const body: Record<string, unknown> = {};
  for (const key of ['people', 'teams', 'schedules', 'escalation_policies', 'services'] as const) {
    if (Object.keys(config[key]).length > 0) body[key] = config[key];
  }
  const doc = new Document(body);
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && /^[\d+]/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  doc.commentBefore = header.map((line) => (line === '' ? '' : ` ${line}`)).join('\n');
  const text = doc.toString({ lineWidth: 0 });
  return text.endsWith('\n') ? text : `${text}\n`;
}
