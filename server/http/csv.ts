// Every CSV the app writes goes through here: csv-stringify (the csv project's RFC 4180 writer,
// quoting done right) with OWASP's rule against formula injection: a cell that begins with
// = + - @, a tab or a carriage return is prefixed with a single quote, so a spreadsheet shows
// it as text instead of running it (https://owasp.org/www-community/attacks/CSV_Injection).
import { stringify } from "csv-stringify/sync";

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet will show as text, never evaluate. */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Rows of text cells, with a header row, as CSV. */
export function toCsv(columns: string[], rows: (string | number | null | undefined)[][]): string {
  return stringify(
    rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? "" : String(cell)))),
    { header: true, columns, cast: { string: neutralizeCell } },
  );
}
