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
