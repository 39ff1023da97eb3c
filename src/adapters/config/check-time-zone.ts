import { IANAZone } from 'luxon';
import { didYouMean } from '../../domain/errors/index.js';

/**
 * A message when `name` is not an IANA time zone, else undefined. Stricter than luxon's `setZone`
 * (which also takes "system" and fixed offsets such as "UTC+1"): a config must mean the same on
 * every server, and offsets ignore daylight saving time.
 */
export function checkTimeZone(name: string): string | undefined {
  if (IANAZone.isValidZone(name)) return undefined;
  const guess = didYouMean(name, knownZones());
  const hint = guess === undefined ? '' : ` — did you mean '${guess}'?`;
  return `unknown time zone '${name}'${hint} (use an IANA name such as Europe/Berlin, America/New_York or UTC)`;
}

let zones: readonly string[] | undefined;
function knownZones(): readonly string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone')];
  return zones;
}
