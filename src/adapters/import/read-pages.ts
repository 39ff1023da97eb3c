import type { z } from 'zod';
import { unexpectedShape, type VendorRequest, type VendorTransport } from './vendor-transport.js';

/** Progress of one section ("users", 120, 245); `total` when the source says it. */
export type ImportProgress = (section: string, done: number, total: number | undefined) => void;

export interface PageOf {
  readonly items: readonly unknown[];
  readonly total?: number;
  /** The request for the next page, or undefined on the last one. */
  readonly next?: VendorRequest;
}

/** Follows a list through all its pages; `page` reads one answer in the vendor's pagination style. */
export async function readAllPages<T>(
  transport: VendorTransport, vendor: string, first: VendorRequest, page: (body: unknown, request: VendorRequest) => PageOf,
  item: z.ZodType<T>, section: string, progress: ImportProgress,
): Promise<T[]> {
  const out: T[] = [];
  let request: VendorRequest | undefined = first;
  while (request !== undefined) {
    const body = await transport.get(request);
    const p = page(body, request);
    out.push(...parseItems(p.items, item, vendor, request, out.length));
    progress(section, out.length, p.total);
    // A page without items ends the list even if it says there is more (a safeguard against loops).
    request = p.items.length === 0 ? undefined : p.next;
  }
  return out;
}

export function parseItems<T>(items: readonly unknown[], schema: z.ZodType<T>, vendor: string, request: VendorRequest, offset = 0): T[] {
  return items.map((raw, i) => {
    const r = schema.safeParse(raw);
    if (r.success) return r.data;
    const issue = r.error.issues[0];
    throw unexpectedShape(vendor, request, `item ${offset + i + 1}${issue === undefined ? '' : `, ${issue.path.join('.') || 'the item'}: ${issue.message}`}`);
  });
}

export function parseOne<T>(body: unknown, schema: z.ZodType<T>, vendor: string, request: VendorRequest): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw unexpectedShape(vendor, request, issue === undefined ? 'unreadable' : `${issue.path.join('.') || 'the answer'}: ${issue.message}`);
}
