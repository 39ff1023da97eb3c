import { epochMs } from '../../domain/time/index.js';
import type { EpochMs } from '../../domain/time/index.js';

/**
 * Timestamps as senders write them: RFC 3339 with any fraction (Go writes nanoseconds), offsets
 * without a colon (`+0000`, PagerDuty and CloudWatch), epoch milliseconds or seconds as numbers or
 * digit strings. Go's zero time (`0001-01-01T00:00:00Z`, Alertmanager's "no end") and unparsable
 * input give undefined.
 */
export function parseInstant(input: string | number | null | undefined): EpochMs | undefined {
  if (input === null || input === undefined || input === '') return undefined;
  if (typeof input === 'number' || /^\d{9,13}$/.test(input)) {
    const n = Number(input);
    if (!Number.isFinite(n) || n <= 0) return undefined;
    return epochMs(n < 1e11 ? n * 1000 : n);
  }
  if (input.startsWith('0001-01-01')) return undefined;
  const normalised = input
    .replace(/(\.\d{3})\d+/, '$1')
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
    .replace(/ UTC$/, 'Z')
    .replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, '$1T$2');
  const ms = Date.parse(normalised);
  return Number.isNaN(ms) || ms <= 0 ? undefined : epochMs(ms);
}
