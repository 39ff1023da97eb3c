import { AppError } from '../errors/index.js';
import type { IncidentEventData, RcaCorrectiveAction } from '../incident/index.js';
import type { RcaContent } from './rca-content.js';

/** A change to an RCA. Plain fields replace; `add…` append; curation names entries by sequence number. */
export interface RcaEdit {
  readonly impact?: string;
  readonly rootCause?: string;
  readonly rootCauseDetails?: readonly string[];
  readonly factors?: readonly string[];
  readonly actions?: readonly RcaCorrectiveAction[];
  readonly addFactors?: readonly string[];
  readonly addActions?: readonly RcaCorrectiveAction[];
  readonly hide?: readonly number[];
  readonly unhide?: readonly number[];
  /** An empty text removes the entry's annotation. */
  readonly annotate?: readonly { readonly seq: number; readonly text: string }[];
}

const TEXT_MAX = 4000;
const ITEM_MAX = 500;

/**
 * The `rca-updated` event for an edit, holding only the fields whose value changes; none when
 * nothing changes. `entrySeqs` are the sequence numbers of the RCA timeline's entries: curation
 * may name only those.
 */
export function decideRcaUpdate(content: RcaContent, edit: RcaEdit, entrySeqs: readonly number[]): IncidentEventData[] {
  const known = new Set(entrySeqs);
  const checkSeq = (seq: number, flag: string) => {
    if (!known.has(seq)) {
      throw new AppError('VALIDATION', `${flag} ${seq}: no RCA timeline entry has that number (entries: ${[...known].join(', ') || 'none'})`, {
        issues: [{ path: flag.replace(/^--/, ''), message: 'unknown entry' }],
      });
    }
  };
  const impact = edit.impact === undefined ? undefined : text('impact', edit.impact, TEXT_MAX);
  const rootCause = edit.rootCause === undefined ? undefined : text('root cause', edit.rootCause, TEXT_MAX);
  const details = edit.rootCauseDetails?.map((d) => text('root-cause detail', d, ITEM_MAX));
  let factors = edit.factors?.map((f) => text('factor', f, ITEM_MAX));
  if (edit.addFactors?.length) factors = [...(factors ?? content.factors), ...edit.addFactors.map((f) => text('factor', f, ITEM_MAX))];
  let actions = edit.actions;
  if (edit.addActions?.length) actions = [...(actions ?? content.actions), ...edit.addActions];

  let hidden = new Set(content.hiddenSeqs);
  for (const seq of edit.hide ?? []) checkSeq(seq, '--hide-entry');
  for (const seq of edit.unhide ?? []) checkSeq(seq, '--show-entry');
  if (edit.hide?.length || edit.unhide?.length) {
    hidden = new Set([...hidden, ...(edit.hide ?? [])]);
    for (const seq of edit.unhide ?? []) hidden.delete(seq);
  }
  const notes = new Map(content.annotations.map((a) => [a.seq, a.text]));
  for (const a of edit.annotate ?? []) {
    checkSeq(a.seq, '--annotate');
    const t = a.text.trim();
    if (t === '') notes.delete(a.seq);
    else notes.set(a.seq, text('annotation', t, ITEM_MAX));
  }
  const hiddenSeqs = [...hidden].sort((a, b) => a - b);
  const annotations = [...notes.entries()].sort(([a], [b]) => a - b).map(([seq, t]) => ({ seq, text: t }));

  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const data = {
    ...(impact !== undefined && impact !== content.impact ? { impact } : {}),
    ...(rootCause !== undefined && rootCause !== content.rootCause ? { rootCause } : {}),
    ...(details !== undefined && !same(details, content.rootCauseDetails) ? { rootCauseDetails: details } : {}),
    ...(factors !== undefined && !same(factors, content.factors) ? { factors } : {}),
    ...(actions !== undefined && !same(actions, content.actions) ? { actions } : {}),
    ...(!same(hiddenSeqs, content.hiddenSeqs) ? { hiddenSeqs } : {}),
    ...(!same(annotations, content.annotations) ? { annotations } : {}),
  };
  return Object.keys(data).length === 0 ? [] : [{ kind: 'rca-updated', ...data }];
}

function text(what: string, value: string, max: number): string {
  const t = value.trim();
  if (t === '') throw new AppError('VALIDATION', `the ${what} is empty`, { issues: [{ path: what, message: 'empty' }] });
  if (t.length > max) throw new AppError('VALIDATION', `the ${what} is longer than ${max} characters`, { issues: [{ path: what, message: 'too long' }] });
  return t;
}
