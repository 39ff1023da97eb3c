import { durationMs, type DurationMs } from './instant.js';

const UNIT_MS: Record<string, number> = {
  ms: 1, millisecond: 1, milliseconds: 1,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
  w: 604_800_000, week: 604_800_000, weeks: 604_800_000,
};

/** A span of time as configured: wall-clock, or counted in business hours / business days. */
export type PolicyDuration =
  | { readonly kind: 'wall'; readonly ms: DurationMs }
  | { readonly kind: 'business-hours'; readonly hours: number }
  | { readonly kind: 'business-days'; readonly days: number };

/**
 * Parses "15 minutes", "1h", "90s", "2h30m", "4 business hours", "5 business days".
 * Returns a message (string) when the text is not a duration.
 */
export function parsePolicyDuration(text: string): PolicyDuration | string {
  const t = text.trim().toLowerCase();
  const business = /^(\d+(?:\.\d+)?)\s*business\s+(hours?|days?)$/.exec(t);
  if (business) {
    const n = Number(business[1]);
    if (!(n > 0)) return `expected a positive number in '${text}'`;
    return business[2]!.startsWith('hour') ? { kind: 'business-hours', hours: n } : { kind: 'business-days', days: n };
  }
  const ms = parseDuration(t);
  if (typeof ms === 'string') return ms;
  return { kind: 'wall', ms };
}

/** Parses a wall-clock duration: "15 minutes", "1h", "2h30m", "90s", "500ms". */
export function parseDuration(text: string): DurationMs | string {
  const t = text.trim().toLowerCase();
  if (t === '') return 'expected a duration such as "15 minutes", "2h" or "1d"';
  const re = /(\d+(?:\.\d+)?)\s*([a-z]+)\s*/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t)) !== null) {
    const unit = UNIT_MS[m[2]!];
    if (unit === undefined) return `unknown unit '${m[2]}' in '${text}' (use ms, s, m, h, d or w)`;
    total += Number(m[1]) * unit;
    matched = re.lastIndex;
  }
  if (matched !== t.length || total <= 0) return `'${text}' is not a duration; expected e.g. "15 minutes", "2h" or "1d"`;
  return durationMs(Math.round(total));
}

export function describePolicyDuration(d: PolicyDuration): string {
  switch (d.kind) {
    case 'wall': return describeWall(d.ms);
    case 'business-hours': return `${d.hours} business hour${d.hours === 1 ? '' : 's'}`;
    case 'business-days': return `${d.days} business day${d.days === 1 ? '' : 's'}`;
  }
}

function describeWall(ms: number): string {
  const units: [string, number][] = [['week', 604_800_000], ['day', 86_400_000], ['hour', 3_600_000], ['min', 60_000], ['s', 1000]];
  for (const [name, size] of units) {
    if (ms % size === 0 && ms >= size) {
      const n = ms / size;
      if (name === 'min' || name === 's') return `${n} ${name}`;
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${ms} ms`;
}
