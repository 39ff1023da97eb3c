import type { Kysely, Selectable } from 'kysely';
import type { ApiTokenRecord, TokenKind, TokenScope, TokenStore } from '../../../app/ports/index.js';
import type { AccessRole } from '../../../domain/access/index.js';
import { AppError } from '../../../domain/errors/index.js';
import { epochMs, type EpochMs } from '../../../domain/time/index.js';
import type { ApiTokensTable, Database } from './schema.js';
import type { StoreDialect } from './store-dialect.js';

/** API tokens on the same Kysely database as the incidents; one table, the same SQL on both dialects. */
export class KyselyTokenStore implements TokenStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
  ) {}

  async createToken(record: ApiTokenRecord): Promise<void> {
    try {
      await this.db.insertInto('ir_api_tokens').values({
        id: record.id,
        name: record.name,
        role: record.role,
        teams: JSON.stringify(record.teams),
        secret_hash: record.secretHash,
        prefix: record.prefix,
        created_at: record.createdAt,
        created_by: record.createdBy,
        revoked_at: record.revokedAt ?? null,
        last_used_at: record.lastUsedAt ?? null,
        scopes: JSON.stringify(record.scopes),
        kind: record.kind,
        expires_at: record.expiresAt ?? null,
      }).execute();
    } catch (error) {
      // The partial unique index on live names (or, never in practice, a repeated id or hash).
      if (this.dialect.isUniqueViolation(error)) {
        throw new AppError('CONFLICT', `A token named '${record.name}' already exists. Revoke it first or choose another name.`, {
          cause: error,
          issues: [{ path: 'name', message: 'already used by a live token' }],
        });
      }
      throw error;
    }
  }

  async findTokenByHash(secretHash: string): Promise<ApiTokenRecord | undefined> {
    const row = await this.db.selectFrom('ir_api_tokens').selectAll().where('secret_hash', '=', secretHash).executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async listTokens(): Promise<ApiTokenRecord[]> {
    const rows = await this.db.selectFrom('ir_api_tokens').selectAll().where('kind', '=', 'machine').orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map(toRecord);
  }

  /** A live token by id or name first; otherwise an already revoked one by id (revoking twice is a no-op). */
  async revokeToken(idOrName: string, at: EpochMs): Promise<ApiTokenRecord | undefined> {
    const live = await this.db
      .updateTable('ir_api_tokens')
      .set({ revoked_at: at })
      .where((eb) => eb.and([eb('revoked_at', 'is', null), eb.or([eb('id', '=', idOrName), eb.and([eb('name', '=', idOrName), eb('kind', '=', 'machine')])])]))
      .returningAll()
      .executeTakeFirst();
    if (live !== undefined) return toRecord(live);
    const revoked = await this.db.selectFrom('ir_api_tokens').selectAll().where('id', '=', idOrName).executeTakeFirst();
    return revoked === undefined ? undefined : toRecord(revoked);
  }

  async markTokenUsed(id: string, at: EpochMs): Promise<void> {
    await this.db.updateTable('ir_api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }
}

function toRecord(row: Selectable<ApiTokensTable>): ApiTokenRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role as AccessRole,
    teams: JSON.parse(row.teams) as string[],
    secretHash: row.secret_hash,
    prefix: row.prefix,
    createdAt: epochMs(Number(row.created_at)),
    createdBy: row.created_by,
    revokedAt: row.revoked_at == null ? undefined : epochMs(Number(row.revoked_at)),
    lastUsedAt: row.last_used_at == null ? undefined : epochMs(Number(row.last_used_at)),
    scopes: JSON.parse(row.scopes) as TokenScope[],
    kind: row.kind as TokenKind,
    expiresAt: row.expires_at == null ? undefined : epochMs(Number(row.expires_at)),
  };
}
