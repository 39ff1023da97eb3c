/** Keeps the string-valued, non-empty entries of a loosely typed record (labels must be strings). */
export function stringLabels(record: Readonly<Record<string, unknown>> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (record === null || record === undefined) return out;
  for (const [k, v] of Object.entries(record)) {
    if (typeof v === 'string' && v !== '') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}
