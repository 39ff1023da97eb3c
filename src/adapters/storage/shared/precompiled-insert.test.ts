import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs } from 'kysely';
import { PrecompiledInsert } from './precompiled-insert.js';

interface Db { t: { id: string; n: number | null; note: string | null } }

/** Kysely on an in-memory SQLite database, recording the statements it compiles itself. */
function open(): { db: Kysely<Db>; compiled: string[]; close: () => Promise<void> } {
  const compiled: string[] = [];
  const counting: KyselyPlugin = {
    transformQuery: (args: PluginTransformQueryArgs) => {
      compiled.push(args.node.kind);
      return args.node;
    },
    transformResult: async (args: PluginTransformResultArgs) => args.result,
  };
  const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: new Database(':memory:') }), plugins: [counting] });
  return { db, compiled, close: () => db.destroy() };
}

describe('precompiled insert', () => {
  it('builds a shape once, binds later rows in column order, and writes exactly what Kysely would', async () => {
    const { db, compiled, close } = open();
    await db.schema.createTable('t').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('n', 'integer').addColumn('note', 'text').execute();
    const insert = new PrecompiledInsert();
    const put = (rows: Db['t'][]) => insert.execute(db, rows, () => db.insertInto('t').values(rows).onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ n: eb.ref('excluded.n'), note: eb.ref('excluded.note') }))));
    compiled.length = 0;
    await put([{ id: 'a', n: 1, note: 'x' }, { id: 'b', n: null, note: "it's" }]);
    await put([{ id: 'c', n: 3, note: null }, { id: 'd', n: 4, note: 'y' }]);
    // The same shape again: Kysely compiled only the first of the two.
    assert.equal(compiled.filter((k) => k === 'InsertQueryNode').length, 1);
    // Another number of rows is another shape; conflicts update as the statement says.
    await put([{ id: 'a', n: 10, note: 'again' }]);
    assert.equal(compiled.filter((k) => k === 'InsertQueryNode').length, 2);
    const rows = await db.selectFrom('t').selectAll().orderBy('id').execute();
    assert.deepEqual(rows, [
      { id: 'a', n: 10, note: 'again' }, { id: 'b', n: null, note: "it's" }, { id: 'c', n: 3, note: null }, { id: 'd', n: 4, note: 'y' },
    ]);
    await close();
  });

  it('keeps no text when Kysely did not bind every value in order (an undefined value is left out of the statement)', async () => {
    const { db, compiled, close } = open();
    await db.schema.createTable('t').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('n', 'integer').addColumn('note', 'text').execute();
    const insert = new PrecompiledInsert();
    const put = (rows: Record<string, unknown>[]) => insert.execute(db, rows, () => db.insertInto('t').values(rows as Db['t'][]));
    compiled.length = 0;
    await put([{ id: 'a', n: undefined, note: 'x' }]);
    await put([{ id: 'b', n: undefined, note: 'y' }]);
    assert.equal(compiled.filter((k) => k === 'InsertQueryNode').length, 2);
    assert.deepEqual(await db.selectFrom('t').selectAll().orderBy('id').execute(), [{ id: 'a', n: null, note: 'x' }, { id: 'b', n: null, note: 'y' }]);
    await close();
  });
});
