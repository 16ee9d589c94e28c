// Writing many rows in one statement: the rows travel as a single JSON parameter and PostgreSQL
// spreads them out (jsonb_to_recordset). For batches of hundreds of rows this costs a fraction of
// a createMany, whose query compiler and value handling grow with every value in the batch.
// Table and column names come from the caller's code, never from input; every value is a
// parameter.
import type { DbOrTx } from "./db";

/** A column: its name, its type in the JSON record set, and an optional cast to the table's type. */
export type BulkColumn = readonly [name: string, recordType: string, cast?: string];

function statement(table: string, columns: readonly BulkColumn[]) {
  const names = columns.map(([name]) => `"${name}"`).join(", ");
  const values = columns.map(([name, , cast]) => (cast ? `x."${name}"::${cast}` : `x."${name}"`)).join(", ");
  const record = columns.map(([name, type]) => `"${name}" ${type}`).join(", ");
  return `INSERT INTO "${table}" (${names}) SELECT ${values} FROM jsonb_to_recordset($1::jsonb) AS x(${record})`;
}

/** Inserts `rows` (objects keyed by column name) into `table`. */
export async function insertRows(tx: DbOrTx, table: string, columns: readonly BulkColumn[], rows: object[]): Promise<void> {
  if (!rows.length) return;
  await tx.$executeRawUnsafe(statement(table, columns), JSON.stringify(rows));
}
