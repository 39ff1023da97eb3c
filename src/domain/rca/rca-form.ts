import { AppError, isAppError, type Issue } from '../errors/index.js';
import type { RcaCorrectiveAction } from '../incident/index.js';
import { formatCorrectiveAction, parseCorrectiveAction } from './corrective-action-text.js';
import type { RcaDocument } from './compute-rca-document.js';
import type { RcaEdit } from './decide-rca-update.js';

const SECTIONS = ['impact', 'root cause', 'contributing factors', 'corrective actions'] as const;
type Section = (typeof SECTIONS)[number];

/** The Markdown form `rca ID --edit` opens in $EDITOR; `parseRcaForm` reads it back. */
export function formatRcaForm(doc: RcaDocument): string {
  const list = (items: readonly string[]) => items.map((x, i) => `${i + 1}. ${x}`).join('\n');
  return [
    `# RCA ${doc.incidentId}: ${doc.title}`,
    '<!--',
    '  Edit the sections below, save and quit; an empty file or unchanged form records nothing.',
    '  Root cause: one line for the cause, then "- " lines for what led to it.',
    '  Corrective actions: "[Immediate|Short-term|Long-term|Process] what @owner due YYYY-MM-DD".',
    '  Comments like this one are ignored. The timeline is curated with --hide-entry / --annotate.',
    '-->',
    '',
    '## Impact',
    doc.impact,
    '',
    '## Root cause',
    doc.rootCause ?? '',
    ...doc.rootCauseDetails.map((d) => `- ${d}`),
    '',
    '## Contributing factors',
    list(doc.factors),
    '',
    '## Corrective actions',
    list(doc.actions.map(formatCorrectiveAction)),
    '',
  ].join('\n');
}

const LIST_ITEM = /^\s*(?:\d+[.)]|[-*+])\s+(.*)$/;

/**
 * Reads the form back into an edit. Sections present replace their field (an empty list section
 * clears it); sections left out change nothing. Every problem is reported with its line number.
 */
export function parseRcaForm(text: string): RcaEdit {
  const issues: Issue[] = [];
  const body: Record<Section, { line: number; text: string }[]> = { impact: [], 'root cause': [], 'contributing factors': [], 'corrective actions': [] };
  const seen = new Set<Section>();
  let section: Section | undefined;
  let inComment = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    let s = raw;
    if (inComment) {
      const end = s.indexOf('-->');
      if (end < 0) return;
      inComment = false;
      s = s.slice(end + 3);
    }
    s = s.replace(/<!--.*?-->/g, '');
    const open = s.indexOf('<!--');
    if (open >= 0) {
      inComment = true;
      s = s.slice(0, open);
    }
    if (s.trim() === '') return;
    const heading = /^\s*(#{1,6})\s*(.*?)\s*$/.exec(s);
    if (heading && heading[1] === '#') return;
    if (heading) {
      const name = heading[2]!.toLowerCase().replace(/:$/, '');
      const found = SECTIONS.find((x) => x === name);
      if (found === undefined) {
        issues.push({ path: 'rca form', line, message: `unknown section '${heading[2]}' (sections: ${SECTIONS.map(title).join(', ')})` });
        section = undefined;
        return;
      }
      if (seen.has(found)) issues.push({ path: 'rca form', line, message: `section '${title(found)}' appears twice` });
      seen.add(found);
      section = found;
      return;
    }
    if (section === undefined) {
      issues.push({ path: 'rca form', line, message: `text outside a section; start with a heading such as "## ${title('root cause')}"` });
      return;
    }
    body[section].push({ line, text: s.trim() });
  });
  if (inComment) issues.push({ path: 'rca form', line: text.split(/\r?\n/).length, message: 'a comment "<!--" is never closed with "-->"' });

  const listOf = (sec: Section): { line: number; text: string }[] =>
    body[sec].flatMap((l) => {
      const m = LIST_ITEM.exec(l.text);
      if (m && m[1]!.trim() !== '') return [{ line: l.line, text: m[1]!.trim() }];
      issues.push({ path: title(sec), line: l.line, message: 'expected a list item ("1. …" or "- …")' });
      return [];
    });

  const edit: { -readonly [K in keyof RcaEdit]: RcaEdit[K] } = {};
  if (seen.has('impact') && body.impact.length > 0) edit.impact = body.impact.map((l) => l.text).join('\n');
  if (seen.has('root cause')) {
    const cause = body['root cause'].filter((l) => !LIST_ITEM.test(l.text));
    const details = body['root cause'].filter((l) => LIST_ITEM.test(l.text)).map((l) => LIST_ITEM.exec(l.text)![1]!.trim());
    if (cause.length > 0) edit.rootCause = cause.map((l) => l.text).join('\n');
    edit.rootCauseDetails = details;
  }
  if (seen.has('contributing factors')) edit.factors = listOf('contributing factors').map((l) => l.text);
  if (seen.has('corrective actions')) {
    const actions: RcaCorrectiveAction[] = [];
    for (const item of listOf('corrective actions')) {
      try {
        actions.push(parseCorrectiveAction(item.text));
      } catch (e) {
        if (!isAppError(e)) throw e;
        issues.push({ path: 'Corrective actions', line: item.line, message: e.issues[0]?.message ?? e.message });
      }
    }
    edit.actions = actions;
  }
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new AppError('VALIDATION', `the RCA form has ${issues.length} problem${issues.length === 1 ? '' : 's'}; first at line ${first.line}: ${first.message}`, { issues });
  }
  return edit;
}

function title(s: Section): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
