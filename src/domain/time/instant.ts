/** Instants (milliseconds since the Unix epoch, UTC) and durations, branded so they cannot be mixed. */
export type EpochMs = number & { readonly __brand: 'EpochMs' };
export type DurationMs = number & { readonly __brand: 'DurationMs' };

export const epochMs = (n: number): EpochMs => n as EpochMs;
export const durationMs = (n: number): DurationMs => n as DurationMs;

export const SECOND = durationMs(1000);
export const MINUTE = durationMs(60_000);
export const HOUR = durationMs(3_600_000);
export const DAY = durationMs(86_400_000);

export const minutes = (n: number): DurationMs => durationMs(n * MINUTE);
export const hours = (n: number): DurationMs => durationMs(n * HOUR);

export function addDuration(at: EpochMs, d: DurationMs): EpochMs {
  return epochMs(at + d);
}

export function elapsed(from: EpochMs, to: EpochMs): DurationMs {
  return durationMs(to - from);
}

/** "1h 15m", "45m", "2d 3h", "30s"; the two largest non-zero units. */
export function formatDuration(d: DurationMs): string {
  const sign = d < 0 ? '-' : '';
  let rest = Math.abs(Math.round(d / 1000));
  const parts: string[] = [];
  const units: [string, number][] = [['d', 86_400], ['h', 3_600], ['m', 60], ['s', 1]];
  for (const [name, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${name}`);
  }
  if (parts.length === 0) return '0m';
  // Seconds only matter for short spans.
  const shown = parts.length > 1 && parts[parts.length - 1]?.endsWith('s') && !parts[0]?.endsWith('m') ? parts.slice(0, -1) : parts;
  return sign + shown.slice(0, 2).join(' ');
}

/** ISO-8601 in UTC, to the second: 2026-11-28T17:50:00Z. */
export function isoUtc(at: EpochMs): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
