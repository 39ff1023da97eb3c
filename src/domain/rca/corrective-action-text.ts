import { DateTime } from 'luxon';
import { AppError } from '../errors/index.js';
import { RCA_ACTION_CATEGORIES, type RcaActionCategory, type RcaCorrectiveAction } from '../incident/index.js';

export const RCA_ACTION_TAG: Record<RcaActionCategory, string> = {
  immediate: 'Immediate',
  'short-term': 'Short-term',
  'long-term': 'Long-term',
  process: 'Process',
};

const TAGS = RCA_ACTION_CATEGORIES.map((c) => RCA_ACTION_TAG[c]);
const TEXT_MAX = 500;

/** "[Immediate] Add pool monitoring @alice due 2026-12-05" (owner and due date optional, any order at the end). */
export function parseCorrectiveAction(input: string): RcaCorrectiveAction {
  const m = /^\s*\[([^\]]+)\]\s*(.*)$/.exec(input);
  if (!m) throw invalid(input, `start with a tag in brackets: ${TAGS.map((t) => `[${t}]`).join(', ')}`);
  const tag = m[1]!.trim().toLowerCase().replace(/\s+/g, '-');
  const category = RCA_ACTION_CATEGORIES.find((c) => c === tag || RCA_ACTION_TAG[c].toLowerCase() === tag);
  if (category === undefined) throw invalid(input, `'[${m[1]}]' is not a tag; use ${TAGS.map((t) => `[${t}]`).join(', ')}`);
  let rest = m[2]!.trim();
  let owner: string | undefined;
  let dueOn: string | undefined;
  for (;;) {
    const due = /\s*\bdue\s+(\S+)\s*$/i.exec(rest);
    if (due) {
      if (!isCalendarDay(due[1]!)) throw invalid(input, `due date '${due[1]}' must be a day like 2026-12-05`);
      dueOn = due[1]!;
      rest = rest.slice(0, due.index).trim();
      continue;
    }
    const who = /\s*@([\w.-]+)\s*$/.exec(rest);
    if (who) {
      owner = who[1]!;
      rest = rest.slice(0, who.index).trim();
      continue;
    }
    break;
  }
  if (rest === '') throw invalid(input, 'say what will be done after the tag');
  if (rest.length > TEXT_MAX) throw invalid(input, `keep it under ${TEXT_MAX} characters`);
  return { category, text: rest, ...(owner === undefined ? {} : { owner }), ...(dueOn === undefined ? {} : { dueOn }) };
}

export function formatCorrectiveAction(a: RcaCorrectiveAction): string {
  return `[${RCA_ACTION_TAG[a.category]}] ${a.text}${a.owner ? ` @${a.owner}` : ''}${a.dueOn ? ` due ${a.dueOn}` : ''}`;
}

function isCalendarDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text, { zone: 'utc' }).isValid;
}

function invalid(input: string, why: string): AppError {
  return new AppError('VALIDATION', `corrective action '${input.trim()}': ${why}`, { issues: [{ path: 'action', message: why }] });
}
