import { MINUTE, parseDuration } from '../../domain/time/index.js';

/** When a workflow phase runs, in whole minutes after the workflow starts; no `endMin` = open-ended. */
export interface PhaseWindow {
  readonly startMin: number;
  readonly endMin?: number;
}

const WINDOW_EXAMPLES = `write e.g. "0-30 minutes", "30 minutes - 2 hours" or "from 240 minutes"`;

/**
 * Reads a phase window as written in the config: "0-30 minutes", "0–15 min", "30m-2h",
 * "2 to 24 hours", or "from 240 minutes" for a phase without a fixed end. A bare number on the left
 * takes the unit of the right side ("2-24 hours" is 2 h to 24 h). Returns a message when unreadable.
 */
export function parsePhaseWindow(text: string): PhaseWindow | string {
  const t = text.trim().toLowerCase();
  const from = /^from\s+(.+)$/.exec(t);
  if (from) {
    const start = parsePhaseOffset(from[1]!);
    return typeof start === 'string' ? start : { startMin: start };
  }
  const range = /^(.+?)\s*(?:-|–|—|\bto\b)\s*(.+)$/.exec(t);
  if (!range) return `'${text}' is not a phase window; ${WINDOW_EXAMPLES}`;
  let left = range[1]!;
  const right = range[2]!;
  if (/^\d+(?:\.\d+)?$/.test(left)) {
    const unit = /[a-z]+/.exec(right)?.[0];
    if (unit === undefined) return `'${text}' has no unit; ${WINDOW_EXAMPLES}`;
    left = `${left} ${unit}`;
  }
  const startMin = parsePhaseOffset(left);
  if (typeof startMin === 'string') return startMin;
  const endMin = parsePhaseOffset(right);
  if (typeof endMin === 'string') return endMin;
  return { startMin, endMin };
}

/**
 * A point in a phase window: a wall-clock duration after the workflow starts, in whole minutes.
 * Zero is allowed ("0 minutes", "0"), unlike in durations elsewhere in the config. A bare number is minutes.
 */
export function parsePhaseOffset(value: string | number): number | string {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 ? value : `${value} is not a whole number of minutes`;
  }
  const t = value.trim().toLowerCase();
  if (/^\d+$/.test(t)) return Number(t);
  // parseDuration rejects zero; check the unit with a 1 in its place.
  const zero = /^0+(?:\.0+)?\s*([a-z]+)$/.exec(t);
  const ms = parseDuration(zero ? `1 ${zero[1]}` : t);
  if (typeof ms === 'string') return ms;
  if (zero) return 0;
  const min = ms / MINUTE;
  return Number.isInteger(min) ? min : `'${value}' is not a whole number of minutes (phase windows count minutes)`;
}
