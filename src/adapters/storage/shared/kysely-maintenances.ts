import type { Kysely, Selectable } from 'kysely';
import type { MaintenanceRecord, MaintenanceStore } from '../../../app/status-page/index.js';
import { AppError } from '../../../domain/errors/index.js';
import type { MaintenanceWindow } from '../../../domain/status-page/index.js';
import { epochMs, type EpochMs } from '../../../domain/time/index.js';
import type { Database, MaintenancesTable } from './schema.js';
import type { StoreDialect } from './store-dialect.js';

/** Maintenance windows on the same Kysely database as the incidents; one table, the same SQL on both dialects. */
export class KyselyMaintenances implements MaintenanceStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
  ) {}

  async addMaintenance(window: MaintenanceWindow, createdBy = 'unknown'): Promise<void> {
    try {
      await this.db.insertInto('ir_maintenances').values({
        id: window.id,
        title: window.title,
        message: window.message ?? null,
        component_ids: JSON.stringify(window.componentIds),
        starts_at: window.startsAt,
        ends_at: window.endsAt,
        created_at: window.createdAt,
        created_by: createdBy,
        cancelled_at: null,
        cancelled_by: null,
      }).execute();
    } catch (error) {
      if (this.dialect.isUniqueViolation(error)) throw new AppError('CONFLICT', `A maintenance window with id '${window.id}' already exists.`, { cause: error });
      throw error;
    }
  }

  async listMaintenances(endsAfter: EpochMs): Promise<MaintenanceWindow[]> {
    const rows = await this.db
      .selectFrom('ir_maintenances')
      .selectAll()
      .where('cancelled_at', 'is', null)
      .where('ends_at', '>', endsAfter)
      .orderBy('starts_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    return rows.map((row) => toRecord(row).window);
  }

  async findMaintenance(id: string): Promise<MaintenanceRecord | undefined> {
    const row = await this.db.selectFrom('ir_maintenances').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async cancelMaintenance(id: string, at: EpochMs, by: string): Promise<MaintenanceRecord | undefined> {
    await this.db.updateTable('ir_maintenances').set({ cancelled_at: at, cancelled_by: by }).where('id', '=', id).where('cancelled_at', 'is', null).execute();
    return this.findMaintenance(id);
  }
}

function toRecord(row: Selectable<MaintenancesTable>): MaintenanceRecord {
  const window: MaintenanceWindow = {
    id: row.id,
    title: row.title,
    componentIds: JSON.parse(row.component_ids) as string[],
    startsAt: epochMs(Number(row.starts_at)),
    endsAt: epochMs(Number(row.ends_at)),
    createdAt: epochMs(Number(row.created_at)),
    ...(row.message === null ? {} : { message: row.message }),
  };
  return {
    window,
    createdBy: row.created_by,
    ...(row.cancelled_at === null ? {} : { cancelledAt: epochMs(Number(row.cancelled_at)) }),
    ...(row.cancelled_by === null ? {} : { cancelledBy: row.cancelled_by }),
  };
}
