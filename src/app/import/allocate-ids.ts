/** A config id from a name: lowercase letters, digits, '.', '_' and '-', starting with a letter or digit. */
export function slugId(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/[-._]+$/, '')
    .slice(0, 60);
  return slug === '' ? fallback : slug;
}

/**
 * Our ids for the source tool's objects: readable (from names and e-mail addresses), unique per
 * kind ("alice", "alice-2"), and the same object always gets the same id within one import.
 */
export class IdAllocator {
  private readonly used = new Map<string, Set<string>>();
  private readonly assigned = new Map<string, string>();

  allocate(kind: string, sourceId: string, preferred: string): string {
    const key = `${kind}:${sourceId}`;
    const existing = this.assigned.get(key);
    if (existing !== undefined) return existing;
    const used = this.used.get(kind) ?? new Set<string>();
    this.used.set(kind, used);
    let id = preferred;
    for (let n = 2; used.has(id); n++) id = `${preferred}-${n}`;
    used.add(id);
    this.assigned.set(key, id);
    return id;
  }

  find(kind: string, sourceId: string): string | undefined {
    return this.assigned.get(`${kind}:${sourceId}`);
  }
}

/** The part of an e-mail address before the @, as an id ("alice.adams@example.com" → "alice.adams"). */
export function idFromEmail(email: string | undefined, name: string | undefined, fallback: string): string {
  const local = email?.split('@')[0];
  if (local !== undefined && local !== '') return slugId(local, fallback);
  return slugId(name ?? '', fallback);
}
