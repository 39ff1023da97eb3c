import type { Kysely } from 'kysely';
import { isAppError, type ErrorCode } from '../../../domain/errors/index.js';
import type { FailureWatch } from './classifying-dialect.js';
import { errorReason } from './error-reason.js';
import { readSchemaStatus } from './migrate.js';
import type { Database } from './schema.js';
import type { StoreDialect } from './store-dialect.js';

export type StoreReadiness =
  | { readonly ready: true }
  | { readonly ready: false; readonly code: Extract<ErrorCode, 'STORE_UNAVAILABLE' | 'STORE_BUSY' | 'STORE_CORRUPT'>; readonly reason: string };

/** A readiness probe answers within this, whatever the database does (a blackholed server waits 10 s to connect). */
export const READY_TIMEOUT_MS = 2_000;

/**
 * Whether the store can serve: no corruption seen since it was opened, the schema this build
 * expects, and a few cheap reads (the chain head, the last event, one incident: an index seek each)
 * answering within `timeoutMs`. Never throws.
 */
export async function checkReadiness(db: Kysely<Database>, dialect: StoreDialect, watch: FailureWatch, timeoutMs = READY_TIMEOUT_MS): Promise<StoreReadiness> {
  const seen = watch.corruption;
  if (seen !== undefined) return { ready: false, code: 'STORE_CORRUPT', reason: seen.message };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const probe = (async (): Promise<StoreReadiness> => {
    const { current, latest } = await readSchemaStatus(db, dialect);
    if (current !== latest) return { ready: false, code: 'STORE_UNAVAILABLE', reason: `the ${dialect.label} schema is at version ${current}, this build needs ${latest}` };
    await db.selectFrom('ir_chain_head').select('seq').where('id', '=', 1).executeTakeFirst();
    await db.selectFrom('ir_events').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    await db.selectFrom('ir_incidents').select('id').limit(1).executeTakeFirst();
    return { ready: true };
  })();
  const late = new Promise<StoreReadiness>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, code: 'STORE_UNAVAILABLE', reason: `the ${dialect.label} database did not answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([probe, late]);
  } catch (error) {
    if (isAppError(error) && (error.code === 'STORE_BUSY' || error.code === 'STORE_CORRUPT' || error.code === 'STORE_UNAVAILABLE')) {
      return { ready: false, code: error.code, reason: error.message };
    }
    return { ready: false, code: 'STORE_UNAVAILABLE', reason: `the ${dialect.label} database is unreachable: ${errorReason(error)}` };
  } finally {
    clearTimeout(timer);
    // A probe still running after the timeout settles on its own; its failure is already reported.
    probe.catch(() => undefined);
  }
}
