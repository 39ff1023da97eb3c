import { CompiledQuery, type Compilable, type Kysely } from 'kysely';

/**
 * Multi-row inserts of the hottest tables (alerts, events) with their SQL text built once per shape
 * (number of rows, columns) and store, instead of Kysely building and compiling the same statement
 * for every chunk of every batch (about a tenth of an alert storm's writer). The first insert of a
 * shape goes through Kysely as usual; its text is kept only if Kysely's parameters are exactly the
 * rows' values column by column, so a text is reused only where binding the values in that order
 * is what Kysely itself would have done.
 */
export class PrecompiledInsert {
  /** Per store (its Kysely adapter): shape → SQL text. */
  readonly #texts = new WeakMap<object, Map<string, string>>();

  async execute<DB>(conn: Kysely<DB>, rows: readonly object[], build: () => Compilable): Promise<void> {
    const first = rows[0];
    if (first === undefined) return;
    const columns = Object.keys(first);
    const values: unknown[] = new Array<unknown>(rows.length * columns.length);
    let k = 0;
    for (const row of rows) {
      const record = row as Record<string, unknown>;
      for (const column of columns) values[k++] = record[column];
    }
    const adapter = conn.getExecutor().adapter;
    let texts = this.#texts.get(adapter);
    if (texts === undefined) {
      texts = new Map();
      this.#texts.set(adapter, texts);
    }
    const shape = `${rows.length}:${columns.join(',')}`;
    const text = texts.get(shape);
    if (text !== undefined && rows.every((r) => Object.keys(r).length === columns.length)) {
      await conn.executeQuery(CompiledQuery.raw(text, values));
      return;
    }
    const compiled = build().compile();
    if (compiled.parameters.length === values.length && compiled.parameters.every((p, i) => p === values[i])) texts.set(shape, compiled.sql);
    await conn.executeQuery(compiled);
  }
}
