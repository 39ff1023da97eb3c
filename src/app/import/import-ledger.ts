import type { ImportKind, ImportTally, MappingLevel, MappingNote } from './import-model.js';

const RANK: Record<MappingLevel, number> = { exact: 0, approximate: 1, unmapped: 2 };

/**
 * What became of each object read from the source tool. A mapper registers every object it reads
 * (`seen`) and says why where the result is approximate or missing; an object's level is the worst
 * said about it, and the summary counts objects, not notes.
 */
export class ImportLedger {
  private readonly objects = new Map<string, { kind: ImportKind; subject: string; level: MappingLevel }>();
  private readonly said: MappingNote[] = [];

  seen(kind: ImportKind, key: string, subject: string): void {
    if (!this.objects.has(`${kind}:${key}`)) this.objects.set(`${kind}:${key}`, { kind, subject, level: 'exact' });
  }

  approximate(kind: ImportKind, key: string, subject: string, message: string): void {
    this.note(kind, key, subject, 'approximate', message);
  }

  unmapped(kind: ImportKind, key: string, subject: string, message: string): void {
    this.note(kind, key, subject, 'unmapped', message);
  }

  tallies(): ImportTally[] {
    return [...this.objects.values()].map((o) => ({ kind: o.kind, subject: o.subject, level: o.level }));
  }

  notes(): MappingNote[] {
    return [...this.said];
  }

  private note(kind: ImportKind, key: string, subject: string, level: Exclude<MappingLevel, 'exact'>, message: string): void {
    this.seen(kind, key, subject);
    const o = this.objects.get(`${kind}:${key}`)!;
    if (RANK[level] > RANK[o.level]) o.level = level;
    this.said.push({ kind, subject, level, message });
  }
}
