/** `a.b.0.c` (or `a.b[0].c`) into parsed JSON; undefined as soon as a step is missing. */
export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const seg of path.replace(/\[(\d+)\]/g, '.$1').split('.').filter((s) => s !== '')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[Number(seg)] : (current as Record<string, unknown>)[seg];
  }
  return current;
}

/** Strings as they are, numbers and booleans as text, anything else undefined. */
export function readText(value: unknown, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const v = readPath(value, path);
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}
