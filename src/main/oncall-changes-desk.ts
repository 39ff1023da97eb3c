import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OnCallChangesClient, OverrideDto } from '../app/oncall-overrides/index.js';
import type { ResponseConfig } from '../app/config/index.js';
import type { Principal } from '../domain/access/index.js';
import { withStoredOverrides, type ContactMethodFinding, type Schedule, type StoredOverride } from '../domain/oncall/index.js';
import { epochMs } from '../domain/time/index.js';
import type { App } from './create-app.js';

export interface OnCallChangesContext {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** --api or IR_API_URL; empty = the local store. */
  readonly apiUrl: string | undefined;
  readonly dbPath: string | undefined;
  openApp(): Promise<App>;
  /** Locally the CLI acts as admin: whoever can open the database file has full access to it. */
  readonly principal: Principal;
  now(): number;
}

const isRemote = (ctx: OnCallChangesContext) => ctx.apiUrl !== undefined && ctx.apiUrl !== '';

/** The on-call changes client of one CLI command: the server's API with --api, else the local store. */
export async function openOnCallChanges(ctx: OnCallChangesContext, displayTimeZone: string): Promise<{ client: OnCallChangesClient; displayTimeZone: string; close(): Promise<void> }> {
  if (isRemote(ctx)) {
    const { HttpOnCallChanges } = await import('../adapters/api-client/index.js');
    return { client: new HttpOnCallChanges({ baseUrl: ctx.apiUrl!, token: ctx.env['IR_TOKEN'] }), displayTimeZone, close: async () => undefined };
  }
  const app = await ctx.openApp();
  const { LocalOnCallChanges } = await import('../app/oncall-overrides/index.js');
  return { client: new LocalOnCallChanges(app.overrides, app.contactTests, ctx.principal), displayTimeZone: app.config.displayTimeZone, close: () => app.close() };
}

function fromDto(o: OverrideDto): StoredOverride {
  return {
    id: o.id, scheduleId: o.scheduleId, personId: o.personId, startAt: epochMs(Date.parse(o.startAt)), endAt: epochMs(Date.parse(o.endAt)),
    ...(o.replacesPersonId !== null ? { replacesPersonId: o.replacesPersonId } : {}),
    note: o.note, createdBy: o.createdBy, createdAt: epochMs(Date.parse(o.createdAt)),
  };
}

/**
 * What `oncall`, `oncall ical` and `escalation preview`/`lint` add from the store to the
 * configuration: the overrides made at runtime (merged into the schedules) and the contact-method
 * findings. Read from the server with --api; locally only when a database exists (a directory
 * without one has no stored overrides, and these read-only verbs do not create one).
 */
export async function storedOnCall(ctx: OnCallChangesContext, config: ResponseConfig): Promise<{ schedules: readonly Schedule[]; contactFindings?: readonly ContactMethodFinding[] }> {
  if (isRemote(ctx)) {
    const { client } = await openOnCallChanges(ctx, config.displayTimeZone);
    const stored = (await client.listOverrides({})).map(fromDto);
    return { schedules: withStoredOverrides(config.schedules, stored) };
  }
  const databaseUrl = ctx.env['DATABASE_URL']?.trim();
  const sqlitePath = resolve(ctx.cwd, ctx.dbPath ?? ctx.env['IR_DB'] ?? 'incident-response.db');
  if (!databaseUrl && !existsSync(sqlitePath)) return { schedules: [...config.schedules] };
  const app = await ctx.openApp();
  try {
    // Overrides ended a day ago still shape `oncall --at` a little in the past and the shift in progress of a feed.
    const directory = await app.overrides.directoryAt(epochMs(ctx.now() - 86_400_000));
    return { schedules: directory.schedules, contactFindings: await app.contactTests.findings() };
  } finally {
    await app.close();
  }
}
