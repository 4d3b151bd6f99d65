// Bulk writes for the search benchmark's seeding: rows travel as one array
// per column and are inserted with INSERT … SELECT FROM unnest(…), thousands
// per statement; big tables are written by a few connections at once, each
// taking the next batch from a generator while PostgreSQL works on the last.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';

/** A column of a bulk insert: its name and its PostgreSQL type. */
export type Column = readonly [name: string, type: string];

/** INSERT INTO table (columns) SELECT * FROM unnest($1::type[], …); `data` holds one array per column. */
export async function insertColumns(db: pg.ClientBase, table: string, columns: readonly Column[], data: unknown[][]): Promise<number> {
  if ((data[0]?.length ?? 0) === 0) return 0;
  const names = columns.map(([name]) => name).join(', ');
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const result = await db.query(`INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})`, data);
  return result.rowCount ?? 0;
}

/** Runs `statement` for every batch the generator yields, on all connections at once; returns the rows written and the seconds taken. */
export async function pipeline<B>(connections: pg.ClientBase[], batches: Iterator<B>, statement: (db: pg.ClientBase, batch: B) => Promise<number>) {
  const started = performance.now();
  let rows = 0;
  await Promise.all(connections.map(async (db) => {
    for (let next = batches.next(); !next.done; next = batches.next()) {
      const written = await statement(db, next.value);
      rows += written;
    }
  }));
  return { rows, seconds: (performance.now() - started) / 1000 };
}

/** Splits column arrays into slices of `size` rows. */
export function* slices(data: unknown[][], size: number): Generator<unknown[][]> {
  const length = data[0]?.length ?? 0;
  for (let start = 0; start < length; start += size) yield data.map((column) => column.slice(start, start + size));
}

/** Empty column arrays, one per column. */
export const columnsOf = (columns: readonly Column[]): unknown[][] => columns.map(() => []);

/** Appends one row to column arrays. */
export function push(data: unknown[][], ...row: unknown[]): void {
  for (let i = 0; i < row.length; i++) data[i]!.push(row[i]);
}
