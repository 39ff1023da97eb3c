import type { IncidentSummaryDto, TimelineEntryDto } from '../../../app/incidents/index.js';
import { span, type TimeFormatter } from './format-time.js';
import type { Style } from './style.js';
import { displayWidth, fitToWidth, padToWidth, terminalBlock, terminalText } from './terminal-text.js';

/** Titles are cut here when the output is not fitted to a width (a pipe or a file). */
const TITLE_MAX = 60;
/** The narrowest title worth keeping a column for: below it, other columns go first. */
const TITLE_MIN = 20;
const SERVICE_MAX = 20;
const GAP = '  ';

type Column = 'id' | 'sev' | 'type' | 'env' | 'status' | 'age' | 'next' | 'service' | 'title';
const HEADER: Record<Column, string> = { id: 'ID', sev: 'SEV', type: 'TYPE', env: 'ENV', status: 'STATUS', age: 'AGE', next: 'NEXT UPDATE', service: 'SERVICE', title: 'TITLE' };

/**
 * The layouts tried, widest first, when the list must fit a width: columns that matter least go
 * first, and the next update turns relative ("in 15m", "1h ago!") before it goes.
 */
const LAYOUTS: readonly { readonly columns: readonly Column[]; readonly relativeNext: boolean }[] = [
  { columns: ['id', 'sev', 'type', 'env', 'status', 'age', 'next', 'service', 'title'], relativeNext: false },
  { columns: ['id', 'sev', 'type', 'status', 'age', 'next', 'service', 'title'], relativeNext: false },
  { columns: ['id', 'sev', 'status', 'age', 'next', 'service', 'title'], relativeNext: false },
  { columns: ['id', 'sev', 'status', 'age', 'next', 'service', 'title'], relativeNext: true },
  { columns: ['id', 'sev', 'status', 'next', 'service', 'title'], relativeNext: true },
  { columns: ['id', 'sev', 'status', 'next', 'title'], relativeNext: true },
  { columns: ['id', 'sev', 'status', 'title'], relativeNext: true },
  { columns: ['id', 'sev', 'title'], relativeNext: true },
];

interface Row {
  readonly cells: Record<Column, string>;
  readonly relativeNext: string;
  readonly incident: IncidentSummaryDto | undefined;
}

/** SEV-1 red, SEV-2 yellow, SEV-3 cyan, SEV-4 dim. */
function severityColour(severity: string, st: Style): (s: string) => string {
  return severity === 'critical' ? st.red : severity === 'high' ? st.yellow : severity === 'medium' ? st.cyan : st.dim;
}

/**
 * The incident list as plain columns (no borders, easy to read and to grep). With `width` (the
 * terminal's, or COLUMNS) every line fits it: less important columns are dropped and titles cut
 * with "…"; without it, lines are whole and titles cut at 60 characters. Colours (severity,
 * an overdue update) are added after the layout, so they never count towards the width.
 */
export function renderList(items: readonly IncidentSummaryDto[], t: TimeFormatter, st: Style, width?: number): string {
  if (items.length === 0) return 'No incidents match.';
  const now = items[0] ? Date.parse(items[0].asOf) : 0;
  const rows: Row[] = [{ cells: HEADER, relativeNext: HEADER.next, incident: undefined }];
  for (const i of items) {
    const end = i.resolvedAt ? Date.parse(i.resolvedAt) : now;
    const due = i.clocks.nextUpdate.dueAt;
    const overdue = i.clocks.nextUpdate.state === 'overdue' ? '!' : '';
    rows.push({
      cells: {
        id: i.id, sev: i.severityLabel, type: i.type, env: i.environment, status: i.status,
        age: span(end - Date.parse(i.declaredAt)),
        next: due ? `${t.short(due)}${overdue}` : '-',
        service: i.service ? fitToWidth(terminalText(i.service), width === undefined ? Number.MAX_SAFE_INTEGER : SERVICE_MAX) : '-',
        title: terminalText(i.title),
      },
      relativeNext: due ? `${t.relative(due)}${overdue}` : '-',
      incident: i,
    });
  }

  const widthOf = (column: Column, relativeNext: boolean) =>
    Math.max(...rows.map((r) => displayWidth(column === 'next' && relativeNext ? r.relativeNext : r.cells[column])));
  const layoutWidth = (layout: (typeof LAYOUTS)[number]) =>
    layout.columns.filter((c) => c !== 'title').reduce((sum, c) => sum + widthOf(c, layout.relativeNext) + GAP.length, 0);

  let layout = LAYOUTS[0]!;
  let titleWidth = TITLE_MAX;
  if (width !== undefined) {
    const longestTitle = widthOf('title', false);
    layout = LAYOUTS.find((l) => width - layoutWidth(l) >= Math.min(TITLE_MIN, longestTitle)) ?? LAYOUTS[LAYOUTS.length - 1]!;
    titleWidth = Math.max(HEADER.title.length, width - layoutWidth(layout));
  }

  const lines = rows.map((row) => {
    const cells = layout.columns.map((column) => {
      const text = column === 'next' && layout.relativeNext ? row.relativeNext : row.cells[column];
      if (column === 'title') return fitToWidth(text, titleWidth);
      const padded = padToWidth(text, widthOf(column, layout.relativeNext));
      if (row.incident === undefined) return padded;
      if (column === 'sev') return severityColour(row.incident.severity, st)(padded);
      if (column === 'next' && row.incident.clocks.nextUpdate.state === 'overdue') return st.red(text) + padded.slice(text.length);
      return padded;
    });
    const line = cells.join(GAP).trimEnd();
    // A width too narrow for even the last layout: cut the line itself.
    return width !== undefined && displayWidth(line) > width ? fitToWidth(line, width) : line;
  });
  lines[0] = st.bold(lines[0]!);
  return lines.join('\n');
}

/** Entries that carry text people wrote as a block; every other entry (titles, alert text) is one line. */
const MULTI_LINE_KINDS: ReadonlySet<string> = new Set(['note-added', 'status-updated', 'mitigated', 'resolved']);

/** Every entry on its own line; a note or an update keeps its line breaks, indented under its text. */
export function renderTimeline(id: string, entries: readonly TimelineEntryDto[], t: TimeFormatter): string {
  return [`Timeline of ${id}`, ...entries.map((e) => {
    const at = `${t.seconds(e.at)}  `;
    return `${at}${MULTI_LINE_KINDS.has(e.kind) ? terminalBlock(e.text, at.length) : terminalText(e.text)}`;
  })].join('\n');
}
