import pc from 'picocolors';

/** Colours only when writing to a terminal that wants them (NO_COLOR, FORCE_COLOR respected). */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

export function createStyle(enabled: boolean): Style {
  const c = pc.createColors(enabled);
  return { bold: c.bold, dim: c.dim, red: c.red, yellow: c.yellow, green: c.green, cyan: c.cyan };
}

/**
 * Colour on a terminal, unless NO_COLOR is set to anything but the empty string (no-color.org);
 * FORCE_COLOR (set to anything but 0 or false) colours output that is not a terminal too. NO_COLOR wins.
 */
export function wantsColour(isTty: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if ((env['NO_COLOR'] ?? '') !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return isTty;
}
