import { assertNever, didYouMean } from '../errors/index.js';

/**
 * What a threshold measures. Samples are compared in each kind's base unit: percentages as 0–100,
 * durations in milliseconds, rates per second (as Prometheus `rate()` returns them), plain numbers as is.
 */
export const QUANTITY_KINDS = ['number', 'percent', 'duration', 'rate'] as const;
export type QuantityKind = (typeof QUANTITY_KINDS)[number];

/** A threshold as written ("30s", "1000/hour") and its value in the kind's base unit. */
export interface Quantity {
  readonly kind: QuantityKind;
  readonly value: number;
  readonly text: string;
}

/** Duration units after a number: "250ms", "30s", "5m", "2 min", "1h". */
const DURATION_UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
};

/** Rate denominators after a slash: "/sec", "/s", "/min", "/minute", "/hour", "/h", "/day". */
const RATE_UNIT_SECONDS: Readonly<Record<string, number>> = {
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86_400, day: 86_400, days: 86_400,
};

/** The units a message lists, short forms first. */
export const UNIT_EXAMPLES = "%, ms, s, m, min, h, or a rate such as /s, /min, /hour, /day";

const ALL_UNITS: readonly string[] = ['%', ...Object.keys(DURATION_UNIT_MS), ...Object.keys(RATE_UNIT_SECONDS).map((u) => `/${u}`)];

/** The quantity of `n` written with `unit` ('' for a plain number); undefined when the unit is unknown. */
export function makeQuantity(n: number, unit: string, text: string): Quantity | undefined {
  if (unit === '') return { kind: 'number', value: n, text };
  if (unit === '%') return { kind: 'percent', value: n, text };
  const lower = unit.toLowerCase();
  const ms = DURATION_UNIT_MS[lower];
  if (ms !== undefined) return { kind: 'duration', value: n * ms, text };
  if (lower.startsWith('/')) {
    const seconds = RATE_UNIT_SECONDS[lower.slice(1)];
    if (seconds !== undefined) return { kind: 'rate', value: n / seconds, text };
  }
  return undefined;
}

/** What to write instead of an unknown unit: " — did you mean '/hour'? (use %, ms, …)". */
export function unknownUnitHint(unit: string): string {
  const lower = unit.toLowerCase();
  // A slash at the wrong end ("hour/") is a rate written the wrong way round. One letter is too
  // short to guess from: every unit is one edit away.
  const slashed = `/${lower.replace(/^\/|\/$/g, '')}`;
  const guess = lower.endsWith('/') && ALL_UNITS.includes(slashed) ? slashed : lower.length < 2 ? undefined : didYouMean(lower, ALL_UNITS);
  const hint = guess === undefined ? '' : ` — did you mean '${guess}'?`;
  return `${hint} (use ${UNIT_EXAMPLES})`;
}

/** How a sample of this kind reads next to the threshold: "62.5%", "31.2s", "0.4/s". */
export function formatSample(kind: QuantityKind, value: number): string {
  const n = (x: number) => String(Number(x.toPrecision(6)));
  switch (kind) {
    case 'number': return n(value);
    case 'percent': return `${n(value)}%`;
    case 'duration': return value >= 1000 ? `${n(value / 1000)}s` : `${n(value)}ms`;
    case 'rate': return `${n(value)}/s`;
    default: return assertNever(kind);
  }
}
